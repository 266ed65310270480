package io.astrashell.error;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One error vocabulary: every layer throws {@link AstraError} with a kind; {@link ExitCode#of} maps
 * each kind to its documented exit code, the one place that does; the layers below the shell's edge
 * name no exit code, and no other exception class of the shell carries one.
 */
class AstraErrorTest {

	static final Path MAIN = Path.of("src/main/java/io/astrashell");

	@Test
	void everyKindMapsToItsDocumentedExitCodeAndBack() {
		Map<AstraError.Kind, Integer> documented = Map.of(AstraError.Kind.NOT_FOUND, 5, AstraError.Kind.ALREADY_EXISTS, 7,
				AstraError.Kind.CONFIGURATION, 9, AstraError.Kind.INVALID_INPUT, 11, AstraError.Kind.MISSING_INPUT, 12,
				AstraError.Kind.INVALID_VALUE, 13, AstraError.Kind.CANCELLED, 1, AstraError.Kind.INTERRUPTED, 130,
				AstraError.Kind.FAILED, 100);
		assertThat(documented).hasSize(AstraError.Kind.values().length);
		for (AstraError.Kind kind : AstraError.Kind.values()) {
			assertThat(ExitCode.of(kind).code()).as(kind.name()).isEqualTo(documented.get(kind));
			assertThat(ExitCode.of(kind).kind()).isEqualTo(kind);
			assertThat(new AstraError(kind, "m").exitCode()).isEqualTo(ExitCode.of(kind));
		}
	}

	@Test
	void theServicesChecksFailWithADomainKindAndTheirMessageWordForWord() {
		assertThatThrownBy(() -> TokenService.checkClientId(" ")).isInstanceOf(AstraError.class)
			.hasMessage("Give the client id of the token to delete (see 'astra token list').")
			.extracting(e -> ((AstraError) e).kind()).isEqualTo(AstraError.Kind.INVALID_INPUT);
		assertThatThrownBy(() -> RoleService.checkActions(List.of("org-read", "org-read")))
			.isInstanceOf(AstraError.class)
			.hasMessage("Action 'org-read' is given twice; give each action once.")
			.extracting(e -> ((AstraError) e).kind()).isEqualTo(AstraError.Kind.INVALID_INPUT);
		assertThatThrownBy(() -> UserService.checkUserRef("not an address")).isInstanceOf(AstraError.class)
			.hasMessage("'not an address' is neither an email address nor a user id.");
	}

	static List<Path> sources(String... packages) throws IOException {
		Stream<Path> all = Stream.empty();
		for (String p : packages) {
			all = Stream.concat(all, Files.walk(MAIN.resolve(p)).toList().stream());
		}
		return all.filter(p -> p.toString().endsWith(".java")).toList();
	}

	@Test
	void theLayersBelowTheShellsEdgeNameNoExitCode() throws IOException {
		List<Path> sources = sources("service", "orgfile", "session", "completion", "api", "sandbox", "files", "output");
		assertThat(sources).hasSizeGreaterThan(40);
		for (Path source : sources) {
			assertThat(Files.readString(source)).as(source.toString()).doesNotContainPattern("\\bExitCode\\b");
		}
	}

	@Test
	void noOtherExceptionOfTheShellCarriesAnExitCode() throws IOException {
		Pattern exception = Pattern.compile("class (\\w+) extends (\\w*(Exception|Error))\\b");
		for (Path source : sources(".")) {
			String text = Files.readString(source);
			var m = exception.matcher(text);
			while (m.find()) {
				// the wire's errors (api, sandbox) and the file errors are causes, turned into an AstraError by who catches them
				assertThat(text).as(source + ": " + m.group(1)).doesNotContainPattern("ExitCode\\s+\\w+;");
			}
		}
		assertThat(MAIN.resolve("cli/CliException.java")).doesNotExist();
		assertThat(MAIN.resolve("service/ServiceException.java")).doesNotExist();
	}

}
