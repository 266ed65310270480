package io.astrashell.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.WireJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The three formats, drawn as the original CLI's documentation shows them. */
class RendererTest {

	static String render(OutputFormat format, Output output) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		new Renderer(format, new Style(false)).render(output, new PrintWriter(out), new PrintWriter(err));
		return out + (err.toString().isEmpty() ? "" : "<stderr>" + err);
	}

	@Test
	void theAttributeTableOfTheDocs() {
		Output org = Output.attributes("m", null, List.of(Output.attribute("Name", "My Org"),
				Output.attribute("id", "2dbd3c55-6a68-4b5b-9155-5be9d41823e8")));
		assertThat(render(OutputFormat.HUMAN, org)).isEqualTo("""
				+----------------+-----------------------------------------+
				| Attribute      | Value                                   |
				+----------------+-----------------------------------------+
				| Name           | My Org                                  |
				| id             | 2dbd3c55-6a68-4b5b-9155-5be9d41823e8    |
				+----------------+-----------------------------------------+
				""");
	}

	@Test
	void listValuesAreIndexedRowsFramedByBlankRows() {
		Output user = Output.attributes("m", null,
				List.of(Output.attribute("User Id", "20e0a061-c9d2-42a5-9d00-352f3b2adedc"),
						Output.attribute("User Email", "alice@example.com"), Output.attribute("Status", "active"),
						Output.attribute("Roles", List.of("Database Administrator"))));
		assertThat(render(OutputFormat.HUMAN, user)).isEqualTo("""
				+----------------+-----------------------------------------+
				| Attribute      | Value                                   |
				+----------------+-----------------------------------------+
				| User Id        | 20e0a061-c9d2-42a5-9d00-352f3b2adedc    |
				| User Email     | alice@example.com                       |
				| Status         | active                                  |
				|                |                                         |
				| Roles          | [0] Database Administrator              |
				|                |                                         |
				+----------------+-----------------------------------------+
				""");
	}

	@Test
	void aListTableFitsItsColumns() {
		Output users = Output.table("m", null, List.of("User Id", "User Email", "Status"),
				List.of(List.of("9b01f7bb-ce9b-4de7-8685-beb5a869c1f0", "alice@example.com", "active"),
						List.of("20e0a061-c9d2-42a5-9d00-352f3b2adedc", "taylor@example.com", "invited")));
		assertThat(render(OutputFormat.HUMAN, users)).isEqualTo("""
				+--------------------------------------+--------------------+---------+
				| User Id                              | User Email         | Status  |
				+--------------------------------------+--------------------+---------+
				| 9b01f7bb-ce9b-4de7-8685-beb5a869c1f0 | alice@example.com  | active  |
				| 20e0a061-c9d2-42a5-9d00-352f3b2adedc | taylor@example.com | invited |
				+--------------------------------------+--------------------+---------+
				""");
	}

	@Test
	void okLinesAndNotices() {
		Output ok = Output.message("Database Administrator", null).notice(Level.WARN, "careful");
		assertThat(render(OutputFormat.HUMAN, ok)).isEqualTo("[OK]    Database Administrator\n<stderr>[WARN]  careful\n");
	}

	@Test
	void jsonIsOneEnvelope() {
		Output o = Output.value("id", "x", Output.fields("id", "x", "name", null));
		assertThat(render(OutputFormat.JSON, o)).isEqualToIgnoringNewLines("""
				{
				  "code" : "OK",
				  "message" : "x",
				  "data" : {
				    "id" : "x",
				    "name" : null
				  }
				}""");
	}

	@Test
	void errorsInJsonCarryTheExitCodeNameAndNullData() {
		StringWriter out = new StringWriter();
		new Renderer(OutputFormat.JSON, new Style(false)).renderError("NOT_FOUND", "gone", new PrintWriter(out),
				new PrintWriter(new StringWriter()));
		assertThat(out.toString()).contains("\"code\" : \"NOT_FOUND\"").contains("\"data\" : null");
	}

	@Test
	void csvQuotesWhatRfc4180AsksAndJoinsListsWithSemicolons() {
		Output t = Output.table("m", null, List.of("Name", "Roles"),
				List.<List<Object>>of(List.of("a, b", List.of("RO User", "R/W User")), List.of("say \"hi\"", List.of())));
		assertThat(render(OutputFormat.CSV, t)).isEqualTo("Name,Roles\r\n\"a, b\",RO User;R/W User\r\n\"say \"\"hi\"\"\",\r\n");
	}

	@Test
	void controlCharactersFromTheServerNeverReachTheTerminal() {
		Output o = Output.attributes("m", null, List.of(Output.attribute("Description", "evil\u001B[2Jtext")));
		assertThat(render(OutputFormat.HUMAN, o)).doesNotContain("\u001B").contains("evil [2Jtext");
	}

	@Test
	void bidiOverridesAndC1ControlsAreReplacedInHumanOutput() {
		Output org = Output.attributes("m", null, List.of(Output.attribute("Name", "Acme \u202Egnp.exe"),
				Output.attribute("Roles", Arrays.asList("a\u2066b", null, "c\u009b2J"))));
		String human = render(OutputFormat.HUMAN, org);
		assertThat(human).contains("| Name           | Acme  gnp.exe").contains("[0] a b").contains("[1]  ")
			.contains("[2] c 2J");
		for (char c : new char[] { '\u202E', '\u2066', '\u009b', '\u200E', '\u200F', '\u061C' }) {
			assertThat(human).doesNotContain(String.valueOf(c));
		}
		assertThat(render(OutputFormat.HUMAN, Output.value("name", "x\u200Fy\u061Cz\u202Aw\u2069", null)))
			.isEqualTo("x y z w \n");
	}

	@Test
	void csvReplacesControlAndBidiCharactersInEveryCell() {
		Output t = Output.table("m", null, List.of("Role Name", "Email"),
				List.of(Output.row("Evil\u001B]0;pwned\u0007", "eve\u001B[2J@b.co"), Output.row("a\nb\rc\td", "\u202Ex")));
		assertThat(render(OutputFormat.CSV, t))
			.isEqualTo("Role Name,Email\r\n\"Evil ]0;pwned \",eve [2J@b.co\r\na b c d,\" x\"\r\n");
		assertThat(render(OutputFormat.CSV, Output.value("name", "\u202Eabc", null))).isEqualTo("name\r\n\" abc\"\r\n");
		assertThat(render(OutputFormat.CSV, Output.attributes("m", null, List.of(Output.attribute("Name", "a\u0085b")))))
			.isEqualTo("Name\r\na b\r\n");
	}

	@Test
	void jsonEscapesEveryControlAndBidiCharacterAndReadsBackTheSame() {
		String value = "a\u001B[2J\u007F\u0085\u009b\u202E\u2066\u200E\u200F\u061C R/W é";
		String json = render(OutputFormat.JSON, Output.value("name", value, Output.fields("name", value)));
		assertThat(json).contains("\\u001B[2J\\u007F\\u0085\\u009B\\u202E\\u2066\\u200E\\u200F\\u061C R/W é");
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			assertThat(c != '\n' && SafeText.isUnsafe(c)).as("U+%04X in %s", (int) c, json).isFalse();
		}
		assertThat(WireJson.mapper().readTree(json).get("data").get("name").asString())
			.isEqualTo(value);
	}

	@Test
	void missingValuesAreEmptyCellsInEveryFormat() {
		Output t = Output.table(null, null, List.of("Id", "Status", "Roles"),
				List.of(Output.row("u1", null, Arrays.asList("x", null))));
		assertThat(render(OutputFormat.CSV, t)).isEqualTo("Id,Status,Roles\r\nu1,,x;\r\n");
		assertThat(render(OutputFormat.HUMAN, t)).contains("| u1 |        | x,    |");
		assertThat(render(OutputFormat.CSV, Output.value("id", null, null))).isEqualTo("id\r\n\r\n");
		assertThat(render(OutputFormat.CSV, Output.message(null, null))).isEqualTo("code,message\r\nOK,\r\n");
		assertThat(render(OutputFormat.HUMAN, Output.attributes("m", null, List.of(Output.attribute("Roles", (List<String>) null)))))
			.contains("| Roles          |");
	}

	@Test
	void colourOnlyWhenAsked() {
		Output o = Output.message("done", null);
		StringWriter out = new StringWriter();
		new Renderer(OutputFormat.HUMAN, new Style(true)).render(o, new PrintWriter(out), new PrintWriter(new StringWriter()));
		assertThat(out.toString()).contains("\u001B[32m[OK]\u001B[0m");
		assertThat(render(OutputFormat.HUMAN, o)).doesNotContain("\u001B");
	}

	@Test
	void aFluentCallReturnsANewOutputAndLeavesTheOneItWasCalledOnAsItWas() {
		Output plain = Output.message("done", null);
		Output warned = plain.notice(Level.WARN, "careful");
		Output both = warned.headline("Head").exitCode(2).ifNotShown("lost").notice(Level.INFO, "more");
		assertThat(render(OutputFormat.HUMAN, plain)).isEqualTo("[OK]    done\n");
		assertThat(render(OutputFormat.HUMAN, warned)).isEqualTo("[OK]    done\n<stderr>[WARN]  careful\n");
		assertThat(render(OutputFormat.HUMAN, both))
			.isEqualTo("[OK]    Head\n[OK]    done\n<stderr>[WARN]  careful\n[INFO]  more\n");
		assertThat(both).isInstanceOf(Output.Message.class);
		assertThat(both.extras()).isEqualTo(new Output.Extras("Head",
				List.of(new Output.Notice(Level.WARN, "careful"), new Output.Notice(Level.INFO, "more")), null, "lost", 2, false, null));
		assertThat(plain.extras()).isEqualTo(Output.Extras.NONE);
		assertThat(Output.table("m", null, List.of("A"), List.of()).headline("h")).isInstanceOf(Output.Table.class);
	}

	/** OWASP's rule for CSV injection: a cell (or a part after ';') starting a formula gets a leading quote. */
	@Test
	void aCsvCellThatWouldStartAFormulaGetsALeadingQuote() {
		assertThat(Renderer.csvCell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		for (String formula : List.of("+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1")) {
			assertThat(Renderer.csvCell(formula)).as(formula).isEqualTo("'" + formula);
		}
		assertThat(Renderer.csvCell("RO User;=1+1;  -x")).isEqualTo("RO User;'=1+1;'  -x");
		for (String plain : List.of("", "a=b", "dana@example.com", "2026-01-01T00:00:00Z", "x - y", "'quoted")) {
			assertThat(Renderer.csvCell(plain)).as(plain).isEqualTo(plain);
		}
		// every cell of every kind of output, the header too; a tab or CR reaches no cell raw
		Output table = Output.table("t", null, List.of("=Col"), List.of(Output.row("\t@x"), Output.row(List.of("a", "-b"))));
		assertThat(render(OutputFormat.CSV, table)).isEqualTo("'=Col\r\n' @x\r\na;'-b\r\n");
		assertThat(render(OutputFormat.CSV, Output.value("v", "+1", null))).isEqualTo("v\r\n'+1\r\n");
		assertThat(render(OutputFormat.CSV, Output.message("done", Output.fields("k", "=1")))).isEqualTo("k\r\n'=1\r\n");
		assertThat(render(OutputFormat.JSON, Output.value("v", "=1", Output.fields("v", "=1")))).contains("\"v\" : \"=1\"");
		// a credential shown on purpose is written exactly: it must be copied as it is
		assertThat(render(OutputFormat.CSV, Output.value("secret", "-abc+def", null).showingSecret()))
			.isEqualTo("secret\r\n-abc+def\r\n");
	}

	@Test
	void aPlanIsOneLinePerChangeColouredByItsFirstCharacter() {
		Output plan = Output.diff("2 changes", List.of("+ role Auditor", "~ user a@b.co\n- user c@d.co", ""), null);
		assertThat(render(OutputFormat.HUMAN, plan)).isEqualTo("+ role Auditor\n~ user a@b.co\n- user c@d.co\n");
		assertThat(render(OutputFormat.CSV, plan))
			.isEqualTo("change\r\n'+ role Auditor\r\n~ user a@b.co\r\n'- user c@d.co\r\n"); // no formula (CSV injection)
		StringWriter out = new StringWriter();
		new Renderer(OutputFormat.HUMAN, new Style(true)).render(plan, new PrintWriter(out), new PrintWriter(new StringWriter()));
		assertThat(out.toString()).contains("\u001B[32m+ role Auditor").contains("\u001B[33m~ user").contains("\u001B[31m- user");
		assertThat(render(OutputFormat.HUMAN, Output.diff("in sync", List.of(), null))).isEmpty();
		assertThat(render(OutputFormat.HUMAN, Output.diff("in sync", List.of(""), null))).isEmpty();
		assertThat(render(OutputFormat.CSV, Output.diff("in sync", List.of(), null))).isEqualTo("change\r\n");
	}


	@Test
	void aFailureReportedWithItsDataNamesItselfInEveryFormatAndAnExitCodeAloneIsNoFailure() {
		Output failed = Output.message("Token 'a' was not fully rotated.", Map.of("token", "kept"))
			.failed("CONFIGURATION", 9, "The profiles file is read-only.");
		assertThat(failed.extras().exitCode()).isEqualTo(9);
		assertThat(render(OutputFormat.JSON, failed)).contains("\"code\" : \"CONFIGURATION\"")
			.contains("\"message\" : \"Token 'a' was not fully rotated. The profiles file is read-only.\"")
			.contains("\"token\" : \"kept\"").doesNotContain("<stderr>");
		assertThat(render(OutputFormat.CSV, failed)).contains("kept").endsWith("<stderr>[ERROR] The profiles file is read-only.\n");
		assertThat(render(OutputFormat.HUMAN, failed)).endsWith("<stderr>[ERROR] The profiles file is read-only.\n");
		Output differs = Output.message("2 changes", Map.of("changes", 2)).exitCode(2);
		assertThat(render(OutputFormat.JSON, differs)).contains("\"code\" : \"OK\"").contains("\"message\" : \"2 changes\"");
	}

}
