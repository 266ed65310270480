package io.astrashell.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The organization's own fields of {@code GET /v2/organizations/users}: its id and name, read
 * without binding the users (the listing can hold thousands). The live service names the
 * organization only there; {@code /v2/currentOrg} sends the id alone.
 */
public record OrganizationSummary(@JsonProperty("OrgID") String orgId, @JsonProperty("OrgName") String orgName) {
}
