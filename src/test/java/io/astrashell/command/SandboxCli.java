package io.astrashell.command;

import java.nio.file.Path;

import io.astrashell.AstraRun;
import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

/** One-shot runs against the embedded sandbox of a fresh astra home ({@code --env local} added). */
final class SandboxCli {

	final AstraRun astra;

	SandboxCli(Path dir) {
		this.astra = new AstraRun(dir);
	}

	Result run(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--env";
		all[args.length + 1] = "local";
		return astra.run(all);
	}

	JsonNode data(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "-o";
		all[args.length + 1] = "json";
		Result r = run(all);
		if (r.exitCode() != 0) {
			throw new AssertionError(r.toString());
		}
		return WireJson.mapper().readTree(r.out()).get("data");
	}

	static JsonNode json(Result r) {
		return WireJson.mapper().readTree(r.out());
	}

}
