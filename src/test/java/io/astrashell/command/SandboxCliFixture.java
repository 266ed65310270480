package io.astrashell.command;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** One-shot runs against the sandbox of a fresh astra home for each test. */
abstract class SandboxCliFixture {

	@TempDir
	Path dir;

	SandboxCli cli;

	@BeforeEach
	void sandbox() {
		cli = new SandboxCli(dir);
	}

}
