package io.astrashell.command;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.daemon.DaemonControl.Status;
import io.astrashell.daemon.DaemonControl;
import io.astrashell.error.AstraError;
import io.astrashell.output.Output;
import io.astrashell.shell.ProcessIo;
import org.springframework.stereotype.Component;

/**
 * {@code daemon start|status|stop}: the user's resident session, which serves one-shot commands
 * without a JVM start each ({@link DaemonControl}).
 */
@Component
public final class DaemonCommands implements CommandGroup {

	static final String GROUP = "Resident session";

	static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

	/** A session's JSON (start, status, stop). */
	static final String[] SESSION_FIELDS = { "pid", "started", "served", "running", "idle", "socket" };

	private final ProcessIo io;

	public DaemonCommands(ProcessIo io) {
		this.io = io;
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("daemon start").group(GROUP)
					.description("Start a resident session in the background that serves this user's one-shot commands")
					.option(OptionSpec.value("idle", null, "DURATION",
							"Exit after this long without a command: 15m (default), 1h, 90s; 0 never", ValueKind.TEXT))
					.check((in, dryRun) -> idle(in.option("idle")))
					.json(JsonShape.object(SESSION_FIELDS).more("alreadyRunning"))
					.handler(this::start),
				AstraCommand.named("daemon status").group(GROUP)
					.description("Whether a resident session serves this user's commands: pid, commands served, socket")
					.json(JsonShape.object(SESSION_FIELDS))
					.handler(this::status),
				AstraCommand.named("daemon stop").group(GROUP)
					.description("Stop the resident session (the commands it is serving finish first)")
					.json(JsonShape.object(SESSION_FIELDS))
					.handler(this::stop));
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("daemon", "Run a resident session that serves one-shot commands");
	}

	private DaemonControl control() {
		return new DaemonControl(io.env());
	}

	static Duration idle(String value) {
		if (value == null) {
			return DEFAULT_IDLE;
		}
		Duration d = DurationOption.parse(value);
		if (d == null) {
			throw AstraError.invalidValue("Invalid value '" + value + "' for --idle: give a duration such as "
					+ "15m, 1h or 90s, or 0 to keep the session until it is stopped.");
		}
		return d;
	}

	private Output start(Invocation in) {
		Duration idle = idle(in.option("idle"));
		DaemonControl.Started started;
		try {
			started = control().start(idle);
		}
		catch (IOException e) {
			throw AstraError.configuration("Cannot start the resident session: " + e.getMessage() + ".");
		}
		Status s = started.status();
		String text = started.already()
				? "A resident session already serves this user's commands (pid " + s.pid() + ", idle limit "
						+ idleText(s.idle()) + "): astra daemon stop, then start, to change it."
				: "A resident session serves this user's commands now (pid " + s.pid() + ", idle limit " + idleText(s.idle())
						+ ", socket " + s.socket() + ").";
		return Output.message(text, fields(s).andAlready(started.already()));
	}

	private Output status(Invocation in) {
		DaemonControl control = control();
		Status s = control.status().orElseThrow(() -> AstraError.notFound("No resident session serves this user's "
				+ "commands (socket " + control.socket() + "): astra daemon start starts one."));
		if (s.whyNotUsed() != null) {
			throw AstraError.notFound("The resident session (pid " + s.pid() + ") is not used: " + s.whyNotUsed()
					+ ". The next command ends it and runs without it; astra daemon start starts a new one.");
		}
		return Output.attributes("Resident session (pid " + s.pid() + ")", fields(s).map(),
				List.of(Output.attribute("Pid", Long.toString(s.pid())), Output.attribute("Started", s.started().toString()),
						Output.attribute("Commands served", Long.toString(s.served())),
						Output.attribute("Running now", Integer.toString(s.running())),
						Output.attribute("Idle limit", idleText(s.idle())), Output.attribute("Socket", s.socket().toString())));
	}

	private Output stop(Invocation in) {
		DaemonControl control = control();
		Status s = control.stop().orElseThrow(() -> AstraError.notFound("No resident session serves this user's "
				+ "commands (socket " + control.socket() + "): there is none to stop."));
		return Output.message("The resident session (pid " + s.pid() + ") has stopped after " + s.served()
				+ " command(s).", fields(s).map());
	}

	private static String idleText(Duration idle) {
		return idle.isZero() ? "none" : DaemonControl.durationText(idle);
	}

	private static Fields fields(Status s) {
		return new Fields(Output.fields("pid", s.pid(), "started", s.started().toString(), "served", s.served(),
				"running", s.running(), "idle", idle(s.idle()), "socket", s.socket().toString()));
	}

	private static String idle(Duration idle) {
		return DaemonControl.durationText(idle);
	}

	/** The JSON data of a session. */
	private record Fields(Map<String, Object> map) {

		Map<String, Object> andAlready(boolean already) {
			Map<String, Object> m = new LinkedHashMap<>(map);
			m.put("alreadyRunning", already);
			return m;
		}

	}

}
