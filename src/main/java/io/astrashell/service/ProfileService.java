package io.astrashell.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.astrashell.cli.CliException;
import io.astrashell.cli.Globals;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Connection;
import io.astrashell.session.Profiles;
import io.astrashell.session.Session;
import io.astrashell.session.TokenFormat;

/**
 * The profiles of {@code ~/.astrarc}: listed, created (the token checked against the API first,
 * the profile named after the organization), read, deleted, and made the default. As in the
 * original CLI, {@code [default]} is a copy of the chosen profile, so the file stays readable by it.
 */
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
		return rc.section(name).orElseThrow(() -> notFound(rc, name));
	}

	private static CliException notFound(AstraRc rc, String name) {
		List<String> names = rc.sections();
		return CliException.notFound("Profile '" + name + "' is not in " + rc.path() + "."
				+ (names.isEmpty() ? " There are no profiles yet: run 'astra setup'." : " Profiles there: "
						+ String.join(", ", names) + "."));
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
		TokenFormat.check(token, "the token given");
		Connection connection = session.resolve(new Globals(token, null, null, env.name(),
				env == AstraEnvironment.LOCAL ? endpoint : null, null, null, null));
		return orgs.current(connection);
	}

	/**
	 * Saves a profile. The name, when not given, is the organization's ({@code validate} must then be
	 * on). {@code replace} allows overwriting a profile of that name; {@code makeDefault} copies it to
	 * {@code [default]}, which also happens when there is no default yet.
	 */
	public Saved save(Globals globals, NewProfile profile, boolean validate, boolean replace, boolean makeDefault) {
		TokenFormat.check(profile.token(), "the token given");
		if (profile.endpoint() != null && profile.environment() != AstraEnvironment.LOCAL) {
			throw CliException.invalidArgument("--local-endpoint goes with --env local.");
		}
		if (profile.endpoint() != null) {
			Session.endpointUri(profile.endpoint(), "--local-endpoint"); // checked even with --no-validate
		}
		Organization org = validate ? check(profile.token(), profile.environment(), profile.endpoint()) : null;
		String name = profile.name() != null ? profile.name().trim() : org == null ? null : org.name();
		if (name == null || name.isBlank()) {
			throw CliException.missingOption("Give the profile a NAME (with --no-validate the organization's name "
					+ "is not known).");
		}
		if (name.contains("[") || name.contains("]") || name.contains("\n")) {
			throw CliException.invalidArgument("A profile name cannot hold '[', ']' or a line break: '" + name + "'.");
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put(AstraRc.TOKEN_KEY, profile.token());
		if (profile.environment() != AstraEnvironment.PROD) {
			values.put(AstraRc.ENV_KEY, profile.environment().name());
		}
		if (profile.endpoint() != null) {
			values.put(AstraRc.ENDPOINT_KEY, profile.endpoint());
		}
		Profiles profiles = session.profiles(globals);
		String finalName = name;
		return profiles.update(rc -> {
			boolean exists = rc.hasSection(finalName);
			if (exists && !replace) {
				throw CliException.alreadyExists("Profile '" + finalName + "' already exists in " + rc.path()
						+ ". Delete it first ('astra config delete " + finalName + "'), or use 'astra setup'.");
			}
			rc.replace(finalName, values);
			boolean becomesDefault = makeDefault || !rc.hasSection(AstraRc.DEFAULT_SECTION)
					|| finalName.equals(AstraRc.DEFAULT_SECTION);
			if (becomesDefault && !finalName.equals(AstraRc.DEFAULT_SECTION)) {
				rc.replace(AstraRc.DEFAULT_SECTION, values);
				rc.moveFirst(AstraRc.DEFAULT_SECTION);
			}
			return new Saved(finalName, org, becomesDefault, exists);
		});
	}

	/** Copies a profile into {@code [default]}. */
	public void makeDefault(Globals globals, String name) {
		session.profiles(globals).update(rc -> {
			Map<String, String> values = rc.section(name).orElseThrow(() -> notFound(rc, name));
			if (!name.equals(AstraRc.DEFAULT_SECTION)) {
				rc.replace(AstraRc.DEFAULT_SECTION, values);
				rc.moveFirst(AstraRc.DEFAULT_SECTION);
			}
			return null;
		});
	}

	/** Deletes a profile; returns whether {@code [default]} was a copy of it (and so stays as it was). */
	public boolean delete(Globals globals, String name) {
		Profiles profiles = session.profiles(globals);
		return profiles.update(rc -> {
			Map<String, String> values = rc.section(name).orElseThrow(() -> notFound(rc, name));
			Map<String, String> defaults = rc.section(AstraRc.DEFAULT_SECTION).orElse(Map.of());
			boolean wasDefault = !name.equals(AstraRc.DEFAULT_SECTION) && values.equals(defaults);
			rc.remove(name);
			return wasDefault;
		});
	}

}
