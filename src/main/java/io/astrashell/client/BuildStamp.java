package io.astrashell.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a JVM of astra shell was started from: the build (the launcher's key of the application's jars,
 * {@code -Dastra.build}, else the jar's own size and time), the launcher script (its path and time),
 * the Java runtime ({@code java.home}) and the JVM options the user gave (ASTRA_JAVA_OPTS,
 * JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS). A resident session serves only clients of its own identity:
 * one that differs would not run what a cold start of that client runs.
 */
public record BuildStamp(String build, String launcher, String javaHome, String jvmOptions) {

	/** The variables whose JVM options apply when a JVM starts. */
	public static final List<String> JVM_OPTION_VARIABLES = List.of("ASTRA_JAVA_OPTS", "JAVA_TOOL_OPTIONS",
			"JDK_JAVA_OPTIONS");

	/** This JVM's, with the JVM option variables of {@code env}. */
	public static BuildStamp of(Map<String, String> env) {
		StringBuilder options = new StringBuilder();
		for (String name : JVM_OPTION_VARIABLES) {
			String value = env.get(name);
			if (value != null) {
				options.append(name).append('=').append(value).append('\n');
			}
		}
		return new BuildStamp(thisBuild(), thisLauncher(), System.getProperty("java.home", ""), options.toString());
	}

	private static String thisBuild() {
		String given = System.getProperty("astra.build");
		if (given != null && !given.isEmpty()) {
			return given;
		}
		try {
			Path code = Path.of(BuildStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return "jar " + code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
		}
		catch (Exception e) { // no code source to be had: every client of such a session differs
			return "unknown";
		}
	}

	private static String thisLauncher() {
		String path = System.getProperty("astra.launcher", "");
		if (path.isEmpty()) {
			return "";
		}
		try {
			return path + " " + Files.getLastModifiedTime(Path.of(path)).toMillis();
		}
		catch (IOException | RuntimeException e) {
			return path;
		}
	}

	/** Why a session of this identity does not serve a client of {@code client}'s; null when it does. */
	public String whyNotFor(BuildStamp client) {
		List<String> why = new ArrayList<>();
		if (!build.equals(client.build)) {
			why.add("another build of astra shell (" + build + ", the client's " + client.build + ")");
		}
		if (!launcher.equals(client.launcher)) {
			why.add("another launcher (" + launcher + ", the client's " + client.launcher + ")");
		}
		if (!javaHome.equals(client.javaHome)) {
			why.add("another Java (" + javaHome + ", the client's " + client.javaHome + ")");
		}
		if (!jvmOptions.equals(client.jvmOptions)) {
			why.add("other JVM options (" + differing(jvmOptions, client.jvmOptions) + " differs)");
		}
		return why.isEmpty() ? null : "it was started from " + String.join(", ", why);
	}

	/** The variables whose values differ: never their values, which may hold a password. */
	private static String differing(String mine, String theirs) {
		List<String> names = new ArrayList<>();
		for (String name : JVM_OPTION_VARIABLES) {
			if (!String.valueOf(valueOf(mine, name)).equals(String.valueOf(valueOf(theirs, name)))) {
				names.add(name);
			}
		}
		return String.join(", ", names);
	}

	private static String valueOf(String options, String name) {
		for (String line : options.split("\n")) {
			if (line.startsWith(name + "=")) {
				return line.substring(name.length() + 1);
			}
		}
		return null;
	}

	/** Into a frame's payload. */
	public void write(Frames.Payload p) {
		p.text(build).text(launcher).text(javaHome).text(jvmOptions);
	}

	/** Out of a frame's payload. */
	public static BuildStamp read(Frames.Fields f) throws IOException {
		return new BuildStamp(f.text(), f.text(), f.text(), f.text());
	}

}
