package io.astrashell.sandbox;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox served on a fresh home for each test, and an HTTP client for it. */
abstract class SandboxFixture {

	@TempDir
	Path home;

	LocalSandbox sandbox;

	SandboxHttp http;

	@BeforeEach
	void start() throws Exception {
		this.sandbox = LocalSandbox.start(this.home, 0);
		this.http = new SandboxHttp(this.sandbox);
	}

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

}
