package io.astrashell.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.astrashell.cli.Globals;
import io.astrashell.session.Session;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The workload the launcher runs once per mode to build the JVM's class archive of that mode (AppCDS
 * on JDK 17, the AOT cache on JDK 25): the commands people run most, in every format, against the
 * embedded sandbox in a throw-away astra home, and for the prompt's archive a short prompt session
 * after them. Its output is thrown away.
 */
final class Training {

	static final List<List<String>> COMMANDS = List.of(List.of("org", "--env", "local"),
			List.of("org", "--env", "local", "-o", "json"), List.of("org", "--env", "local", "-o", "csv"),
			List.of("org", "id", "--env", "local"), List.of("org", "name", "--env", "local", "--no-color"),
			List.of("user", "list", "--env", "local"), List.of("user", "list", "--env", "local", "-o", "json"),
			List.of("role", "list", "--env", "local"), List.of("token", "list", "--env", "local", "-o", "csv"),
			List.of("help"), List.of("help", "org"), List.of("org", "--help"), List.of("version"),
			List.of("org", "--token", "AstraCS:bad"), List.of("orgg"), List.of("org", "-o", "xml"),
			List.of("org", "--env", "local", "-v"));

	private Training() {
	}

	/** Runs the commands, then a prompt session unless {@code prompt} is null (the prompt's archive). */
	static int run(Dispatcher dispatcher, Session session, Prompt prompt) throws IOException {
		for (List<String> words : COMMANDS) {
			dispatcher.execute(words);
		}
		if (prompt == null) {
			return 0;
		}
		session.useDefaults(new Globals(null, null, null, "local", null, null, null, null));
		byte[] keys = "org\norg id -o json\nor\t\nquit\n".getBytes(StandardCharsets.UTF_8);
		try (Terminal terminal = TerminalBuilder.builder()
			.system(false)
			.streams(new ByteArrayInputStream(keys), new ByteArrayOutputStream())
			.type("xterm-256color")
			.size(new org.jline.terminal.Size(120, 40))
			.build()) {
			prompt.run(terminal);
		}
		return 0;
	}

}
