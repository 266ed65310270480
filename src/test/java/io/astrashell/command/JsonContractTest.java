package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON contract, pinned as gh pins its {@code --json} fields: for every command, the shape of
 * {@code data} its declaration shows in help (section JSON) is the one written here, and the command,
 * run against the sandbox, prints exactly that: the same keys in the same order (for a list, in each
 * item). A command added without a line here, a key renamed, dropped or added, or a declaration that
 * drifts from what is printed, fails this test. Changing a line here is changing what scripts read.
 */
class JsonContractTest extends ServedSandboxFixture {

	/** Every command's data, in the words of its help page. */
	static final Map<String, String> CONTRACT = new LinkedHashMap<>();

	static {
		String org = "an object: id, name";
		String diff = "an object: organization, inSync, changes, notes, needsForce";
		String saved = "an object: profile, organizationId, organizationName, isDefault, file";
		CONTRACT.put("org get", org);
		CONTRACT.put("org id", org);
		CONTRACT.put("org name", org);
		CONTRACT.put("org export", "an object: organization, roles, users");
		CONTRACT.put("org diff", diff);
		CONTRACT.put("org apply", "an object: applied, failed");
		CONTRACT.put("user list", "a list of objects: UserID, Email, Status, Roles");
		CONTRACT.put("user invite", "an object: invited, roleIds, roleNames, alreadyThere");
		CONTRACT.put("user get", "an object: UserID, Email, Status, Roles");
		CONTRACT.put("user update", "an object: updated, roleIds, roleNames");
		CONTRACT.put("user delete", "an object: deleted, userId");
		CONTRACT.put("role list", "a list of objects: ID, Name, Policy, OrgID, LastUpdateDateTime, LastUpdateUserID");
		CONTRACT.put("role get", "an object: ID, Name, Policy, OrgID, LastUpdateDateTime, LastUpdateUserID");
		CONTRACT.put("role create", "an object: created, id");
		CONTRACT.put("role update", "an object: updated, id");
		CONTRACT.put("role delete", "an object: deleted, id");
		CONTRACT.put("token list", "a list of objects: clientId, roles, generatedOn, description, tokenExpiry");
		CONTRACT.put("token create",
				"an object: clientId, secret, orgId, roles, token, generatedOn, tokenExpiry, description");
		CONTRACT.put("token get", "an object: token, environment, source");
		CONTRACT.put("token delete", "an object: deleted");
		CONTRACT.put("token rotate", "an object: rotated, clientId, secret, token, profiles, oldRevoked");
		CONTRACT.put("config list", "a list of objects: name, environment, maskedToken, endpoint, inUse, isDefault");
		CONTRACT.put("config create", saved);
		CONTRACT.put("setup", saved);
		CONTRACT.put("config get", "an object: profile, then the profile's keys and values, tokens masked");
		CONTRACT.put("config use", "an object: default");
		CONTRACT.put("config delete", "an object: deleted");
		CONTRACT.put("sandbox serve", "an object: endpoint, adminToken, organizationId, organizationName, state");
		CONTRACT.put("sandbox reset", "an object: reset");
		CONTRACT.put("refresh", "an object: , then one count per kind of value, by its name (roles, tokens, users)");
		CONTRACT.put("completion", "a string, the completion script");
		CONTRACT.put("script", "null (each line of the script prints its own document)");
		CONTRACT.put("help", "a string, the help page");
		CONTRACT.put("version", "an object: version, java, springBoot, springShell");
		CONTRACT.put("?", "an object: version");
		CONTRACT.put("history", "a string, the commands, one per line");
		CONTRACT.put("daemon start", "an object: pid, started, served, running, idle, socket, then alreadyRunning");
		CONTRACT.put("daemon status", "an object: pid, started, served, running, idle, socket");
		CONTRACT.put("daemon stop", "an object: pid, started, served, running, idle, socket");
		CONTRACT.put("clear", "null");
		CONTRACT.put("quit", "null");
	}

	/** The variants: a command's other shape and when it prints it. */
	static final Map<String, String> VARIANTS = Map.of(
			"org export", "With --include-tokens: an object: organization, roles, users, tokens.",
			"org apply", "When nothing needs changing, and with --dry-run: an object: organization, inSync, changes, notes, needsForce.",
			"config get", "With --key KEY: an object: , then that key and its value.",
			"history", "With --save FILE: an object: saved, commands.");

	String[] local(String... args) {
		return Stream.concat(Stream.of(args), Stream.of("-o", "json", "--env", "local", "--local-endpoint",
				sandbox.endpoint().toString(), "--token", token)).toArray(String[]::new);
	}

	JsonNode data(String... args) {
		return read(args, astra.run(local(args)));
	}

	/** A command that reads no organization (profiles, the shell's own), run with -o json alone. */
	JsonNode plain(String... args) {
		return read(args, astra.run(Stream.concat(Stream.of(args), Stream.of("-o", "json")).toArray(String[]::new)));
	}

	static JsonNode read(String[] args, Result r) {
		assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isIn(0, 2);
		JsonNode doc = WireJson.mapper().readTree(r.out());
		assertThat(doc.get("code").asString()).isEqualTo("OK");
		return doc.get("data");
	}

	static List<String> keys(JsonNode object) {
		assertThat(object.isObject()).as(String.valueOf(object)).isTrue();
		return new ArrayList<>(object.propertyNames());
	}

	static List<String> fields(String shape) {
		return List.of(shape.substring(shape.indexOf(": ") + 2).split(", "));
	}

	/** Checks one run's data against a shape in the contract's words. */
	static void matches(String command, String shape, JsonNode data) {
		String as = command + ": " + data;
		if (shape.startsWith("a list of objects: ")) {
			assertThat(data.isArray() && !data.isEmpty()).as(as).isTrue();
			data.forEach(item -> assertThat(keys(item)).as(as).isEqualTo(fields(shape)));
		}
		else if (shape.startsWith("an object: ")) {
			int more = shape.indexOf(", then ");
			List<String> declared = more < 0 ? fields(shape) : fields(shape.substring(0, more));
			List<String> keys = keys(data);
			if (more < 0) {
				assertThat(keys).as(as).isEqualTo(declared);
			}
			else {
				assertThat(keys.subList(0, Math.min(keys.size(), declared.size() == 1 && declared.get(0).isEmpty() ? 0
						: declared.size()))).as(as).isEqualTo(declared.get(0).isEmpty() ? List.of() : declared);
				assertThat(keys.size()).as(as).isGreaterThan(declared.get(0).isEmpty() ? 0 : declared.size());
			}
		}
		else if (shape.startsWith("a string")) {
			assertThat(data.isString()).as(as).isTrue();
		}
		else {
			assertThat(data.isNull()).as(as).isTrue();
		}
	}

	@Test
	void everyCommandDeclaresInItsHelpTheShapePinnedHere() {
		Result overview = astra.run("help");
		Matcher m = Pattern.compile("(?m)^ {8}(\\S+(?: [a-z]+)?) {2,}\\S").matcher(overview.out().split("GLOBAL OPTIONS")[0]);
		List<String> listed = new ArrayList<>();
		while (m.find()) {
			if (!m.group(1).equals("astra") && !m.group(1).startsWith("astra ")) {
				listed.add(m.group(1));
			}
		}
		assertThat(listed).as(overview.out()).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
		for (var e : CONTRACT.entrySet()) {
			String help = astra.run("help", e.getKey()).out().replaceAll("\\s+", " ");
			assertThat(help).as(e.getKey()).contains("JSON With -o json, data is " + e.getValue() + ".");
			if (VARIANTS.containsKey(e.getKey())) {
				assertThat(help).as(e.getKey()).contains(VARIANTS.get(e.getKey()));
			}
		}
	}

	@Test
	void everyNounDeclaresWhatItManages() {
		for (String noun : CONTRACT.keySet().stream().filter(c -> c.contains(" ")).map(c -> c.split(" ")[0])
			.distinct()
			.toList()) {
			Result help = astra.run("help", noun);
			assertThat(help.exitCode()).as(noun + ": " + help).isZero();
			assertThat(help.out()).as(noun).startsWith("NAME\n        astra " + noun + " - ").doesNotContain("Commands of");
		}
	}

	@Test
	void everyCommandPrintsWhatItDeclares() throws Exception {
		Map<String, JsonNode> runs = new LinkedHashMap<>();
		runs.put("org get", data("org", "get"));
		runs.put("org id", data("org", "id"));
		runs.put("org name", data("org", "name"));
		runs.put("user invite", data("user", "invite", "ann@example.com", "-r", "RO User"));
		runs.put("user list", data("user", "list"));
		runs.put("user get", data("user", "get", "ann@example.com"));
		runs.put("user update", data("user", "update", "ann@example.com", "-r", "Billing Admin"));
		runs.put("role create", data("role", "create", "Auditors", "-a", "org-read"));
		runs.put("role update", data("role", "update", "Auditors", "-a", "org-write"));
		runs.put("role list", data("role", "list"));
		runs.put("role get", data("role", "get", "Auditors"));
		runs.put("token create", data("token", "create", "-r", "RO User", "--description", "ci"));
		runs.put("token list", data("token", "list"));
		String clientId = runs.get("token create").get("clientId").asString();
		runs.put("token get", data("token", "get"));
		runs.put("org export", data("org", "export"));
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, "users:\n  - email: bob@example.com\n    roles: [\"RO User\"]\n");
		runs.put("org diff", data("org", "diff", file.toString()));
		runs.put("org apply", data("org", "apply", file.toString(), "--yes"));
		runs.put("token rotate", data("token", "rotate", clientId, "--keep-old"));
		runs.put("token delete", data("token", "delete", clientId, "-y"));
		runs.put("role delete", data("role", "delete", "Auditors", "-y"));
		runs.put("user delete", data("user", "delete", "ann@example.com", "-y"));
		runs.put("config create", plain("config", "create", "p", "--token", token, "--no-validate"));
		runs.put("setup", plain("setup", "--token", token, "-n", "q", "--env", "local", "--local-endpoint",
				sandbox.endpoint().toString()));
		runs.put("config list", plain("config", "list"));
		runs.put("config get", plain("config", "get", "p"));
		runs.put("config use", plain("config", "use", "p"));
		runs.put("config delete", plain("config", "delete", "q", "-y"));
		runs.put("refresh", data("refresh"));
		runs.put("completion", plain("completion", "bash"));
		runs.put("help", plain("help", "user"));
		runs.put("version", plain("version"));
		runs.put("?", plain("?"));
		runs.put("history", plain("history"));
		runs.put("clear", plain("clear"));
		runs.put("quit", plain("quit"));
		for (var run : runs.entrySet()) {
			matches(run.getKey(), CONTRACT.get(run.getKey()), run.getValue());
		}
		// the variants
		matches("org export --include-tokens", variant("org export"), data("org", "export", "--include-tokens"));
		matches("org apply in sync", variant("org apply"), data("org", "apply", file.toString(), "--yes"));
		matches("config get --key", variant("config get"), plain("config", "get", "p", "--key", "ASTRA_DB_APPLICATION_TOKEN"));
		matches("history --save", variant("history"), plain("history", "--save", dir.resolve("h.astra").toString()));
		// a script prints the documents of its lines, none of its own
		Path script = Files.writeString(dir.resolve("s.astra"), "org id\n");
		assertThat(astra.run(local("script", script.toString())).out()).isEqualTo(astra.run(local("org", "id")).out());
		// last: it forgets the organization this test's token belongs to
		matches("sandbox reset", CONTRACT.get("sandbox reset"), plain("sandbox", "reset"));
		runs.put("sandbox reset", null);
		// sandbox serve runs until Ctrl-C, and the daemon commands start a JVM of their own: their shapes are
		// pinned by the help test here, and the daemon's runs by launcher/DaemonIT
		assertThat(runs.keySet()).containsAll(CONTRACT.keySet().stream()
			.filter(c -> !c.equals("script") && !c.equals("sandbox serve") && !c.startsWith("daemon ")).toList());
	}

	static String variant(String command) {
		String v = VARIANTS.get(command);
		return v.substring(v.indexOf(": ") + 2, v.length() - 1);
	}

}
