package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v2/clientIdSecrets}: the one time the secret and the token are sent. */
public record CreatedToken(String clientId, String secret, String orgId, List<String> roles, String token,
		String generatedOn, @JsonInclude(JsonInclude.Include.ALWAYS) String tokenExpiry, String description) {

	public CreatedToken {
		roles = WireLists.of(roles);
	}

	@Override
	public String toString() {
		return "CreatedToken[clientId=" + clientId + ", secret=****, token=****]";
	}

}
