package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One application token as listed: its client id, role ids, creation time, description and expiry. */
public record TokenInfo(String clientId, List<String> roles, String generatedOn, String description,
		@JsonInclude(JsonInclude.Include.ALWAYS) String tokenExpiry) {

	public TokenInfo {
		roles = WireLists.of(roles);
	}

}
