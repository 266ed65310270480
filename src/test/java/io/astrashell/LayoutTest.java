package io.astrashell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout a newcomer reads: no class of the shell over 450 lines (a class that grows past it does
 * more than one thing: split it by what it does), and no type named after another of another room.
 */
class LayoutTest {

	static List<Path> sources() throws IOException {
		try (Stream<Path> all = Files.walk(Path.of("src/main/java"))) {
			return all.filter(p -> p.toString().endsWith(".java")).toList();
		}
	}

	@Test
	void noClassIsOver450Lines() throws IOException {
		for (Path source : sources()) {
			assertThat(Files.readAllLines(source)).as(source + " is over 450 lines: split it by responsibility")
				.hasSizeLessThanOrEqualTo(450);
		}
	}

	@Test
	void noTwoFilesOfTheShellHaveOneName() throws IOException {
		List<String> names = sources().stream().map(p -> p.getFileName().toString())
			.filter(n -> !n.equals("package-info.java"))
			.toList();
		assertThat(names).doesNotHaveDuplicates();
	}

}
