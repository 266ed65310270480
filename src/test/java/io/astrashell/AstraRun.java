package io.astrashell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.shell.ProcessIo;

/**
 * Runs the real shell in this JVM, as {@code astra <args>} would run it: the same Spring application,
 * with its own astra home and configuration file, captured standard output and error, and the exit
 * code. Environment variables are those given here only.
 */
public final class AstraRun {

	/** What a run printed and returned. */
	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
		}

	}

	private final Path home;

	private final Path configFile;

	private final Map<String, String> env = new HashMap<>();

	/** The run's working folder; null: this JVM's. */
	private Path folder;

	public AstraRun(Path directory) {
		this.home = directory.resolve("astra-home");
		this.configFile = directory.resolve("astrarc");
		env.put("ASTRA_HOME", home.toString());
		env.put("ASTRARC", configFile.toString());
		env.put("HOME", directory.toString());
	}

	public Path home() {
		return home;
	}

	public Path configFile() {
		return configFile;
	}

	public AstraRun env(String name, String value) {
		env.put(name, value);
		return this;
	}

	/** Runs in this working folder (as if started there), not this JVM's. */
	public AstraRun in(Path folder) {
		this.folder = folder;
		return this;
	}

	/** Runs without this environment variable (as if it were not set). */
	public AstraRun without(String name) {
		env.remove(name);
		return this;
	}

	public Result run(String... args) {
		return withInput("", args);
	}

	/** A run with {@code stdin} as standard input. */
	public Result withInput(String stdin, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ProcessIo io = new ProcessIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.copyOf(env), false, false, () -> {
					throw new IllegalStateException("no terminal in this test");
				});
		if (folder != null) {
			io = new ProcessIo(List.of(), io.in(), io.out(), io.err(), io.env(), folder, false, false, false, 0,
					io.terminals(), null, ProcessIo.Interrupts.NONE);
		}
		int code = AstraShellApplication.run(args, io);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

}
