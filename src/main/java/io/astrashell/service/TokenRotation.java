package io.astrashell.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.astrashell.api.TokensApi;
import io.astrashell.api.model.CreateTokenRequest;
import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.cli.Globals;
import io.astrashell.error.AstraError;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Identity;
import io.astrashell.session.Profiles;
import io.astrashell.session.Session;
import io.astrashell.session.TokenFormat;
import org.springframework.stereotype.Service;

/**
 * {@code token rotate}: a new token with the old one's roles, written into the profiles that held
 * the old one, checked, and only then the old one revoked. Nothing is lost on the way: every step
 * that can fail comes before the one that cannot be undone, and a failure after the new token
 * exists hands it back ({@link Rotation#problem}) so that it can be printed once.
 *
 * <ol>
 * <li>the old token is found (exit 5 if not), the profiles to write chosen and checked writable;
 * nothing has changed yet, so any failure here changes nothing;</li>
 * <li>the new token is created with the old one's roles (and description, unless given);</li>
 * <li>it must answer for the same organization: else nothing is written, the old one stays;</li>
 * <li>it is written into every chosen profile, in one atomic rewrite: else the old one stays;</li>
 * <li>the old token is revoked (unless kept); if that fails, the old one is said to be still valid.</li>
 * </ol>
 *
 * Two rotations of one token take turns ({@link ApiCalls#exclusive}, across shells too): the second
 * finds the old token gone and stops (exit 5) instead of making a second new one.
 */
@Service
public final class TokenRotation {

	private final ApiCalls api;

	private final Session session;

	private final OrgService orgs;

	private final ChangeListener changes;

	private final TokenService tokens;

	public TokenRotation(ApiCalls api, Session session, OrgService orgs, ChangeListener changes, TokenService tokens) {
		this.api = api;
		this.tokens = tokens;
		this.session = session;
		this.orgs = orgs;
		this.changes = changes;
	}

	/** What to rotate: the token, the profiles named (none: every profile holding it), the options. */
	public record Request(String clientId, List<String> profiles, boolean keepOld, String description) {
	}

	/** The step a rotation stopped at, once the new token exists. */
	public enum Problem {

		/** The new token did not answer for the organization: nothing was written, the old one stays. */
		CHECK_FAILED,

		/** The profiles could not be written: the old one stays. */
		NOT_WRITTEN,

		/** The profiles hold the new token, but the old one could not be revoked: it is still valid. */
		NOT_REVOKED

	}

	/**
	 * The outcome: the new token, the profiles now holding it, whether the old one was revoked, and
	 * the problem that stopped it (null when none) with its sentence.
	 */
	public record Rotation(String oldClientId, CreatedToken created, List<String> profiles, boolean oldRevoked,
			Problem problem, String why, List<String> stillHoldingOld) {

		Rotation(String oldClientId, CreatedToken created, List<String> profiles, boolean oldRevoked, Problem problem,
				String why) {
			this(oldClientId, created, profiles, oldRevoked, problem, why, List.of());
		}

		Rotation leaving(List<String> others) {
			return new Rotation(oldClientId, created, profiles, oldRevoked, problem, why, List.copyOf(others));
		}

	}

	public Rotation rotate(Globals globals, Request request) {
		TokenService.checkClientId(request.clientId());
		TokenService.checkDescription(request.description());
		Identity caller = session.identityFor(globals);
		Profiles profiles = session.profiles(globals);
		return api.exclusive(caller, "tokens", () -> rotateNow(caller, profiles, request));
	}

	private Rotation rotateNow(Identity caller, Profiles profiles, Request request) {
		Rotation done = rotateOnce(caller, profiles, request);
		if (request.profiles().isEmpty() || done.profiles().isEmpty()) {
			return done;
		}
		// named profiles only: say which others still hold the old token
		List<String> others = holding(profiles.read(), request.clientId());
		others.removeAll(done.profiles());
		return done.leaving(others);
	}

	private Rotation rotateOnce(Identity caller, Profiles profiles, Request request) {
		String clientId = request.clientId();
		TokenInfo old = tokens.clients(caller).stream()
			.filter(t -> clientId.equals(t.clientId()))
			.findFirst()
			.orElseThrow(() -> AstraError.notFound("Token '" + clientId + "' has not been found. See 'astra token list'."));
		List<String> targets = targets(profiles, request);
		if (targets.isEmpty() && !request.keepOld()) {
			throw AstraError.invalidInput("No profile of " + profiles.file() + " holds token '" + clientId
					+ "': revoking it would leave its new token nowhere. Name the profiles to write it into with "
					+ "-conf PROFILE, or add --keep-old to make a new token and keep the old one. Nothing was changed.");
		}
		if (!targets.isEmpty()) {
			profiles.checkWritable(); // exit 9 before anything is created
		}
		String organization = orgs.current(caller).id();

		String description = request.description() != null ? request.description() : old.description();
		CreateTokenRequest create = new CreateTokenRequest(old.roles(), description, null, null);
		CreatedToken created = api.call(caller, "create the new token", c -> TokensApi.create(c, create));
		if (created == null || !TokenFormat.isValid(created.token())) {
			throw AstraError.failed("The API created no usable token (its answer held none): nothing was written and "
					+ "token '" + clientId + "' was not revoked; see 'astra token list'.");
		}
		changes.added(caller, new TokenInfo(created.clientId(), old.roles(), created.generatedOn(), description,
				created.tokenExpiry()));
		Identity fresh = new Identity(caller.environment(), caller.baseUrl(), created.token(), caller.profile(),
				"the rotated token");

		// 3. the new token answers, for the same organization
		String answered;
		try {
			answered = orgs.current(fresh).id();
		}
		catch (AstraError e) {
			return new Rotation(clientId, created, List.of(), false, Problem.CHECK_FAILED,
					"The new token did not answer (" + e.getMessage() + "): nothing was written and token '" + clientId
							+ "' was not revoked.");
		}
		if (!Objects.equals(answered, organization)) {
			return new Rotation(clientId, created, List.of(), false, Problem.CHECK_FAILED,
					"The new token answers for organization " + answered + ", not " + organization
							+ ": nothing was written and token '" + clientId + "' was not revoked.");
		}

		// 4. written into every profile at once
		if (!targets.isEmpty()) {
			try {
				profiles.update(rc -> {
					for (String section : targets) {
						rc.set(section, AstraRc.TOKEN_KEY, created.token());
					}
					return null;
				});
			}
			catch (AstraError e) {
				return new Rotation(clientId, created, List.of(), false, Problem.NOT_WRITTEN,
						e.getMessage() + " Token '" + clientId + "' was not revoked and still works.");
			}
		}
		switchSession(caller, created.token());
		if (request.keepOld()) {
			return new Rotation(clientId, created, targets, false, null, null);
		}

		// 5. the old one revoked, by the new one (which proves it can act)
		try {
			api.call(fresh, "revoke the old token", c -> {
				TokensApi.delete(c, clientId);
				return null;
			});
		}
		catch (AstraError e) {
			return new Rotation(clientId, created, targets, false, Problem.NOT_REVOKED,
					"The old token '" + clientId + "' could not be revoked (" + e.getMessage()
							+ "): it is still valid. Revoke it with 'astra token delete " + clientId + "'.");
		}
		changes.removed(caller, old);
		return new Rotation(clientId, created, targets, true, null, null);
	}

	/**
	 * The profiles to write: those named (each must exist), or every profile whose token has this
	 * client id ({@code [default]} included).
	 */
	private static List<String> targets(Profiles profiles, Request request) {
		AstraRc rc = profiles.read();
		if (!request.profiles().isEmpty()) {
			List<String> named = new ArrayList<>();
			for (String p : request.profiles()) {
				String name = p.strip();
				if (!rc.hasSection(name)) {
					throw rc.missingSection(name);
				}
				if (!named.contains(name)) {
					named.add(name);
				}
			}
			return named;
		}
		return holding(rc, request.clientId());
	}

	/** The profiles whose token has this client id. */
	private static List<String> holding(AstraRc rc, String clientId) {
		List<String> holding = new ArrayList<>();
		for (String section : rc.sections()) {
			String token = rc.value(section, AstraRc.TOKEN_KEY);
			if (token != null && clientId.equals(TokenFormat.clientId(TokenFormat.clean(token)))) {
				holding.add(section);
			}
		}
		return holding;
	}

	/** The session used the old token: from now on it uses the new one (at the prompt, the next commands). */
	private void switchSession(Identity caller, String token) {
		Identity current = session.known();
		if (current == null || !current.token().equals(caller.token())) {
			return;
		}
		if (session.defaults().token() != null) {
			session.useDefaults(session.defaults().withToken(token));
		}
		else {
			session.useDefaults(session.defaults()); // resolved again: from the profile, which now holds the new one
		}
		try {
			session.current(); // at once, so that the prompt goes on naming its environment
		}
		catch (AstraError e) {
			// the next command says what is wrong with it
		}
	}

}
