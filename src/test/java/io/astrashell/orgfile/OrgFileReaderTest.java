package io.astrashell.orgfile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file reader on its own: large files, aliases, lists left out. */
class OrgFileReaderTest {

	@Test
	void aFileOf100000UsersIsRead() {
		StringBuilder b = new StringBuilder("users:\n");
		for (int i = 0; i < 100_000; i++) {
			b.append("  - email: \"user").append(i).append("@example.com\"\n    roles: [\"RO User\"]   # active\n");
		}
		assertThat(b.length()).isGreaterThan(3 * 1024 * 1024); // SnakeYAML's own limit
		OrgFile file = OrgFileReader.read("big.yaml", b.toString());
		assertThat(file.users()).hasSize(100_000);
		assertThat(file.roles()).as("roles: left out is not managed").isNull();
	}

	@Test
	void aliasesThatWouldMultiplyTheFileAreRefused() {
		StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
		char prev = 'a';
		for (char c = 'b'; c <= 'k'; c++) {
			b.append(c).append(": &").append(c).append(" [");
			for (int i = 0; i < 10; i++) {
				b.append(i == 0 ? "" : ", ").append('*').append(prev);
			}
			b.append("]\n");
			prev = c;
		}
		assertThatThrownBy(() -> OrgFileReader.read("bomb.yaml", b.toString())).isInstanceOf(OrgFile.Invalid.class)
			.hasMessageStartingWith("bomb.yaml");
	}

	@Test
	void anEmptyFileManagesNothing() {
		OrgFile file = OrgFileReader.read("empty.yaml", "# nothing yet\n");
		assertThat(file.users()).isNull();
		assertThat(file.roles()).isNull();
	}

}
