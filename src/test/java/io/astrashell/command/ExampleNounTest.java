package io.astrashell.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md's recipe for a read-only noun, proven: the example noun of the test sources
 * ({@code database list|get}) is its five files, one per room (the wire record, the API, the
 * sandbox resource, the service, the commands), and no main file names it. With its profile active,
 * the whole shell serves it as any noun: the embedded sandbox answers its endpoint, the command runs
 * in every format, help lists its group and describes its noun, errors have their exit codes.
 */
class ExampleNounTest {

	static final Path TESTS = Path.of("src/test/java/io/astrashell");

	/** The recipe's files, all of them: a noun takes these and touches nothing else. */
	static final List<Path> FILES = List.of(TESTS.resolve("api/model/ExampleDatabase.java"),
			TESTS.resolve("api/ExampleDatabasesApi.java"), TESTS.resolve("sandbox/ExampleDatabasesResource.java"),
			TESTS.resolve("service/ExampleDatabaseService.java"), TESTS.resolve("command/ExampleDatabaseCommands.java"));

	@TempDir
	Path dir;

	AstraRun astra() {
		return new AstraRun(dir).env("SPRING_PROFILES_ACTIVE", "example-noun");
	}

	@Test
	void theNounIsItsFiveFilesAndNoMainFileNamesIt() throws IOException {
		assertThat(FILES).allMatch(Files::isRegularFile);
		assertThat(FILES).hasSizeLessThanOrEqualTo(6);
		try (Stream<Path> main = Files.walk(Path.of("src/main"))) {
			for (Path p : main.filter(Files::isRegularFile).toList()) {
				assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).as(p.toString()).doesNotContain("ExampleDatabase")
					.doesNotContain("database list").doesNotContain("database get").doesNotContain("/v2/databases");
			}
		}
	}

	@Test
	void withItsProfileTheShellServesItAsAnyNoun() {
		AstraRun astra = astra();
		Result list = astra.run("database", "list", "--env", "local");
		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.out()).contains("orders", "analytics", "staging").contains("Region");

		Result json = astra.run("database", "list", "--env", "local", "-o", "json");
		JsonNode data = WireJson.mapper().readTree(json.out()).get("data");
		assertThat(data).hasSize(3);
		String id = data.get(0).get("id").asString();
		assertThat(List.copyOf(data.get(0).propertyNames())).containsExactly("id", "name", "status", "region");

		Result get = astra.run("database", "get", id, "--env", "local", "-o", "csv");
		assertThat(get.exitCode()).as(get.toString()).isZero();
		assertThat(get.out()).contains(id);
		Result byName = astra.run("database", "get", "ORDERS", "--env", "local");
		assertThat(byName.exitCode()).as(byName.toString()).isZero();

		Result missing = astra.run("database", "get", "nope", "--env", "local");
		assertThat(missing.exitCode()).isEqualTo(5);
		assertThat(missing.err()).isEqualTo("[ERROR] Database 'nope' does not exist (see 'astra database list').\n");

		assertThat(astra.run("help").out()).contains("DATABASES").contains("database list");
		assertThat(astra.run("help", "database").out()).contains("List the databases of an organization");
		assertThat(astra.run("help", "database", "list").out()).contains("a list of objects: id, name, status, region");
	}

	@Test
	void withoutItsProfileTheNounIsNotThere() {
		Result r = new AstraRun(dir).run("database", "list", "--env", "local");
		assertThat(r.exitCode()).isEqualTo(11);
		assertThat(r.err()).contains("Unknown command");
	}

}
