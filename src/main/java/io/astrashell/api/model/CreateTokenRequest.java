package io.astrashell.api.model;

import java.util.List;

/** {@code POST /v2/clientIdSecrets}: role ids, and optionally a description, an expiry and an org id. */
public record CreateTokenRequest(List<String> roles, String description, String tokenExpiry, String orgId) {
}
