package io.astrashell.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PUT /v2/organizations/users}: invite (or re-invite) an email with role ids. */
public record InviteUserRequest(String email, @JsonProperty("orgID") String orgId, List<String> roles) {
}
