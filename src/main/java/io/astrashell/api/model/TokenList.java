package io.astrashell.api.model;

import java.util.List;

/** {@code GET /v2/clientIdSecrets}: never holds a secret or a token. */
public record TokenList(List<TokenInfo> clients) {

	public TokenList {
		clients = WireLists.of(clients);
	}

}
