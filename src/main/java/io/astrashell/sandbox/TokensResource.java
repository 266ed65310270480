package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.TokenList;
import io.astrashell.sandbox.RoleSlice.StoredRole;
import io.astrashell.sandbox.SandboxAuth.Caller;
import io.astrashell.sandbox.SandboxRequest.Body;
import io.astrashell.sandbox.SandboxRequest.ErrorForm;
import io.astrashell.sandbox.TokenSlice.StoredClient;
import io.astrashell.sandbox.UserSlice.StoredUser;
import org.springframework.stereotype.Component;

/**
 * The tokens of the organization: {@code /v2/clientIdSecrets[/{clientId}]}; its slice is the tokens
 * (their hashes) and the administrator's token, seeded with one token of the administrator with
 * Organization Administrator, described {@value #ADMIN_TOKEN_DESCRIPTION}.
 */
@Component
final class TokensResource implements SandboxResource<TokenSlice> {

	static final String KEY = "tokens";

	static final String ADMIN_TOKEN_DESCRIPTION = "sandbox admin token";

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public int version() {
		return 1;
	}

	@Override
	public Class<TokenSlice> sliceType() {
		return TokenSlice.class;
	}

	@Override
	public List<Class<? extends SandboxSlice>> reads() {
		return List.of(OrgSlice.class, RoleSlice.class, UserSlice.class);
	}

	@Override
	public TokenSlice seed(SandboxState state, Instant now) {
		String clientId = SandboxCredentials.newClientId();
		String tokenHash = SandboxCredentials.hash(SandboxCredentials.newSecret());
		StoredRole admin = state.slice(RoleSlice.class).named(BuiltInRoles.ORGANIZATION_ADMINISTRATOR);
		StoredUser adminUser = state.slice(UserSlice.class).byEmail(UsersResource.ADMIN_EMAIL);
		TokenSlice tokens = new TokenSlice(SandboxCredentials.token(clientId, tokenHash));
		tokens.put(new StoredClient(clientId, tokenHash, adminUser == null ? null : adminUser.userId(),
				admin == null ? List.of() : List.of(admin.id()), SandboxCredentials.timestamp(now),
				ADMIN_TOKEN_DESCRIPTION, null));
		return tokens;
	}

	@Override
	public TokenSlice read(SliceJson json, int version) {
		TokenSlice.Stored stored = json.as(TokenSlice.Stored.class);
		if (stored == null || stored.clients() == null || stored.clients().contains(null)) {
			throw new IllegalArgumentException("the tokens of the sandbox state are not a list of entries");
		}
		TokenSlice tokens = new TokenSlice(stored.adminToken());
		for (StoredClient client : stored.clients()) {
			if (client.clientId() == null || client.tokenHash() == null) {
				throw new IllegalArgumentException("a token of the sandbox state lacks its client id or hash");
			}
			tokens.put(client);
		}
		return tokens;
	}

	@Override
	public Object write(TokenSlice slice) {
		return new TokenSlice.Stored(slice.adminToken(), List.copyOf(slice.all()));
	}

	@Override
	public SandboxResponse answer(SandboxRequest r, SandboxStore store) throws IOException {
		if (r.matches("v2", "clientIdSecrets")) {
			if (r.method.equals("POST")) {
				r.errorForm = ErrorForm.TEXT;
			}
			r.allow("GET", "POST");
			return r.method.equals("GET") ? list(r, store) : create(r, store);
		}
		if (r.matches("v2", "clientIdSecrets", "*")) {
			r.allow("DELETE");
			return delete(r, store, r.segment(2));
		}
		return null;
	}

	private static SandboxResponse list(SandboxRequest r, SandboxStore store) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_READ);
			List<TokenInfo> clients = new ArrayList<>();
			for (StoredClient client : s.slice(TokenSlice.class).all()) {
				clients.add(new TokenInfo(client.clientId(), client.roles(), client.generatedOn(), client.description(),
						client.tokenExpiry()));
			}
			return SandboxResponse.json(200, new TokenList(clients));
		});
	}

	private static SandboxResponse create(SandboxRequest r, SandboxStore store) throws IOException {
		Body<CreateTokenRequest> body = r.body(CreateTokenRequest.class);
		return store.transact(s -> {
			Caller caller = SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			CreateTokenRequest request = body.get();
			List<String> roles = s.slice(RoleSlice.class).idsOf(request.roles());
			String orgId = s.slice(OrgSlice.class).id();
			if (request.orgId() != null && !request.orgId().isBlank() && !request.orgId().trim().equalsIgnoreCase(orgId)) {
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
			TokenSlice tokens = s.slice(TokenSlice.class);
			String clientId;
			do {
				clientId = SandboxCredentials.newClientId();
			}
			while (tokens.client(clientId) != null);
			String secret = SandboxCredentials.newSecret();
			String hash = SandboxCredentials.hash(secret);
			String generatedOn = SandboxCredentials.timestamp(Instant.now());
			String description = request.description() == null ? "" : request.description();
			tokens.put(new StoredClient(clientId, hash, caller.userId(), roles, generatedOn, description, expiry));
			return SandboxResponse.json(200, new CreatedToken(clientId, secret, orgId, roles,
					SandboxCredentials.token(clientId, hash), generatedOn, expiry, description));
		});
	}

	private static SandboxResponse delete(SandboxRequest r, SandboxStore store, String clientId) throws IOException {
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_TOKEN_WRITE);
			TokenSlice tokens = s.slice(TokenSlice.class);
			if (tokens.client(clientId) == null) {
				throw SandboxException.notFound("token not found: " + clientId);
			}
			tokens.remove(clientId);
			return SandboxResponse.EMPTY_200;
		});
	}

}
