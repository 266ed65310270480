package io.astrashell.api;

import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.TokenList;

/** The token endpoints of the DevOps API (docs/wire.md): {@code /v2/clientIdSecrets}. */
public final class TokensApi {

	private static final String TOKENS = "/v2/clientIdSecrets";

	private TokensApi() {
	}

	public static TokenList list(DevOpsClient client) {
		return client.get(TOKENS, TokenList.class);
	}

	public static CreatedToken create(DevOpsClient client, CreateTokenRequest request) {
		return client.post(TOKENS, request, CreatedToken.class);
	}

	public static void delete(DevOpsClient client, String clientId) {
		client.delete(TOKENS + "/" + DevOpsClient.segment(clientId));
	}

}
