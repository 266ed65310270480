package io.astrashell.command;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.astrashell.cli.AstraCommand;
import io.astrashell.error.AstraError;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.output.Level;
import io.astrashell.output.Output;
import io.astrashell.sandbox.LocalSandbox;
import io.astrashell.sandbox.SandboxFaults;
import io.astrashell.session.Session;
import io.astrashell.shell.Job;
import org.springframework.stereotype.Component;

/** {@code sandbox serve} and {@code sandbox reset}: the local Astra DevOps API of {@code --env local}. */
@Component
public final class SandboxCommands implements CommandGroup {

	static final String GROUP = "Sandbox";

	private final Session session;

	public SandboxCommands(Session session) {
		this.session = session;
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("sandbox", "Run the local sandbox of the Astra DevOps API");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("sandbox serve").group(GROUP)
					.description("Serve the local sandbox until Ctrl-C; print its endpoint and admin token")
					.option(OptionSpec.value("port", "p", "PORT", "Port on 127.0.0.1 (default: a free port)",
							ValueKind.TEXT))
					.option(OptionSpec.value("latency", null, "DURATION",
							"Answer each request after this long, as a distant service (100ms, 1s; default 0)",
							ValueKind.TEXT))
					.option(OptionSpec.value("max-in-flight", null, "N",
							"Answer 429 with Retry-After to requests beyond N at once, as a throttling service (default: no limit)",
							ValueKind.TEXT))
					.json(JsonShape.object("endpoint", "adminToken", "organizationId", "organizationName", "state"))
					.handler(this::serve),
				AstraCommand.named("sandbox reset").group(GROUP)
					.description("Forget the sandbox's organization: the next start seeds a fresh one")
					.json(JsonShape.object("reset"))
					.handler(this::reset));
	}

	private Output serve(Invocation in) throws IOException {
		int port = port(in.option("port"));
		SandboxFaults faults = new SandboxFaults(latency(in.option("latency")), maxInFlight(in.option("max-in-flight")));
		LocalSandbox sandbox;
		try {
			sandbox = LocalSandbox.start(session.home().ensure(), port, session.sandboxResources(), faults);
		}
		catch (LocalSandbox.PortUnavailable e) {
			throw AstraError.invalidValue("Cannot serve the sandbox: " + e.getMessage()
					+ ". Choose another --port, or leave --port out for a free one.");
		}
		String endpoint = sandbox.endpoint().toString();
		return Output
			.attributes("Sandbox serving the Astra DevOps API at " + endpoint,
					Output.fields("endpoint", endpoint, "adminToken", sandbox.adminToken(), "organizationId",
							sandbox.organizationId(), "organizationName", sandbox.organizationName(), "state",
							session.home().resolve("sandbox").toString()),
					List.of(Output.attribute("Endpoint", endpoint), Output.attribute("Admin token", sandbox.adminToken()),
							Output.attribute("Organization", sandbox.organizationName() + " ("
									+ sandbox.organizationId() + ")"),
							Output.attribute("State", session.home().resolve("sandbox").toString())))
			.headline("Sandbox serving the Astra DevOps API at " + endpoint)
			.showingSecret() // the admin token, for the other terminal's --token
			.notice(Level.INFO, "Use it from another terminal: astra org --env local --local-endpoint " + endpoint
					+ "  (Ctrl-C stops the sandbox; its state stays on disk)")
			.andThen(() -> {
				// Ctrl-C is how it ends: say so rather than that a command was abandoned
				try (Job.Report report = Job.reportWhileRunning(() -> "the sandbox at "
						+ endpoint + " stopped; its state stays in " + session.home().resolve("sandbox") + ".")) {
					Thread.sleep(Long.MAX_VALUE);
				}
				finally {
					sandbox.close();
				}
			});
	}

	private static int port(String value) {
		if (value == null) {
			return 0;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 0 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException e) {
			throw AstraError.invalidValue("Invalid port '" + value + "': give a number from 0 to 65535.");
		}
	}

	static Duration latency(String value) {
		if (value == null) {
			return Duration.ZERO;
		}
		Duration d = DurationOption.parse(value);
		if (d == null || d.compareTo(Duration.ofMinutes(1)) > 0) {
			throw AstraError.invalidValue("Invalid value '" + value + "' for --latency: give a duration from 0 to 1m, "
					+ "such as 100ms or 1s.");
		}
		return d;
	}

	static int maxInFlight(String value) {
		if (value == null) {
			return 0;
		}
		try {
			int n = Integer.parseInt(value.trim());
			if (n < 1) {
				throw new NumberFormatException();
			}
			return n;
		}
		catch (NumberFormatException e) {
			throw AstraError.invalidValue("Invalid value '" + value + "' for --max-in-flight: give a whole number, "
					+ "1 or more.");
		}
	}

	private Output reset(Invocation in) throws IOException {
		session.close();
		LocalSandbox.reset(session.home().path());
		session.useDefaults(session.defaults()); // the next command connects to a fresh sandbox
		return Output.message("The sandbox state in " + session.home().resolve("sandbox")
				+ " was removed; the next start seeds a fresh organization.",
				Output.fields("reset", session.home().resolve("sandbox").toString()));
	}

}
