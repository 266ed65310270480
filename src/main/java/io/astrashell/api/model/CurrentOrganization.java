package io.astrashell.api.model;

/** {@code GET /v2/currentOrg}: the organization of the token. The live service sends no name. */
public record CurrentOrganization(String id) {
}
