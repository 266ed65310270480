package io.astrashell.api.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A role: built-in or custom. In a user's {@code Roles} only {@code ID} and {@code Name} are promised;
 * the create response adds the organization and the last update. The OpenAPI form spells the update
 * keys {@code last_update_datetime} and {@code last_update_userid}: both read.
 */
public record Role(@JsonProperty("ID") String id, @JsonProperty("Name") String name,
		@JsonProperty("Policy") Policy policy, @JsonProperty("OrgID") String orgId,
		@JsonProperty("LastUpdateDateTime") @JsonAlias("last_update_datetime") String lastUpdateDateTime,
		@JsonProperty("LastUpdateUserID") @JsonAlias("last_update_userid") String lastUpdateUserId) {

	public Role(String id, String name, Policy policy) {
		this(id, name, policy, null, null, null);
	}

}
