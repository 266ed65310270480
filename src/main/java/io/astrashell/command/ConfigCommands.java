package io.astrashell.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.api.Urls;
import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.FewNames;
import io.astrashell.cli.GlobalOptions;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.DryRun;
import io.astrashell.cli.Secrets;
import io.astrashell.cli.ValueKind;
import io.astrashell.output.Level;
import io.astrashell.output.Output;
import io.astrashell.service.ProfileService.NewProfile;
import io.astrashell.service.ProfileService.Saved;
import io.astrashell.service.ProfileService;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.AstraRc;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import io.astrashell.session.TokenFormat;
import io.astrashell.shell.Console;
import org.springframework.stereotype.Component;

/**
 * {@code setup} ({@code login}) and {@code config list|create|get|describe|delete|use}: the profiles of
 * {@code ~/.astrarc}. Tokens are shown masked. At the prompt, {@code setup} and {@code config use}
 * switch the session at once.
 */
@Component
public final class ConfigCommands implements CommandGroup {

	/** The JSON of a profile saved (setup, config create). */
	static final JsonShape SAVED_JSON = JsonShape.object("profile", "organizationId", "organizationName", "isDefault", "file");

	static final String GROUP = "Profiles";

	private static final ArgumentSpec PROFILE = ArgumentSpec.required("NAME", "Profile (section) name",
			GlobalOptions.PROFILE);

	private final Session session;

	private final ProfileService profiles;

	private final Console console;

	public ConfigCommands(Session session, ProfileService profiles, Console console) {
		this.session = session;
		this.profiles = profiles;
		this.console = console;
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("config", "Manage the profiles of ~/.astrarc");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("setup").alias("login").group(GROUP)
					.description("Save a token as a profile (asked for with echo off if --token is not given)")
					.option(OptionSpec.value("name", "n", "NAME", "Profile name (default: the organization's name)",
							ValueKind.TEXT))
					.json(SAVED_JSON)
					.handler(this::setup),
				AstraCommand.named("config list").alias("config").group(GROUP)
					.description("List the profiles, the one in use marked")
					.json(JsonShape.list("name", "environment", "maskedToken", "endpoint", "inUse", "isDefault"))
					.handler(this::list),
				AstraCommand.named("config create").group(GROUP)
					.description("Create a profile from --token (checked against the API unless --no-validate)")
					.option(OptionSpec.flag("default", null, "Make it the default profile"))
					.option(OptionSpec.flag("no-validate", null, "Save without checking the token against the API"))
					// the original CLI's short forms of the two global options this command saves
					.option(GlobalOptions.TOKEN.withShortName("t"))
					.option(GlobalOptions.ENV.withShortName("e"))
					.argument(ArgumentSpec.optional("NAME", "Profile name (default: the organization's name)",
							ValueKind.TEXT))
					.check((in, dryRun) -> {
						if (in.option("token") == null) {
							throw AstraError.missingInput("Give the profile's token: --token AstraCS:...");
						}
						TokenFormat.check(TokenFormat.clean(in.option("token")), "--token");
						if (in.argument(0) != null) {
							dryRun.made("profile", in.argument(0).trim());
						}
					})
					.json(SAVED_JSON)
					.handler(this::create),
				AstraCommand.named("config get").alias("config describe").group(GROUP)
					.description("Show a profile (token and URL passwords masked)")
					.option(OptionSpec.value("key", "k", "KEY", "Print only this key's value", ValueKind.TEXT))
					.argument(PROFILE)
					.check(this::checkProfile)
					.json(JsonShape.object("profile").more("the profile's keys and values, tokens masked").or("with --key KEY", JsonShape.object().more("that key and its value")))
					.handler(this::get),
				AstraCommand.named("config delete").group(GROUP).description("Delete a profile")
					.option(Confirmation.YES)
					.argument(PROFILE)
					.check(this::checkProfile)
					.json(JsonShape.object("deleted"))
					.handler(this::delete),
				AstraCommand.named("config use").group(GROUP)
					.description("Make a profile the default (and, at the prompt, the session's)")
					.argument(PROFILE)
					.check(this::checkProfile)
					.json(JsonShape.object("default"))
					.handler(this::use));
	}

	/** For a dry run: the profile is in the file, or created by an earlier line. */
	private void checkProfile(Invocation in, DryRun dryRun) {
		if (!dryRun.makes("profile", in.argument(0).trim())) {
			profiles.get(in.globals(), in.argument(0));
		}
	}

	private Output setup(Invocation in) throws IOException {
		String token = in.option("token");
		if (token == null) {
			token = console.readSecret("Application token (AstraCS:...): ");
			if (token == null || token.isBlank()) {
				throw AstraError.missingInput("No token given: pass --token AstraCS:... or type it when asked. "
						+ "Create one in the Astra UI (Organization settings, Token management).");
			}
			token = token.trim();
		}
		Saved saved = profiles.save(in.globals(), newProfile(in, in.option("name"), token), true, true, false);
		return saved(saved, in, "saved");
	}

	private Output create(Invocation in) {
		String token = in.option("token");
		if (token == null) {
			throw AstraError.missingInput("Give the profile's token: --token AstraCS:...");
		}
		Saved saved = profiles.save(in.globals(), newProfile(in, in.argument(0), token), !in.flag("no-validate"),
				false, in.flag("default"));
		return saved(saved, in, "created");
	}

	private NewProfile newProfile(Invocation in, String name, String token) {
		String envName = in.option("env");
		AstraEnvironment env = envName == null ? AstraEnvironment.PROD : AstraEnvironment.parse(envName).orElseThrow();
		String endpoint = in.option("local-endpoint");
		return new NewProfile(name, token, env, endpoint);
	}

	private Output saved(Saved saved, Invocation in, String verb) {
		String where = session.configFile(in.globals()).toString();
		String org = saved.organization() == null ? "" : " for organization '" + saved.organization().name() + "'";
		Output out = Output.message("Profile '" + saved.name() + "'" + org + " " + (saved.replaced() ? "updated" : verb)
				+ " in " + where + (saved.isDefault() ? "; it is the default." : "."),
				Output.fields("profile", saved.name(), "organizationId",
						saved.organization() == null ? null : saved.organization().id(), "organizationName",
						saved.organization() == null ? null : saved.organization().name(), "isDefault", saved.isDefault(),
						"file", where));
		if (console.hasSession() && in.globals().configFile() == null) {
			Identity c = session.switchTo(saved.name());
			out = out.notice(Level.INFO, "The session now uses profile '" + saved.name() + "' (" + c.environment() + ").");
		}
		return out;
	}

	private Output list(Invocation in) {
		List<ProfileService.Profile> all = profiles.list(in.globals());
		boolean envColumn = all.stream().anyMatch(p -> !"PROD".equals(p.environment()));
		List<String> columns = new ArrayList<>(List.of("Profile"));
		if (envColumn) {
			columns.add("Env");
		}
		columns.add("Token");
		List<List<Object>> rows = new ArrayList<>();
		for (ProfileService.Profile p : all) {
			List<Object> row = new ArrayList<>();
			row.add(p.name() + (p.inUse() ? " (in use)" : ""));
			if (envColumn) {
				row.add(p.environment());
			}
			row.add(p.maskedToken());
			rows.add(row);
		}
		Output out = Output.table(all.size() + " profile(s) in " + session.configFile(in.globals()), all, columns, rows);
		if (all.isEmpty()) {
			out = out.notice(Level.INFO, "No profiles yet in " + session.configFile(in.globals())
					+ ": run 'astra setup', or try the sandbox with --env local.");
		}
		return out;
	}

	private Output get(Invocation in) {
		String name = in.argument(0);
		Map<String, String> values = new LinkedHashMap<>(profiles.get(in.globals(), name));
		values.replaceAll(ConfigCommands::shown);
		String key = in.option("key");
		if (key != null) {
			String value = values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
				.map(Map.Entry::getValue).findFirst()
				.orElseThrow(() -> AstraError.notFound("Profile '" + name + "' has no key '" + key + "'. Keys there: "
						+ FewNames.join(", ", List.copyOf(values.keySet())) + "."));
			return Output.value(key, value, Output.fields(key, value));
		}
		List<Output.Attribute> attributes = new ArrayList<>();
		attributes.add(Output.attribute("Profile", name));
		values.forEach((k, v) -> attributes.add(Output.attribute(k, v)));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("profile", name);
		data.putAll(values);
		return Output.attributes("Profile '" + name + "'", data, attributes);
	}

	/**
	 * A profile's value as {@code config get} shows it: the token key's (in any case) masked whatever
	 * it holds; under any other key, a token masked by its shape ({@code AstraCS:abcd…wxyz}), anything
	 * else shaped like a secret {@code AstraCS:****}, and the password of a URL {@code ****}.
	 */
	static String shown(String key, String value) {
		if (value == null) {
			return null;
		}
		if (key.equalsIgnoreCase(AstraRc.TOKEN_KEY) || TokenFormat.isValid(value.strip())) {
			return TokenFormat.mask(value.strip());
		}
		if (key.equals(AstraRc.ENDPOINT_KEY)) {
			return Urls.masked(value);
		}
		return Secrets.redact(value);
	}

	private Output delete(Invocation in) {
		String name = in.argument(0);
		if (Confirmation.wanted(console, in)) {
			profiles.get(in.globals(), name); // a profile that is not there fails without a question
			Confirmation.ask(console, "Delete profile '" + name + "' from " + session.configFile(in.globals()) + "?",
					"profile '" + name + "'");
		}
		boolean wasDefault = profiles.delete(in.globals(), name);
		Output out = Output.message("Profile '" + name + "' deleted from " + session.configFile(in.globals()) + ".",
				Output.fields("deleted", name));
		if (wasDefault) {
			out = out.notice(Level.WARN, "[default] was a copy of '" + name + "' and is kept, token included: to remove "
					+ "that token too, run 'astra config delete default'.");
		}
		return out;
	}

	private Output use(Invocation in) {
		String name = in.argument(0);
		profiles.makeDefault(in.globals(), name);
		Output out = Output.message("Profile '" + name + "' is now the default.", Output.fields("default", name));
		if (console.hasSession() && in.globals().configFile() == null) {
			Identity c = session.switchTo(name);
			out = out.notice(Level.INFO, "The session now uses profile '" + name + "' (" + c.environment() + ").");
		}
		return out;
	}

}
