package io.astrashell.api.model;

/**
 * The organization's own fields of {@code GET /v2/organizations/users}: its id and name, read
 * without binding the users (the listing can hold thousands). The live service names the
 * organization only there; {@code /v2/currentOrg} sends the id alone.
 *
 * <p>The keys {@code OrgID} and {@code OrgName} match these names because {@link WireJson} reads keys
 * case-insensitively, so the record needs no {@code @JsonProperty}: {@code org} is the command run
 * most from scripts, and reading annotations the first time costs Jackson a few milliseconds on every
 * one-shot run.
 */
public record OrganizationSummary(String orgId, String orgName) {
}
