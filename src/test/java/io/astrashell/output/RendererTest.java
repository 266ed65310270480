package io.astrashell.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

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
	void colourOnlyWhenAsked() {
		Output o = Output.message("done", null);
		StringWriter out = new StringWriter();
		new Renderer(OutputFormat.HUMAN, new Style(true)).render(o, new PrintWriter(out), new PrintWriter(new StringWriter()));
		assertThat(out.toString()).contains("\u001B[32m[OK]\u001B[0m");
		assertThat(render(OutputFormat.HUMAN, o)).doesNotContain("\u001B");
	}

}
