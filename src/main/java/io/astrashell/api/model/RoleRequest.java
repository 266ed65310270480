package io.astrashell.api.model;

/** {@code POST /v2/organizations/roles} and {@code PUT /v2/organizations/roles/{roleID}}. */
public record RoleRequest(String name, Policy policy) {
}
