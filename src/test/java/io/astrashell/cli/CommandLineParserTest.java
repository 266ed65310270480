package io.astrashell.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import io.astrashell.output.Output;
import io.astrashell.output.OutputFormat;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** How words become a command line: the original CLI's option spellings and every mistake's exit code. */
class CommandLineParserTest {

	final CommandRegistry registry = new CommandRegistry(new HashSet<>());

	final CommandLineParser parser = new CommandLineParser(registry);

	CommandLineParserTest() {
		registry.registerCommand(AstraCommand.named("user list").json(JsonShape.none(null)).alias("user").handler(in -> Output.none("")));
		registry.registerCommand(AstraCommand.named("user invite").json(JsonShape.none(null))
			.option(OptionSpec.value("role", "r", "ROLE", "Role", ValueKind.TEXT).asRepeatable())
			.option(OptionSpec.flag("if-not-exists", null, "No error if present"))
			.argument(ArgumentSpec.required("EMAIL", "User Email", ValueKind.TEXT))
			.handler(in -> Output.none("")));
		registry.registerCommand(AstraCommand.named("token create").json(JsonShape.none(null))
			.option(OptionSpec.value("role", "r", "ROLE", "Role", ValueKind.TEXT).asRepeatable().asRequired())
			.option(OptionSpec.value("description", "d", "TEXT", "What for", ValueKind.TEXT))
			.handler(in -> Output.none("")));
	}

	CommandLine parse(String... words) {
		return parser.parse(List.of(words));
	}

	@Test
	void multiLetterSingleDashOptionsWorkAsTheOriginalDocsSpellThem() {
		CommandLine line = parse("user", "list", "-cf", "/tmp/rc", "-conf", "dev", "--env", "dev", "-o", "csv");
		Globals g = line.globals();
		assertThat(g.configFile()).isEqualTo("/tmp/rc");
		assertThat(g.profile()).isEqualTo("dev");
		assertThat(g.env()).isEqualTo("dev");
		assertThat(g.output()).isEqualTo(OutputFormat.CSV);
		assertThat(parse("user", "list", "--config-file=/x", "--config=p").globals().profile()).isEqualTo("p");
	}

	@Test
	void repeatedOptionsKeepEveryValueInOrder() {
		CommandLine line = parse("user", "invite", "a@b.co", "-r", "RO User", "--role", "R/W User", "-r=API RO User");
		assertThat(line.toInvocation().options("role")).containsExactly("RO User", "R/W User", "API RO User");
		assertThat(line.arguments()).containsExactly("a@b.co");
	}

	@Test
	void doubleDashEndsOptions() {
		CommandLine line = parse("user", "invite", "--", "-odd@b.co");
		assertThat(line.arguments()).containsExactly("-odd@b.co");
	}

	@Test
	void aliasesAndDefaultSubCommands() {
		assertThat(parse("user").command().getName()).isEqualTo("user list");
		assertThat(parse("user", "-o", "json").command().getName()).isEqualTo("user list");
	}

	@Test
	void onlyGlobalOptionsMeanNoCommand() {
		CommandLine line = parse("--env", "local", "-v");
		assertThat(line.hasCommand()).isFalse();
		assertThat(line.globals().env()).isEqualTo("local");
		assertThat(line.globals().isVerbose()).isTrue();
	}

	@Test
	void flagsTakeNoValue() {
		assertThat(parse("user", "invite", "a@b.co", "--if-not-exists").toInvocation().flag("if-not-exists")).isTrue();
		assertThat(parse("user", "list", "--no-color=false").globals().isNoColor()).isFalse();
		assertCode(() -> parse("user", "list", "--no-color=maybe"), ExitCode.INVALID_OPTION_VALUE);
	}

	@Test
	void aTypedLineSplitsIntoTheSameParts() {
		CommandLine line = parser.parse(Words.split("user invite a@b.co -r \"RO User\" -cf /rc"));
		assertThat(line.command().getName()).isEqualTo("user invite");
		assertThat(line.arguments()).containsExactly("a@b.co");
		assertThat(line.options()).containsExactly(entry("role", List.of("RO User")), entry("config-file", List.of("/rc")));
	}

	@Test
	void mistakesHaveTheirExitCodes() {
		assertCode(() -> parse("usr"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("user", "lst"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("user", "list", "--nope"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("user", "invite"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("user", "invite", "a@b.co", "extra"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("user", "invite", "a@b.co", "-r"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("token", "create"), ExitCode.MISSING_OPTION);
		assertCode(() -> parse("user", "list", "--env", "moon"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("user", "list", "-o", "yaml"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("user", "list", "-o", "json", "-o", "csv"), ExitCode.INVALID_ARGUMENT);
		assertCode(() -> parse("--nope", "user"), ExitCode.INVALID_ARGUMENT);
	}

	@Test
	void anOptionFollowedByAnotherOptionHasNoValue() {
		// the next word names an option of the command, or a global one: the value is missing (exit 13)
		assertThatThrownBy(() -> parse("user", "invite", "a@b.co", "-r", "--env", "local"))
			.isInstanceOf(AstraError.class)
			.hasMessageStartingWith("Option -r needs a value: <ROLE>")
			.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(ExitCode.INVALID_OPTION_VALUE));
		assertThatThrownBy(() -> parse("token", "create", "--role", "--description", "x"))
			.hasMessageStartingWith("Option --role needs a value: <ROLE>");
		assertCode(() -> parse("token", "create", "-r", "x", "-d", "-r", "y"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("token", "create", "-r", "x", "-d", "--output=json"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("token", "create", "-r", "x", "-d", "-h"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("user", "invite", "a@b.co", "-r", "--", "x"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("user", "invite", "a@b.co", "-r", ""), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("user", "invite", "a@b.co", "--role="), ExitCode.INVALID_OPTION_VALUE);
		// before the command, the global options count
		assertCode(() -> parse("--env", "-o", "json", "user"), ExitCode.INVALID_OPTION_VALUE);
		assertCode(() -> parse("--token", "--env", "local", "user"), ExitCode.INVALID_OPTION_VALUE);
		// a required option that is absent stays exit 12
		assertCode(() -> parse("token", "create", "-d", "x"), ExitCode.MISSING_OPTION);
	}

	@Test
	void anyOtherWordStartingWithADashIsTheValue() {
		assertThat(parse("token", "create", "-r", "x", "-d", "-- note").toInvocation().option("description"))
			.isEqualTo("-- note");
		assertThat(parse("token", "create", "-r", "x", "-d", "-5").toInvocation().option("description")).isEqualTo("-5");
		assertThat(parse("token", "create", "-r", "x", "-d", "--not-an-option").toInvocation().option("description"))
			.isEqualTo("--not-an-option");
		assertThat(parse("token", "create", "-r", "x", "-d", "-").toInvocation().option("description")).isEqualTo("-");
		// with '=', any value at all, an option's name included
		assertThat(parse("token", "create", "-r", "x", "-d=--env").toInvocation().option("description"))
			.isEqualTo("--env");
		assertThat(parse("token", "create", "-r=-r").toInvocation().options("role")).containsExactly("-r");
	}

	@Test
	void helpSkipsTheChecks() {
		assertThat(parse("token", "create", "--help").helpRequested()).isTrue();
		assertThat(parse("user", "invite", "-h").helpRequested()).isTrue();
	}

	@Test
	void suggestionsForMisspeltCommandsAndOptions() {
		assertThatThrownBy(() -> parse("usr")).hasMessageContaining("Did you mean 'user'?");
		assertThatThrownBy(() -> parse("user", "invte", "x")).hasMessageContaining("Did you mean 'invite'?");
		assertThatThrownBy(() -> parse("user", "invite", "a@b.co", "--rol", "x")).hasMessageContaining("'--role'");
	}

	static void assertCode(Runnable parse, ExitCode code) {
		assertThatThrownBy(parse::run).isInstanceOf(AstraError.class)
			.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(code));
	}

	@Test
	void tabAndErrorMessagesReadWordsAsTheParserDoes() {
		// Tab, an error's output format and the parser share one reading of a line
		List<List<String>> lines = List.of(
				List.of("user", "invite", "a@b.co", "-r", "RO User", "--role=R/W User", "--env", "dev", "-o", "json"),
				List.of("user", "invite", "--if-not-exists", "-cf", "/x", "--", "-odd@b.co"),
				List.of("token", "create", "-d", "-5", "-r", "R", "--no-color", "-v"));
		for (List<String> words : lines) {
			CommandLine parsed = parser.parse(words);
			CommandLineParser.Match match = parser.commandAt(words, 0);
			assertThat(match.command()).isSameAs(parsed.command());
			CommandLineParser.Scan scan = CommandLineParser.scan(match.command(), words.subList(match.end(), words.size()));
			assertThat(scan.options()).isEqualTo(parsed.options());
			assertThat(scan.arguments()).isEqualTo(parsed.arguments().size());
			assertThat(scan.globals()).isEqualTo(parsed.globals());
		}
		// leniently: an unknown option is skipped, a value-less option left out
		CommandLineParser.Scan scan = CommandLineParser.scan(null, List.of("usr", "lst", "--bogus", "-o", "json", "--env"));
		assertThat(scan.globals().output()).isEqualTo(OutputFormat.JSON);
		assertThat(scan.options()).containsOnlyKeys("output");
		assertThat(parser.commandAt(List.of("user", "-o", "json"), 0).command().getName()).isEqualTo("user list");
	}

	@Test
	void everyGlobalOptionIsReadIntoItsTypedValue() {
		// a global option declared in GlobalOptions.ALL but not read in GlobalOptions.values fails here
		for (OptionSpec o : GlobalOptions.ALL) {
			String value = o.isFlag() ? "true" : o.allowedValues().isEmpty() ? "x" : o.allowedValues().get(0);
			Globals g = GlobalOptions.values(Map.of(o.longName(), List.of(value)));
			assertThat(g).as("--" + o.longName()).isNotEqualTo(Globals.NONE);
			assertThat(parse("user", "list", "--" + o.longName() + "=" + value).globals()).isEqualTo(g);
		}
		assertThat(Globals.NONE.withToken("t").withEnv("local").withLocalEndpoint("http://127.0.0.1:1"))
			.isEqualTo(new Globals("t", null, null, "local", "http://127.0.0.1:1", null, null, null));
	}

}
