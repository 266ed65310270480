package io.astrashell.service;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.astrashell.api.ApiException;
import io.astrashell.api.TokensApi;
import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.TokenList;
import io.astrashell.error.AstraError;
import io.astrashell.session.Identity;
import io.astrashell.session.TokenFormat;
import org.springframework.stereotype.Service;

/**
 * Application tokens: listed (newest first, role names resolved from one roles listing), created
 * with role names or ids, deleted. Revoking the token the session itself uses needs {@code force}.
 */
@Service
public final class TokenService {

	private static final Pattern RELATIVE = Pattern.compile("^(\\d+)\\s*([dhm])$");

	private final ApiCalls api;

	private final RoleService roles;

	private final ChangeListener changes;

	public TokenService(ApiCalls api, RoleService roles, ChangeListener changes) {
		this.api = api;
		this.roles = roles;
		this.changes = changes;
	}

	/** The tokens and the roles to name them with. */
	public record Listing(List<TokenInfo> tokens, List<Role> roles) {

		public List<String> roleNames(TokenInfo token) {
			return token.roles().stream().map(id -> {
				Role r = RoleService.find(id, roles);
				return r == null || r.name() == null ? id : r.name();
			}).toList();
		}

	}

	public Listing list(Identity identity) {
		List<TokenInfo> tokens = clients(identity);
		List<Role> all = roles.list(identity);
		List<TokenInfo> newestFirst = tokens.stream()
			.sorted(Comparator.comparing((TokenInfo t) -> instant(t.generatedOn()), Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
		return new Listing(newestFirst, all);
	}

	/** The tokens in the order the API lists them, without their roles' names (one request). */
	public List<TokenInfo> clients(Identity identity) {
		TokenList listed = api.call(identity, "list the tokens", TokensApi::list);
		return listed == null ? List.of() : listed.clients();
	}

	/** A token just created, and the roles it was given. */
	public record Created(CreatedToken token, List<Role> roles) {
	}

	public Created create(Identity identity, List<String> roleRefs, String description, String expiry) {
		if (roleRefs.isEmpty()) {
			throw AstraError.missingInput("A token needs at least one role: give -r/--role.");
		}
		RoleService.checkRefs(roleRefs);
		checkDescription(description);
		Instant expiresAt = expiry == null ? null : parseExpiry(expiry, Instant.now());
		List<Role> chosen = RoleService.resolveAll(roleRefs, roles.list(identity));
		CreateTokenRequest request = new CreateTokenRequest(chosen.stream().map(Role::id).toList(), description,
				expiresAt == null ? null : expiresAt.toString(), null);
		CreatedToken token = api.call(identity, "create the token", c -> TokensApi.create(c, request));
		if (token == null) {
			token = new CreatedToken(null, null, null, null, null, null, null, description);
		}
		if (token.clientId() != null) {
			changes.added(identity, new TokenInfo(token.clientId(), chosen.stream().map(Role::id).toList(),
					Instant.now().toString(), description, null));
		}
		return new Created(token, chosen);
	}

	/**
	 * Deletes a token; false when it did not exist and {@code ifExists}. Deleting the session's own
	 * token needs {@code force}.
	 */
	public boolean delete(Identity identity, String clientId, boolean ifExists, boolean force) {
		return delete(identity, clientId, ifExists, force, null);
	}

	/**
	 * As {@link #delete(Connection, String, boolean, boolean)}; a {@code beforeDelete} sees the token
	 * found (for it, the tokens are listed first: a token that is not there is reported without it),
	 * after every check and before the request that deletes it (it may throw to cancel).
	 */
	public boolean delete(Identity identity, String clientId, boolean ifExists, boolean force,
			Consumer<TokenInfo> beforeDelete) {
		checkClientId(clientId);
		if (clientId.equals(TokenFormat.clientId(identity.token())) && !force) {
			throw AstraError.invalidInput("Token '" + clientId + "' is the one this session uses: revoking it would "
					+ "lock you out. Add --force to revoke it anyway.");
		}
		if (beforeDelete != null) {
			TokenInfo token = clients(identity).stream()
				.filter(t -> clientId.equals(t.clientId())).findFirst().orElse(null);
			if (token == null) {
				if (ifExists) {
					return false;
				}
				throw AstraError.notFound("Token '" + clientId + "' has not been found. See 'astra token list'.");
			}
			beforeDelete.accept(token);
		}
		boolean deleted = api.call(identity, "delete the token", c -> {
			try {
				TokensApi.delete(c, clientId);
				return true;
			}
			catch (ApiException.NotFound e) {
				if (ifExists) {
					return false;
				}
				throw AstraError.notFound("Token '" + clientId + "' has not been found. See 'astra token list'.");
			}
		});
		changes.removed(identity, new TokenInfo(clientId, List.of(), null, null, null));
		return deleted;
	}

	/** A token's description as typed: no control or bidirectional formatting character (exit 11). */
	public static void checkDescription(String description) {
		if (description != null) {
			InputChecks.noControls("The description '" + description + "'", description);
		}
	}

	/** A client id, not blank and not a whole token (exit 11). */
	public static void checkClientId(String clientId) {
		if (clientId.isBlank()) {
			throw AstraError.invalidInput("Give the client id of the token to delete (see 'astra token list').");
		}
		if (clientId.startsWith(TokenFormat.PREFIX)) {
			throw AstraError.invalidInput("Give the token's client id (the 24 letters after 'AstraCS:'), not the "
					+ "token itself. See 'astra token list'.");
		}
	}

	/** The latest expiry: the end of the year 9999 (RFC 3339, which the API reads, has four-digit years). */
	static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * An expiry: an instant ({@code 2026-12-31T23:59:59Z}), a date ({@code 2026-12-31}, midnight
	 * UTC), or a span from now ({@code 30d}, {@code 12h}, {@code 90m}). Exit 13 otherwise, if past,
	 * or if after the year 9999.
	 */
	public static Instant parseExpiry(String value, Instant now) {
		String v = value.trim();
		Instant at;
		Matcher m = RELATIVE.matcher(v.toLowerCase(Locale.ROOT));
		try {
			if (m.matches()) {
				long n = Long.parseLong(m.group(1));
				Duration d = switch (m.group(2)) {
					case "d" -> Duration.ofDays(n);
					case "h" -> Duration.ofHours(n);
					default -> Duration.ofMinutes(n);
				};
				at = now.plus(d);
			}
			else if (v.length() == 10) {
				at = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else {
				at = Instant.parse(v);
			}
		}
		catch (NumberFormatException | ArithmeticException | DateTimeException e) {
			// a span past Instant.MAX, or a number past a long, is after the year 9999 too
			boolean tooFar = m.matches() || e instanceof ArithmeticException;
			throw AstraError.invalidValue("Invalid expiry '" + value + "': " + (tooFar ? TOO_FAR
					: "give an instant such as 2026-12-31T23:59:59Z, a date such as 2026-12-31, or a span such as "
							+ "30d, 12h or 90m."));
		}
		if (!at.isAfter(now)) {
			throw AstraError.invalidValue("Invalid expiry '" + value + "': it is in the past.");
		}
		if (at.isAfter(LATEST_EXPIRY)) {
			throw AstraError.invalidValue("Invalid expiry '" + value + "': " + TOO_FAR);
		}
		return at;
	}

	private static final String TOO_FAR = "it is after the year 9999; give an expiry up to 9999-12-31T23:59:59Z.";

	static Instant instant(String rfc3339) {
		if (rfc3339 == null) {
			return null;
		}
		try {
			return Instant.parse(rfc3339);
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

}
