package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member of the organization. {@code Status} is {@code active} or {@code invited}. */
public record User(@JsonProperty("UserID") String userId, @JsonProperty("Email") String email,
		@JsonProperty("Status") String status, @JsonProperty("Roles") List<Role> roles) {

	public User {
		roles = WireLists.of(roles);
	}

}
