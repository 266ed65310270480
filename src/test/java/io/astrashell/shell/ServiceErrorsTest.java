package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.astrashell.cli.ExitCode;
import io.astrashell.service.RoleService;
import io.astrashell.service.ServiceException;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The services fail with domain errors ({@link ServiceException} and its kind), never with an exit
 * code; the shell's edge maps each kind to the documented exit code, in one place.
 */
class ServiceErrorsTest {

	@Test
	void everyKindMapsToItsDocumentedExitCode() {
		Map<ServiceException.Kind, Integer> documented = Map.of(ServiceException.Kind.NOT_FOUND, 5,
				ServiceException.Kind.ALREADY_EXISTS, 7, ServiceException.Kind.NOT_ALLOWED, 9,
				ServiceException.Kind.INVALID_INPUT, 11, ServiceException.Kind.MISSING_INPUT, 12,
				ServiceException.Kind.INVALID_VALUE, 13, ServiceException.Kind.FAILED, 100);
		assertThat(documented).hasSize(ServiceException.Kind.values().length);
		for (ServiceException.Kind kind : ServiceException.Kind.values()) {
			ExitCode code = Dispatcher.exitCode(kind);
			assertThat(code.code()).as(kind.name()).isEqualTo(documented.get(kind));
		}
	}

	@Test
	void theServicesChecksFailWithADomainKindAndTheirMessageWordForWord() {
		assertThatThrownBy(() -> TokenService.checkClientId(" ")).isInstanceOf(ServiceException.class)
			.hasMessage("Give the client id of the token to delete (see 'astra token list').")
			.extracting(e -> ((ServiceException) e).kind()).isEqualTo(ServiceException.Kind.INVALID_INPUT);
		assertThatThrownBy(() -> RoleService.checkActions(List.of("org-read", "org-read")))
			.isInstanceOf(ServiceException.class)
			.hasMessage("Action 'org-read' is given twice; give each action once.")
			.extracting(e -> ((ServiceException) e).kind()).isEqualTo(ServiceException.Kind.INVALID_INPUT);
		assertThatThrownBy(() -> UserService.checkUserRef("not an address")).isInstanceOf(ServiceException.class)
			.hasMessage("'not an address' is neither an email address nor a user id.");
	}

	@Test
	void theServiceLayerNamesNoExitCode() throws IOException {
		Path main = Path.of("src/main/java/io/astrashell");
		List<Path> sources;
		try (Stream<Path> service = Files.list(main.resolve("service"))) {
			sources = Stream.concat(service, Stream.of(main.resolve("orgfile/OrgFileService.java")))
				.filter(p -> p.toString().endsWith(".java"))
				.toList();
		}
		assertThat(sources).hasSizeGreaterThan(5);
		for (Path source : sources) {
			String text = Files.readString(source);
			assertThat(text).as(source.toString()).doesNotContain("ExitCode").doesNotContain("CliException(")
				.doesNotContain("CliException.");
		}
	}

}
