package io.astrashell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state upgrades itself: a state of the old form is read and rewritten, a resource without a slice
 * gets its seed and the other slices stay, a key no resource reads stays byte for byte, an older slice
 * is upgraded by its resource, and a newer one is refused without a change. {@code state-v1.json} is
 * a state as the sandbox wrote it before resources had slices of their own (file version 1): a custom
 * role "Kept Role", an invited user kept@example.com and a token "kept token" added to the seed.
 */
class SandboxUpgradeTest {

	private static final String FIXTURE_ORG = "a79f4369-946d-4801-b958-bd53c2203f2a";

	@TempDir
	Path home;

	@Test
	void aStateOfTheOldFormIsReadKeptAndRewrittenInTheNewForm() throws Exception {
		ObjectNode old = fixture();
		write(old);
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			assertEquals(FIXTURE_ORG, sandbox.organizationId());
			assertEquals(old.get("adminToken").asString(), sandbox.adminToken());
			SandboxHttp http = new SandboxHttp(sandbox);
			assertEquals(17, http.get("/v2/organizations/roles").expect(200).json().size());
			assertEquals("invited", http.userByEmail("kept@example.com").get("Status").asString());
			JsonNode clients = http.get("/v2/clientIdSecrets").expect(200).json().get("clients");
			assertEquals(2, clients.size());
			assertEquals("kept token", clients.get(1).get("description").asString());
		}
		JsonNode now = stateJson();
		assertEquals(2, now.get("version").asInt());
		for (String key : List.of("org", "roles", "users", "tokens")) {
			assertEquals(1, now.get("versions").get(key).asInt(), key);
		}
		assertEquals(old.get("roles"), now.get("roles"));
		assertEquals(old.get("users"), now.get("users"));
		assertEquals(old.get("clients"), now.get("tokens").get("clients"));
		assertTrue(!now.has("orgId") && !now.has("clients"), now.toString());
	}

	@Test
	void anOldStateWithoutTokensGetsTheTokensSeededAndKeepsItsUsersAndRoles() throws Exception {
		ObjectNode old = fixture();
		old.remove("clients");
		old.remove("adminToken");
		write(old);
		assertEquals(null, LocalSandbox.adminTokenOf(this.home));
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			assertSeededTokensAndKeptRest(sandbox, old.get("roles"), old.get("users"));
		}
	}

	@Test
	void aStateWithoutTheTokensKeyGetsThemSeededAtTheNextOperation() throws Exception {
		JsonNode roles;
		JsonNode users;
		String oldToken;
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			SandboxHttp http = new SandboxHttp(sandbox);
			http.put("/v2/organizations/users", "{\"email\":\"kept@example.com\",\"roles\":[\"" + http.roleId("RO User")
					+ "\"]}").expect(200);
			oldToken = sandbox.adminToken();
			ObjectNode state = (ObjectNode) stateJson();
			state.remove("tokens");
			((ObjectNode) state.get("versions")).remove("tokens");
			roles = state.get("roles");
			users = state.get("users");
			write(state);
			// the running sandbox tops the state up at its next request, under its locks
			assertEquals(401, http.get("/v2/currentOrg").status());
			assertNotEquals(oldToken, sandbox.adminToken());
			assertSeededTokensAndKeptRest(sandbox, roles, users);
		}
		assertEquals(1, stateJson().get("versions").get("tokens").asInt());
	}

	private void assertSeededTokensAndKeptRest(LocalSandbox sandbox, JsonNode roles, JsonNode users) throws IOException {
		SandboxHttp http = new SandboxHttp(sandbox);
		assertTrue(sandbox.adminToken().matches("AstraCS:[A-Za-z]{24}:[0-9a-f]{64}"), sandbox.adminToken());
		assertEquals(sandbox.adminToken(), LocalSandbox.adminTokenOf(this.home));
		JsonNode clients = http.get("/v2/clientIdSecrets").expect(200).json().get("clients");
		assertEquals(1, clients.size());
		assertEquals("sandbox admin token", clients.get(0).get("description").asString());
		assertEquals(List.of(http.roleId(BuiltInRoles.ORGANIZATION_ADMINISTRATOR)),
				SandboxSeedTest.strings(clients.get(0).get("roles")));
		JsonNode now = stateJson();
		assertEquals(roles, now.get("roles"));
		assertEquals(users, now.get("users"));
		String adminUser = http.userByEmail("admin@sandbox.local").get("UserID").asString();
		assertEquals(adminUser, now.get("tokens").get("clients").get(0).get("userId").asString());
		assertNotNull(http.userByEmail("kept@example.com"));
	}

	@Test
	void aKeyNoResourceReadsIsKeptByteForByte() throws Exception {
		String future = "{ \"b\" : 1.0e2, \"s\":\"\\u00e9 é\" , \"n\":[ 1 ,2 ],\"z\":null }";
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			sandbox.adminToken();
		}
		String text = Files.readString(stateFile());
		text = text.substring(0, text.lastIndexOf('}')) + ",\"future\":" + future + "}";
		text = text.replace("\"versions\":{", "\"versions\":{\"future\":3,");
		Files.writeString(stateFile(), text);
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			SandboxHttp http = new SandboxHttp(sandbox);
			http.put("/v2/organizations/users", "{\"email\":\"w@example.com\",\"roles\":[\"" + http.roleId("RO User")
					+ "\"]}").expect(200);
		}
		String after = new String(Files.readAllBytes(stateFile()), StandardCharsets.UTF_8);
		assertTrue(after.contains("w@example.com"));
		assertEquals(future, rawValue(after, "future"));
		assertEquals(3, stateJson().get("versions").get("future").asInt());
	}

	@Test
	void aNewerStateIsRefusedAndLeftAsItIs() throws Exception {
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			sandbox.adminToken();
		}
		String current = Files.readString(stateFile());
		String newerRoles = current.replace("\"roles\":1", "\"roles\":7");
		Files.writeString(stateFile(), newerRoles);
		IOException refused = assertThrows(IOException.class, () -> LocalSandbox.start(this.home, 0));
		assertTrue(refused.getMessage().contains("its roles are of version 7, newer than this astra shell reads (1)"),
				refused.getMessage());
		assertEquals(newerRoles, Files.readString(stateFile()));

		String newerFile = current.replace("{\"version\":2,", "{\"version\":3,");
		Files.writeString(stateFile(), newerFile);
		refused = assertThrows(IOException.class, () -> LocalSandbox.start(this.home, 0));
		assertTrue(refused.getMessage().contains("of version 3, newer than this astra shell reads (2)"),
				refused.getMessage());
		assertEquals(newerFile, Files.readString(stateFile()));
	}

	@Test
	void anOlderSliceIsUpgradedByItsResourceAndWrittenBack() throws Exception {
		SandboxResources withNotes = SandboxResources.scan("sandbox-upgrade-test");
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0)) {
			sandbox.adminToken();
		}
		String text = Files.readString(stateFile());
		text = text.substring(0, text.lastIndexOf('}')) + ",\"notes\":[\"first\",\"second\"]}";
		Files.writeString(stateFile(), text.replace("\"versions\":{", "\"versions\":{\"notes\":1,"));
		try (LocalSandbox sandbox = LocalSandbox.start(this.home, 0, withNotes)) {
			List<String> notes = sandbox.store().transact(s -> s.slice(NotesResource.Notes.class).texts());
			assertEquals(List.of("first", "second"), notes);
		}
		JsonNode now = stateJson();
		assertEquals(2, now.get("versions").get("notes").asInt());
		assertEquals("[{\"text\":\"first\",\"pinned\":false},{\"text\":\"second\",\"pinned\":false}]",
				rawValue(Files.readString(stateFile()), "notes"));
	}

	/** A resource of this test only, at version 2: its version 1 was a list of strings. */
	@Component
	@Profile("sandbox-upgrade-test")
	static final class NotesResource implements SandboxResource<NotesResource.Notes> {

		record Note(String text, boolean pinned) {
		}

		static final class Notes extends SandboxSlice {

			final List<Note> notes = new ArrayList<>();

			List<String> texts() {
				return this.notes.stream().map(Note::text).toList();
			}

		}

		@Override
		public String key() {
			return "notes";
		}

		@Override
		public int version() {
			return 2;
		}

		@Override
		public Class<Notes> sliceType() {
			return Notes.class;
		}

		@Override
		public Notes seed(SandboxState state, Instant now) {
			return new Notes();
		}

		@Override
		public Notes read(SliceJson json, int version) {
			Notes notes = new Notes();
			if (version == 1) {
				json.listOf(String.class, "notes").forEach(text -> notes.notes.add(new Note(text, false)));
			}
			else {
				notes.notes.addAll(json.listOf(Note.class, "notes"));
			}
			return notes;
		}

		@Override
		public Object write(Notes slice) {
			return slice.notes;
		}

		@Override
		public SandboxResponse answer(SandboxRequest request, SandboxStore store) {
			return null;
		}

	}

	// ---- files

	private Path stateFile() {
		return this.home.resolve("sandbox/state.json");
	}

	private JsonNode stateJson() throws IOException {
		return WireJson.mapper().readTree(Files.readString(stateFile()));
	}

	private void write(JsonNode state) throws IOException {
		Files.createDirectories(stateFile().getParent());
		Files.writeString(stateFile(), state.toString());
	}

	private static ObjectNode fixture() throws IOException {
		try (InputStream in = SandboxUpgradeTest.class.getResourceAsStream("state-v1.json")) {
			return (ObjectNode) WireJson.mapper().readTree(in.readAllBytes());
		}
	}

	/** The text of the value of a top-level key of a JSON object, as it stands in the text. */
	static String rawValue(String json, String key) {
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
				continue;
			}
			if (c == '"') {
				String name = "\"" + key + "\"";
				if (depth == 1 && json.startsWith(name, i) && json.substring(i + name.length()).stripLeading().startsWith(":")) {
					int start = json.indexOf(':', i + name.length()) + 1;
					while (Character.isWhitespace(json.charAt(start))) {
						start++;
					}
					return json.substring(start, end(json, start));
				}
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		throw new AssertionError("no key " + key + " in " + json);
	}

	private static int end(String json, int start) {
		int depth = 0;
		boolean inString = false;
		for (int i = start; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
				continue;
			}
			if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				if (--depth == 0) {
					return i + 1;
				}
			}
		}
		throw new AssertionError("unterminated value at " + start);
	}

}
