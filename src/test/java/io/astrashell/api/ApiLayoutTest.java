package io.astrashell.api;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api package's layout, which the noun recipe of docs/architecture.md relies on: the generic client
 * knows no noun (every path of the API is written in a noun's {@code *Api} file), a service cannot reach
 * past those files to the verbs, and no class of the package grows past 450 lines.
 */
class ApiLayoutTest {

	private static final Path API = Path.of("src/main/java/io/astrashell/api");

	private static Map<String, List<String>> sources() throws IOException {
		Map<String, List<String>> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(API)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				out.put(API.relativize(f).toString(), Files.readAllLines(f));
			}
		}
		assertThat(out).containsKeys("DevOpsClient.java", "UsersApi.java");
		return out;
	}

	@Test
	void noClassOfTheApiPackagesIsOver450Lines() throws IOException {
		sources().forEach((file, lines) -> assertThat(lines.size()).as(file).isLessThanOrEqualTo(450));
	}

	@Test
	void onlyANounsApiFileWritesAPathOfTheApi() throws IOException {
		sources().forEach((file, lines) -> {
			if (!file.contains("/") && !file.endsWith("Api.java")) {
				assertThat(lines).as(file + " names an endpoint: it belongs in its noun's *Api file")
					.noneMatch(line -> !line.trim().startsWith("*") && line.contains("\"/v2/"));
			}
		});
	}

	@Test
	void theClientsOnlyPublicMethodsAreNotEndpoints() {
		List<String> publicMethods = Arrays.stream(DevOpsClient.class.getDeclaredMethods())
			.filter(m -> Modifier.isPublic(m.getModifiers()))
			.map(Method::getName)
			.sorted()
			.toList();
		assertThat(publicMethods).containsExactly("baseUrl", "paced", "route", "toString");
	}

}
