package io.astrashell.api.model;

/**
 * The organization's own fields of {@code GET /v2/organizations/users}: its id and name, read
 * without binding the users (the listing can hold thousands). The live service names the
 * organization only there; {@code /v2/currentOrg} sends the id alone.
 *
 * <p>{@code OrganizationApi#summary} reads it with Jackson's streaming parser, top-level keys
 * only, in any casing.
 */
public record OrganizationSummary(String orgId, String orgName) {
}
