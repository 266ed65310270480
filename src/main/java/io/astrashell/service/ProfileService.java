package io.astrashell.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.astrashell.cli.Globals;
import io.astrashell.cli.Words;
import io.astrashell.error.AstraError;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Identity;
import io.astrashell.session.Profiles;
import io.astrashell.session.Session;
import io.astrashell.session.TokenFormat;
import org.springframework.stereotype.Service;

/**
 * The profiles of {@code ~/.astrarc}: listed, created (the token checked against the API first,
 * the profile named after the organization), read, deleted, and made the default. As in the
 * original CLI, {@code [default]} is a copy of the chosen profile, so the file stays readable by it.
 */
@Service
public final class ProfileService {

	private final Session session;

	private final OrgService orgs;

	public ProfileService(Session session, OrgService orgs) {
		this.session = session;
		this.orgs = orgs;
	}

	/** One profile as listed: tokens masked. */
	public record Profile(String name, String environment, String maskedToken, String endpoint, boolean inUse,
			boolean isDefault) {
	}

	/**
	 * The profiles of the file, and which one the command or session uses: the profile it names,
	 * or, on {@code [default]}, every profile that {@code [default]} is a copy of.
	 */
	public List<Profile> list(Globals globals) {
		AstraRc rc = session.profiles(globals).read();
		Map<String, String> defaults = rc.section(AstraRc.DEFAULT_SECTION).orElse(Map.of());
		String profile = session.profileFor(globals);
		String used = profile != null && rc.value(profile, AstraRc.TOKEN_KEY) != null ? profile : null;
		List<Profile> out = new ArrayList<>();
		for (String name : rc.sections()) {
			Map<String, String> values = rc.section(name).orElseThrow();
			boolean isCopyOfDefault = !name.equals(AstraRc.DEFAULT_SECTION) && !defaults.isEmpty()
					&& Objects.equals(values.get(AstraRc.TOKEN_KEY), defaults.get(AstraRc.TOKEN_KEY))
					&& Objects.equals(env(values), env(defaults));
			boolean marked = name.equals(used) || (AstraRc.DEFAULT_SECTION.equals(used) && isCopyOfDefault);
			out.add(new Profile(name, env(values), TokenFormat.mask(values.get(AstraRc.TOKEN_KEY)),
					values.get(AstraRc.ENDPOINT_KEY), marked, isCopyOfDefault || name.equals(AstraRc.DEFAULT_SECTION)));
		}
		return out;
	}

	private static String env(Map<String, String> values) {
		String env = values.get(AstraRc.ENV_KEY);
		return env == null || env.isBlank() ? AstraEnvironment.PROD.name() : env.trim().toUpperCase();
	}

	/** The keys of a profile (exit 5 naming those that exist). */
	public Map<String, String> get(Globals globals, String name) {
		AstraRc rc = session.profiles(globals).read();
		return rc.section(name).orElseThrow(() -> rc.missingSection(name));
	}

	/** What a new profile holds. */
	public record NewProfile(String name, String token, AstraEnvironment environment, String endpoint) {
	}

	/** What saving a profile did. */
	public record Saved(String name, Organization organization, boolean isDefault, boolean replaced) {
	}

	/**
	 * Checks a token against the API (the organization it belongs to) without saving anything.
	 */
	public Organization check(String token, AstraEnvironment env, String endpoint) {
		token = TokenFormat.clean(token);
		TokenFormat.check(token, "the token given");
		Identity identity = session.resolve(Globals.NONE.withToken(token)
			.withEnv(env.name())
			.withLocalEndpoint(env == AstraEnvironment.LOCAL ? endpoint : null));
		return orgs.current(identity);
	}

	/**
	 * Saves a profile. The name, when not given, is the organization's ({@code validate} must then be
	 * on). {@code replace} allows overwriting a profile of that name; {@code makeDefault} copies it to
	 * {@code [default]}, which also happens when there is no default yet.
	 */
	public Saved save(Globals globals, NewProfile profile, boolean validate, boolean replace, boolean makeDefault) {
		String token = TokenFormat.clean(profile.token());
		TokenFormat.check(token, "the token given");
		if (profile.endpoint() != null && profile.environment() != AstraEnvironment.LOCAL) {
			throw AstraError.invalidInput("--local-endpoint goes with --env local.");
		}
		String endpoint = profile.endpoint() == null ? null : profile.endpoint().strip();
		if (endpoint != null) {
			// checked whatever --no-validate says: the file must read back as written
			AstraRc.checkWritable("--local-endpoint", endpoint);
			Session.endpointUri(endpoint);
		}
		if (profile.name() != null) {
			checkName(profile.name().strip(), "The profile name");
		}
		Organization org = validate ? check(token, profile.environment(), endpoint) : null;
		String name = profile.name() != null ? profile.name().strip() : org == null ? null : org.name().strip();
		if (name == null || name.isBlank()) {
			throw AstraError.missingInput("Give the profile a NAME (with --no-validate the organization's name "
					+ "is not known).");
		}
		if (profile.name() == null) {
			checkName(name, "The organization's name, the profile's name by default,");
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put(AstraRc.TOKEN_KEY, token);
		if (profile.environment() != AstraEnvironment.PROD) {
			values.put(AstraRc.ENV_KEY, profile.environment().name());
		}
		if (endpoint != null) {
			values.put(AstraRc.ENDPOINT_KEY, endpoint);
		}
		Profiles profiles = session.profiles(globals);
		String finalName = name;
		return profiles.update(rc -> {
			boolean exists = rc.hasSection(finalName);
			if (exists && !replace) {
				throw AstraError.alreadyExists("Profile '" + finalName + "' already exists in " + rc.path()
						+ ". Delete it first ('astra config delete " + finalName + "'), or use 'astra setup'.");
			}
			boolean becomesDefault = makeDefault || !rc.hasSection(AstraRc.DEFAULT_SECTION)
					|| finalName.equals(AstraRc.DEFAULT_SECTION);
			if (becomesDefault) {
				keepDefaultToken(globals, rc, token, finalName);
			}
			rc.replace(finalName, values);
			if (becomesDefault && !finalName.equals(AstraRc.DEFAULT_SECTION)) {
				rc.replace(AstraRc.DEFAULT_SECTION, values);
				rc.moveFirst(AstraRc.DEFAULT_SECTION);
			}
			return new Saved(finalName, org, becomesDefault, exists);
		});
	}

	/** A profile name that can be written as a section header: one line, no brackets, no control character. */
	private static void checkName(String name, String what) {
		AstraRc.checkWritable(what, name);
		if (name.contains("[") || name.contains("]")) {
			throw AstraError.invalidInput(what + " cannot hold '[' or ']': give another with "
					+ (what.startsWith("The organization") ? "--name NAME." : "NAME."));
		}
	}

	/** Copies a profile into {@code [default]}. */
	public void makeDefault(Globals globals, String name) {
		session.profiles(globals).update(rc -> {
			Map<String, String> values = rc.section(name).orElseThrow(() -> rc.missingSection(name));
			if (!name.equals(AstraRc.DEFAULT_SECTION)) {
				keepDefaultToken(globals, rc, values.get(AstraRc.TOKEN_KEY), name);
				rc.replace(AstraRc.DEFAULT_SECTION, values);
				rc.moveFirst(AstraRc.DEFAULT_SECTION);
			}
			return null;
		});
	}

	/**
	 * Never destroys the only copy of a credential: {@code [default]} may be overwritten when it holds
	 * no token, the same token, or a token that another profile holds too (as in the files the
	 * original CLI writes, where it is a copy). Otherwise (a {@code [default]} written by hand) the
	 * change is refused (exit 11), naming the commands that keep the token, or discard it knowingly.
	 */
	private void keepDefaultToken(Globals globals, AstraRc rc, String newToken, String becoming) {
		String old = rc.value(AstraRc.DEFAULT_SECTION, AstraRc.TOKEN_KEY);
		if (old == null || old.isBlank() || old.strip().equals(newToken == null ? null : newToken.strip())) {
			return;
		}
		for (String other : rc.sections()) {
			String held = rc.value(other, AstraRc.TOKEN_KEY);
			if (!other.equals(AstraRc.DEFAULT_SECTION) && held != null && held.strip().equals(old.strip())) {
				return;
			}
		}
		String cf = session.configFile(globals).equals(session.settings().configFile()) ? ""
				: " -cf " + Words.shellQuoted(rc.path().toString());
		String keep;
		if (TokenFormat.isValid(old.strip())) {
			String spare = AstraRc.DEFAULT_SECTION;
			for (int i = 1; rc.hasSection(spare); i++) {
				spare = "previous-default" + (i == 1 ? "" : "-" + i);
			}
			Map<String, String> values = rc.section(AstraRc.DEFAULT_SECTION).orElseThrow();
			String env = values.get(AstraRc.ENV_KEY);
			String endpoint = values.get(AstraRc.ENDPOINT_KEY);
			boolean local = env != null && env.strip().equalsIgnoreCase(AstraEnvironment.LOCAL.name());
			keep = "keep it, first run: astra config create " + spare + " --token \"$(astra token get -conf "
					+ AstraRc.DEFAULT_SECTION + cf + ")\"" + cf
					+ (env == null || env.isBlank() ? "" : " --env " + Words.shellQuoted(env.strip()))
					+ (local && endpoint != null ? " --local-endpoint " + Words.shellQuoted(endpoint) : "")
					+ " --no-validate";
		}
		else {
			keep = "keep it, first rename its [default] line in " + rc.path() + " (to [previous-default], say)";
		}
		String what = becoming.equals(AstraRc.DEFAULT_SECTION) ? "replacing it"
				: "making '" + becoming + "' the default";
		throw AstraError.invalidInput("[default] in " + rc.path() + " holds a token that no other profile "
				+ "holds, and " + what + " would lose it, so nothing was changed. To " + keep
				+ "; to discard it, first run: astra config delete default" + cf + ". Then run this command again.");
	}

	/** Deletes a profile; returns whether {@code [default]} was a copy of it (and so stays as it was). */
	public boolean delete(Globals globals, String name) {
		Profiles profiles = session.profiles(globals);
		return profiles.update(rc -> {
			Map<String, String> values = rc.section(name).orElseThrow(() -> rc.missingSection(name));
			Map<String, String> defaults = rc.section(AstraRc.DEFAULT_SECTION).orElse(Map.of());
			boolean wasDefault = !name.equals(AstraRc.DEFAULT_SECTION) && values.equals(defaults);
			rc.remove(name);
			return wasDefault;
		});
	}

}
