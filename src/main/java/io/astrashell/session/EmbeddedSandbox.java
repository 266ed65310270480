package io.astrashell.session;

import java.io.IOException;
import java.net.URI;
import java.util.function.Supplier;

import io.astrashell.api.Trace;
import io.astrashell.error.AstraError;
import io.astrashell.files.Reasons;
import io.astrashell.files.RegularFiles;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.sandbox.SandboxResources;

/**
 * The sandbox served inside this process for {@code --env local} without an endpoint: started on
 * first use (never on a one-shot command that does not need it), then kept until {@link #close()}.
 * Its state stays on disk under the astra home; closing only stops the server. It serves the
 * resources it is given (the shell's beans), asked for when it starts.
 */
final class EmbeddedSandbox implements AutoCloseable {

	private final AstraHome home;

	private final int port;

	private final Trace trace;

	private final Supplier<SandboxResources> resources;

	private LocalSandbox running;

	EmbeddedSandbox(AstraHome home, int port, Trace trace, Supplier<SandboxResources> resources) {
		this.home = home;
		this.port = port;
		this.trace = trace;
		this.resources = resources;
	}

	/** The sandbox, started on first use. */
	synchronized LocalSandbox get() {
		if (running == null) {
			try {
				running = LocalSandbox.start(home.ensure(), port, resources.get());
				trace.log(() -> "embedded sandbox on " + running.endpoint());
			}
			catch (LocalSandbox.PortUnavailable e) {
				throw AstraError.configuration("Cannot start the local sandbox: " + e.getMessage()
						+ ". Set astra.sandbox.port in application.yml to another port, or to 0 for a free one.");
			}
			catch (RegularFiles.Refused e) {
				throw AstraError.configuration(e.getMessage());
			}
			catch (IOException e) {
				// the cause in words (permission denied, not a directory, read-only file system), never a class name
				throw new AstraError(AstraError.Kind.CONFIGURATION, "Cannot start the local sandbox in " + home.path() + ": "
						+ Reasons.of(e) + ". Set ASTRA_HOME (or HOME) to a directory you may write.", e);
			}
		}
		return running;
	}

	/** Whether the sandbox is running and serves this base URL (never starts it). */
	synchronized boolean serves(URI baseUrl) {
		return running != null && running.endpoint().equals(baseUrl);
	}

	/** Stops the sandbox if it runs; the next {@link #get()} starts it again. */
	@Override
	public synchronized void close() {
		if (running != null) {
			running.close();
			running = null;
		}
	}

}
