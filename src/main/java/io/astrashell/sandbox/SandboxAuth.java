package io.astrashell.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

import io.astrashell.sandbox.RoleSlice.StoredRole;
import io.astrashell.sandbox.TokenSlice.StoredClient;

/**
 * Authentication (the bearer token) and authorisation (the actions its roles grant) of a request, for
 * every resource: it reads the tokens ({@link TokenSlice}) and the roles ({@link RoleSlice}).
 */
final class SandboxAuth {

	private SandboxAuth() {
	}

	/** Who is calling: the token's client id and the user it acts for. */
	record Caller(String clientId, String userId) {
	}

	/**
	 * Checks the bearer token of the request against the state (401 when missing, malformed, unknown,
	 * revoked or expired) and that its roles grant {@code action} (403 otherwise).
	 */
	static Caller authorize(SandboxState s, SandboxRequest r, String action) {
		String header = r.authorization();
		if (header == null || header.isBlank()) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "missing token");
		}
		String value = header.trim();
		if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "invalid token format");
		}
		var matcher = SandboxCredentials.TOKEN.matcher(value.substring(7).trim());
		if (!matcher.matches()) {
			throw new SandboxException(401, SandboxException.INVALID_TOKEN_FORMAT, "invalid token format");
		}
		StoredClient client = s.slice(TokenSlice.class).client(matcher.group(1));
		if (client == null || !SandboxCredentials.sameHash(client.tokenHash(), matcher.group(2))) {
			throw new SandboxException(401, SandboxException.UNKNOWN_TOKEN, "invalid token: unknown or revoked");
		}
		if (client.tokenExpiry() != null && expired(client.tokenExpiry())) {
			throw new SandboxException(401, SandboxException.TOKEN_EXPIRED, "token expired");
		}
		Set<String> granted = new HashSet<>();
		RoleSlice roles = s.slice(RoleSlice.class);
		for (String roleId : client.roles()) {
			StoredRole role = roles.role(roleId);
			if (role != null) {
				granted.addAll(role.policy().actions());
			}
		}
		if (!granted.contains(action)) {
			throw new SandboxException(403, SandboxException.FORBIDDEN,
					"permission denied: the token's roles do not grant " + action);
		}
		return new Caller(client.clientId(), client.userId());
	}

	private static boolean expired(String tokenExpiry) {
		try {
			return !Instant.now().isBefore(SandboxCredentials.parseTimestamp(tokenExpiry));
		}
		catch (DateTimeParseException ex) {
			return true;
		}
	}

}
