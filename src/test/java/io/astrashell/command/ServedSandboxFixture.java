package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.Path;

import io.astrashell.AstraRun;
import io.astrashell.sandbox.LocalSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot runs in a temporary folder, with the sandbox of that folder's astra home served on
 * loopback: its admin token and endpoint, for tests that write profiles pointing at it.
 */
abstract class ServedSandboxFixture {

	@TempDir
	Path dir;

	AstraRun astra;

	LocalSandbox sandbox;

	String token;

	String endpoint;

	@BeforeEach
	void serveSandbox() throws Exception {
		astra = new AstraRun(dir);
		sandbox = LocalSandbox.start(astra.home(), 0);
		token = sandbox.adminToken();
		endpoint = sandbox.endpoint().toString();
	}

	/** The profiles file as it is now. */
	String file() throws Exception {
		return Files.readString(astra.configFile());
	}

	@AfterEach
	void stopSandbox() {
		sandbox.close();
	}

}
