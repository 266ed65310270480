package io.astrashell.orgfile;

import java.time.Instant;
import java.util.List;

import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Policy;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer on its own: what the server sends cannot write YAML of its own into the file. */
class OrgFileWriterTest {

	static final Role RO = new Role("r1", "RO User", new Policy("RO User", List.of(), List.of("org-read"), "allow"));

	static String export(OrganizationUsers listing, List<Role> roles) {
		return OrgFileWriter.yaml(OrgFileWriter.carry(listing, roles, null), Instant.EPOCH);
	}

	@Test
	void aStatusOrAnOrganizationIdCannotEndItsCommentAndAddEntries() {
		// both are written in comments; YAML 1.1 breaks lines at U+2028, U+2029 and U+0085 too
		String status = "active\u2028  - email: evil@example.com\u2029    roles: [Organization Administrator]";
		OrganizationUsers listing = new OrganizationUsers("id\u0085roles: []\u2028users: []", "Org",
				List.of(new User("u1", "admin@example.com", status, List.of(RO))));
		String yaml = export(listing, List.of(RO));
		OrgFile read = OrgFileReader.read("x.yaml", yaml);
		assertThat(read.users()).extracting(OrgFile.UserEntry::email).containsExactly("admin@example.com");
		assertThat(read.roles()).isEmpty();
		assertThat(yaml).doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0085");
	}

	@Test
	void everyStringIsReadBackAsItWasWhateverItHolds() {
		// what YAML may not hold raw (U+FFFE, half a surrogate pair) is escaped, and read back the same
		List<String> names = List.of("Non-character \uFFFE\uFFFF", "Half \uD800 pair", "Other half \uDC00",
				"Pair \uD83D\uDE00", "Quote \" back\\slash", "Line\u2028sep", "  padded  ", "#not a comment",
				"key: value", "- item", "null", "~", "yes", "0x10", "1e3", "&anchor", "*alias", "!tag", "%directive",
				"@at", "`tick`", "{a: b}", "[a, b]", "e\u0301 ß 角色");
		for (String name : names) {
			Role role = new Role("x", name, new Policy(name, List.of(), List.of("org-read"), "allow"));
			String yaml = export(new OrganizationUsers("id", "Org", List.of()), List.of(role));
			OrgFile read = OrgFileReader.read("x.yaml", yaml);
			assertThat(read.roles()).as(name).hasSize(1);
			assertThat(read.roles().get(0).name()).as(yaml).isEqualTo(name);
			assertThat(read.roles().get(0).description()).isEqualTo(name);
		}
	}

	@Test
	void whatTheReaderRefusesIsLeftOutAndNamedAndTheRestIsWritten() {
		List<Role> roles = List.of(RO,
				new Role("r2", "Bell\u0007", new Policy(null, List.of(), List.of("org-read"), "allow")),
				new Role("r3", "No actions", new Policy(null, List.of(), List.of(), "allow")),
				new Role("r4", "Unknown action", new Policy(null, List.of(), List.of("db-frobnicate"), "allow")),
				new Role("r5", "Bad resource", new Policy(null, List.of("not-a-drn"), List.of("org-read"), "allow")),
				new Role("r6", "Twice", new Policy(null, List.of(), List.of("org-read"), "allow")),
				new Role("r7", "TWICE", new Policy(null, List.of(), List.of("org-read"), "allow")),
				new Role("r8", "Kept", new Policy("fine", List.of(), List.of("org-read"), "allow")));
		OrganizationUsers listing = new OrganizationUsers("id", "Org", List.of(
				new User("u1", "ok@example.com", "active", List.of(RO)),
				new User("u2", "none@example.com", "active", List.of()),
				new User("u3", "not an email", "active", List.of(RO)),
				new User("u4", "Ok@Example.com", "active", List.of(RO)),
				new User("u5", null, "active", List.of(RO))));
		OrgFileWriter.Carried carried = OrgFileWriter.carry(listing, roles, null);
		assertThat(carried.roles()).extracting(Role::name).containsExactly("Kept", "Twice");
		assertThat(carried.users()).extracting(User::email).containsExactly("ok@example.com");
		assertThat(carried.leftOut()).hasSize(9);
		assertThat(String.join("\n", carried.leftOut())).contains("role \"Bell\u0007\" (r2): The role name")
			.contains("role \"No actions\" (r3): role 'No actions' grants no action")
			.contains("role \"Unknown action\" (r4): Unknown action 'db-frobnicate'")
			.contains("role \"Bad resource\" (r5): Invalid resource 'not-a-drn'")
			.contains("role \"TWICE\" (r7): another custom role has the same name in another case")
			.contains("user none@example.com: user none@example.com holds no role")
			.contains("user not an email: 'not an email' is not an email address")
			.contains("user Ok@Example.com: another user has the same email in another case")
			.contains("a user without an email (u5)");
		OrgFile read = OrgFileReader.read("x.yaml", OrgFileWriter.yaml(carried, Instant.EPOCH));
		assertThat(read.roles()).extracting(OrgFile.RoleEntry::name).containsExactly("Kept", "Twice");
		assertThat(read.users()).extracting(OrgFile.UserEntry::email).containsExactly("ok@example.com");
	}

}
