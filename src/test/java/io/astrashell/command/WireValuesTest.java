package io.astrashell.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values the sandbox never sends, served on the wire: objects with every optional field missing or
 * null (each command, each format, shows an empty cell), and server values holding control and
 * bidirectional formatting characters (none reaches the output raw).
 */
class WireValuesTest {

	static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	/** The answers of a server that leaves every optional field out, or sends it as null. */
	enum Wire {

		MISSING(Map.of("GET /v2/organizations/users", "{\"Users\":[{\"UserID\":\"u1\",\"Email\":\"a@b.co\"}]}",
				"GET /v2/organizations/users/00000000-0000-0000-0000-000000000001", "{\"UserID\":\"u1\"}",
				"GET /v2/organizations/roles", "[{\"ID\":\"r1\",\"Name\":\"x\"}]",
				"GET /v2/organizations/roles/r1", "{\"ID\":\"r1\"}",
				"GET /v2/clientIdSecrets", "{\"clients\":[{\"clientId\":\"c\"}]}",
				"GET /v2/currentOrg", "{}",
				"POST /v2/clientIdSecrets", "{\"clientId\":\"c2\"}",
				"POST /v2/organizations/roles", "{}")),

		NULL(Map.of("GET /v2/organizations/users", "{\"OrgID\":null,\"OrgName\":null,\"Users\":[null,{\"UserID\":\"u1\","
				+ "\"Email\":\"a@b.co\",\"Status\":null,\"Roles\":[null,{\"ID\":\"r1\",\"Name\":null}]}]}",
				"GET /v2/organizations/users/00000000-0000-0000-0000-000000000001",
				"{\"UserID\":null,\"Email\":null,\"Status\":null,\"Roles\":null}",
				"GET /v2/organizations/roles", "[null,{\"ID\":\"r1\",\"Name\":\"x\",\"Policy\":{\"description\":null,"
						+ "\"resources\":null,\"actions\":[null],\"effect\":null}},{\"ID\":\"r2\",\"Name\":null,\"Policy\":null}]",
				"GET /v2/organizations/roles/r1", "{\"ID\":null,\"Name\":null,\"Policy\":null}",
				"GET /v2/clientIdSecrets", "{\"clients\":[null,{\"clientId\":\"c\",\"roles\":[null,\"r1\",\"gone\"],"
						+ "\"generatedOn\":null,\"description\":null,\"tokenExpiry\":null}]}",
				"GET /v2/currentOrg", "{\"id\":null}",
				"POST /v2/clientIdSecrets", "{\"clientId\":null,\"secret\":null,\"orgId\":null,\"roles\":null,"
						+ "\"token\":null,\"generatedOn\":null,\"tokenExpiry\":null,\"description\":null}",
				"POST /v2/organizations/roles", "{\"ID\":null,\"Name\":null,\"Policy\":null}"));

		final Map<String, String> answers;

		Wire(Map<String, String> answers) {
			this.answers = answers;
		}

	}

	@StartStop
	final MockWebServer server = new MockWebServer();

	@TempDir
	Path dir;

	AstraRun astra;

	@BeforeEach
	void astra() {
		astra = new AstraRun(dir);
	}

	void serve(Map<String, String> answers) {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String key = request.getMethod() + " " + request.getTarget();
				if (answers.containsKey(key)) {
					return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
						.body(answers.get(key))
						.build();
				}
				if (request.getMethod().equals("PUT") || request.getMethod().equals("DELETE")) {
					return new MockResponse.Builder().code(200).build();
				}
				return new MockResponse.Builder().code(404).body("\"unexpected " + key + "\"").build();
			}
		});
	}

	Result run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", server.url("/").toString(), "--token", TOKEN));
		return astra.run(all.toArray(String[]::new));
	}

	static final List<List<String>> COMMANDS = List.of(List.of("user", "list"), List.of("user", "get", "a@b.co"),
			List.of("user", "get", "00000000-0000-0000-0000-000000000001"), List.of("role", "list"),
			List.of("role", "get", "x"), List.of("token", "list"), List.of("org"), List.of("org", "id"),
			List.of("org", "name"), List.of("token", "create", "-r", "x"), List.of("role", "create", "y", "-a", "org-read",
					"-R", "drn:astra:org:o1"),
			List.of("role", "update", "x", "-d", "new"), List.of("user", "update", "a@b.co", "-r", "x"),
			List.of("user", "invite", "new@b.co", "-r", "x"), List.of("user", "delete", "a@b.co"),
			List.of("role", "delete", "x"), List.of("token", "delete", "c"));

	@ParameterizedTest
	@EnumSource(Wire.class)
	void everyCommandInEveryFormatShowsAMissingOrNullFieldAsAnEmptyCell(Wire wire) {
		serve(wire.answers);
		for (List<String> command : COMMANDS) {
			for (String format : List.of("human", "json", "csv")) {
				List<String> args = new ArrayList<>(command);
				args.addAll(List.of("-o", format));
				Result r = run(args.toArray(String[]::new));
				String what = String.join(" ", args) + " (" + wire + ")\n" + r;
				assertThat(r.exitCode()).as(what).isZero();
				assertThat(r.out() + r.err()).as(what).doesNotContain("Exception").doesNotContain("Unexpected error");
				if (format.equals("json")) {
					assertThat(WireJson.mapper().readTree(r.out()).get("code").asString()).as(what).isEqualTo("OK");
				}
				else {
					assertThat(r.out()).as(what).doesNotContain("null");
				}
			}
		}
	}

	@Test
	void aUserWithoutStatusAndARoleWithoutDescriptionAreEmptyCells() {
		serve(Wire.MISSING.answers);
		Result users = run("user", "list");
		assertThat(users.exitCode()).as(users.toString()).isZero();
		assertThat(users.out()).contains("| u1      | a@b.co     |        |");
		assertThat(run("user", "list", "-o", "csv").out()).isEqualTo("User Id,User Email,Status\r\nu1,a@b.co,\r\n");
		Result roles = run("role", "list", "-o", "csv");
		assertThat(roles.exitCode()).as(roles.toString()).isZero();
		assertThat(roles.out()).isEqualTo("Role Id,Role Name,Description\r\nr1,x,\r\n");
		assertThat(run("token", "list", "-o", "csv").out())
			.isEqualTo("Generated On,Client Id,Roles,Description\r\n,c,,\r\n");
	}

	static final String ESC_TITLE = "\u001B]0;pwned\u0007";

	static final String CLEAR = "\u001B[2J";

	static final String RLO = "\u202E";

	/** Server values with escape sequences, C1 controls and bidirectional overrides. */
	static final Map<String, String> HOSTILE = Map.of("GET /v2/organizations/users/00000000-0000-0000-0000-000000000001",
			"{\"UserID\":\"u1\",\"Email\":\"eve" + json(CLEAR) + "@b.co\",\"Status\":\"active\u009b31m\",\"Roles\":"
					+ "[{\"ID\":\"r1\",\"Name\":\"Evil" + json(ESC_TITLE) + "\"}]}",
			"GET /v2/organizations/users",
			"{\"OrgID\":\"o1\",\"OrgName\":\"Acme " + json(RLO) + "gnp.exe\",\"Users\":[{\"UserID\":\"u1\",\"Email\":\"eve"
					+ json(CLEAR) + "@b.co\",\"Status\":\"active\u009b31m\",\"Roles\":[{\"ID\":\"r1\",\"Name\":\"Evil"
					+ json(ESC_TITLE) + "\"}]}]}",
			"GET /v2/organizations/roles", "[{\"ID\":\"r1\",\"Name\":\"Evil" + json(ESC_TITLE)
					+ "\",\"Policy\":{\"description\":\"line1\\nline2\\r" + json("\u2066") + "x\",\"resources\":[],"
					+ "\"actions\":[\"org-read\"],\"effect\":\"allow\"}}]",
			"GET /v2/clientIdSecrets", "{\"clients\":[{\"clientId\":\"c\",\"roles\":[\"r1\"],\"description\":\"d"
					+ json("\u200F\u061C\u009d") + "\"}]}");

	/** A Java string as JSON string content (controls as \\u escapes). */
	static String json(String s) {
		String quoted = WireJson.mapper().writeValueAsString(s);
		return quoted.substring(1, quoted.length() - 1);
	}

	static void noUnsafeCharacter(String what, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// the output's own line ends: LF, or CR LF in CSV
			boolean lineEnd = c == '\n' || (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')
					|| c == '\t'; // and the tabs of a -v stack trace, which move no cursor but right
			boolean unsafe = (c < 0x20 && !lineEnd) || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e
					|| c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
			assertThat(unsafe).as(what + ": U+%04X at %d in%n%s", (int) c, i, text).isFalse();
		}
	}

	@Test
	void controlAndBidiCharactersFromTheServerNeverReachTheOutputRaw() {
		serve(HOSTILE);
		for (List<String> command : List.of(List.of("user", "list"),
				List.of("user", "get", "00000000-0000-0000-0000-000000000001"),
				List.of("role", "list"), List.of("role", "get", "r1"), List.of("token", "list"), List.of("org"),
				List.of("org", "name"))) {
			for (String format : List.of("human", "json", "csv")) {
				List<String> args = new ArrayList<>(command);
				args.addAll(List.of("-o", format));
				Result r = run(args.toArray(String[]::new));
				String what = String.join(" ", args).replace("\u001B", "ESC");
				assertThat(r.exitCode()).as(what + r).isZero();
				noUnsafeCharacter(what + " stdout", r.out());
				noUnsafeCharacter(what + " stderr", r.err());
				if (format.equals("csv") && r.exitCode() == 0) {
					// one line per row: a line end from the server is replaced too
					assertThat(r.out().split("\r\n", -1)).as(what).hasSize(3);
				}
			}
		}
	}

	@Test
	void anErrorMessageFromTheServerReachesNeitherTheErrorLineNorTheVerboseTraceRaw() {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
					.body("{\"errors\":[{\"ID\":1,\"message\":\"bad " + json(ESC_TITLE + RLO + "\u009b") + "\"}]}")
					.build();
			}
		});
		for (String format : List.of("human", "json", "csv")) {
			Result r = run("role", "list", "-v", "-o", format);
			assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
			assertThat(r.out() + r.err()).contains("bad ");
			noUnsafeCharacter("role list -v -o " + format + " stdout", r.out());
			noUnsafeCharacter("role list -v -o " + format + " stderr", r.err());
		}
	}

	@Test
	void jsonEscapesThemAndReadsBackTheServerValue() {
		serve(HOSTILE);
		Result r = run("org", "-o", "json");
		assertThat(r.out().toLowerCase()).contains("\\u202e").doesNotContain(RLO);
		assertThat(WireJson.mapper().readTree(r.out()).get("data").get("name").asString())
			.isEqualTo("Acme " + RLO + "gnp.exe");
		Result users = run("user", "list", "-o", "json");
		assertThat(users.out().toLowerCase()).contains("\\u001b[2j").contains("\\u009b31m").doesNotContain("\u001B");
		JsonNode user = WireJson.mapper().readTree(users.out()).get("data").get(0);
		assertThat(user.get("Email").asString()).isEqualTo("eve" + CLEAR + "@b.co");
		assertThat(user.get("Roles").get(0).get("Name").asString()).isEqualTo("Evil" + ESC_TITLE);
	}

	@Test
	void humanAndCsvReplaceThemWithASpace() {
		serve(HOSTILE);
		assertThat(run("org", "name").out()).isEqualTo("Acme  gnp.exe\n");
		assertThat(run("role", "list", "-o", "csv").out())
			.isEqualTo("Role Id,Role Name,Description\r\nr1,\"Evil ]0;pwned \",line1 line2  x\r\n");
		assertThat(run("user", "list", "-o", "csv").out()).contains("u1,eve [2J@b.co,active 31m\r\n");
	}

}
