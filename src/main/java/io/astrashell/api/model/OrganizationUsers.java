package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /v2/organizations/users}: the organization's id and name, and every user. */
public record OrganizationUsers(@JsonProperty("OrgID") String orgId, @JsonProperty("OrgName") String orgName,
		@JsonProperty("Users") List<User> users) {

	public OrganizationUsers {
		users = WireLists.of(users);
	}

}
