package io.astrashell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.astrashell.sandbox.LocalSandbox;

/** A profiles file of sandboxes for prompt tests: {@code [default]} and named profiles, each on a served sandbox. */
final class TestProfiles {

	private final Path dir;

	private final StringBuilder text = new StringBuilder();

	private TestProfiles(Path dir) {
		this.dir = dir;
	}

	/** Starts a file whose {@code [default]} is the given sandbox. */
	static TestProfiles defaultTo(Path dir, LocalSandbox sandbox) {
		return new TestProfiles(dir).add("default", sandbox);
	}

	TestProfiles add(String name, LocalSandbox sandbox) {
		if (text.length() > 0) {
			text.append('\n');
		}
		text.append("[").append(name).append("]\nASTRA_DB_APPLICATION_TOKEN=").append(sandbox.adminToken())
			.append("\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT=").append(sandbox.endpoint()).append('\n');
		return this;
	}

	/** Writes the file and returns the environment of a shell that uses it. */
	Map<String, String> write() throws IOException {
		Path rc = dir.resolve("astrarc");
		Files.writeString(rc, text);
		return Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", rc.toString(), "HOME", dir.toString());
	}

}
