package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.TokenList;
import io.astrashell.sandbox.SandboxAuth.Caller;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.SandboxState.StoredClient;

/** The tokens of the organization: {@code /v2/clientIdSecrets[/{clientId}]}. */
final class TokensHandler {

	private final SandboxStore store;

	TokensHandler(SandboxStore store) {
		this.store = store;
	}

	SandboxResponse list(SandboxRequest r) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_READ);
			List<TokenInfo> clients = new ArrayList<>(s.clients().size());
			for (StoredClient client : s.clients()) {
				clients.add(new TokenInfo(client.clientId(), client.roles(), client.generatedOn(), client.description(),
						client.tokenExpiry()));
			}
			return SandboxResponse.json(200, new TokenList(clients));
		});
	}

	SandboxResponse create(SandboxRequest r) throws IOException {
		Body<CreateTokenRequest> body = r.body(CreateTokenRequest.class);
		return this.store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			CreateTokenRequest request = body.get();
			List<String> roles = RolesHandler.roleIds(s, request.roles());
			if (request.orgId() != null && !request.orgId().isBlank()
					&& !request.orgId().trim().equalsIgnoreCase(s.orgId())) {
				throw SandboxException.badRequest("invalid org id: " + request.orgId());
			}
			String expiry = null;
			if (request.tokenExpiry() != null && !request.tokenExpiry().isBlank()) {
				try {
					expiry = SandboxCredentials.timestamp(SandboxCredentials.parseTimestamp(request.tokenExpiry()));
				}
				catch (DateTimeParseException ex) {
					throw SandboxException.badRequest("invalid token expiry: " + request.tokenExpiry()
							+ " (expected an RFC 3339 date-time such as 2030-01-31T00:00:00Z)");
				}
			}
			String clientId;
			do {
				clientId = SandboxCredentials.newClientId();
			}
			while (s.client(clientId) != null);
			String secret = SandboxCredentials.newSecret();
			String hash = SandboxCredentials.hash(secret);
			String generatedOn = SandboxCredentials.timestamp(Instant.now());
			String description = request.description() == null ? "" : request.description();
			s.putClient(new StoredClient(clientId, hash, caller.userId(), roles, generatedOn, description, expiry));
			return SandboxResponse.json(200, new CreatedToken(clientId, secret, s.orgId(), roles,
					SandboxCredentials.token(clientId, hash), generatedOn, expiry, description));
		});
	}

	SandboxResponse delete(SandboxRequest r, String clientId) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			if (s.client(clientId) == null) {
				throw SandboxException.notFound("token not found: " + clientId);
			}
			s.removeClient(clientId);
			return SandboxResponse.EMPTY_200;
		});
	}

}
