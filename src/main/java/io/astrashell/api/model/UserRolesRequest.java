package io.astrashell.api.model;

import java.util.List;

/** {@code PUT /v2/organizations/users/{userID}/roles}: the new set of role ids (replaces the old one). */
public record UserRolesRequest(List<String> roles) {
}
