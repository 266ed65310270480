package io.astrashell.orgfile;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.astrashell.sandbox.LocalSandbox;

/**
 * The organization as a file, at scale, as users run it: {@code ./astra org export}, {@code org diff}
 * and {@code org apply} as one-shot commands against a sandbox of 10,000 users and 500 custom roles
 * served on loopback. Prints the wall time of each and the requests the sandbox answered (the goal:
 * diff under 2 s and exactly 2 requests; an apply of 100 changes sends exactly 100 writes). Run by
 * {@code bench/orgfile.sh}; not a test.
 */
public final class OrgFileBenchmark {

	public static void main(String[] args) throws Exception {
		int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int roles = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		Path dir = Files.createTempDirectory("astra-orgfile-bench");
		Path home = dir.resolve("astra-home");
		LocalSandbox.populate(home, users, roles, 0);
		try (LocalSandbox sandbox = LocalSandbox.start(home, 0)) {
			String endpoint = sandbox.endpoint().toString();
			String token = sandbox.adminToken();
			Path file = dir.resolve("org.yaml");

			long before = sandbox.requestCount();
			Run export = astra(dir, endpoint, token, file, "org", "export");
			long exportRequests = sandbox.requestCount() - before;

			before = sandbox.requestCount();
			Run inSync = astra(dir, endpoint, token, null, "org", "diff", file.toString());
			long diffRequests = sandbox.requestCount() - before;

			// 100 changes: 50 users given another role, and 50 new users
			List<String> lines = new ArrayList<>(Files.readAllLines(file));
			int moved = 0;
			boolean inUsers = false;
			for (int i = 0; i < lines.size() && moved < 50; i++) {
				inUsers |= lines.get(i).equals("users:");
				if (inUsers && lines.get(i).startsWith("    roles: [") && !lines.get(i).contains("Organization Administrator")) {
					lines.set(i, "    roles: [\"R/W User\"]");
					moved++;
				}
			}
			StringBuilder changed = new StringBuilder(String.join("\n", lines).replace("users:\n", "users:\n" + newUsers(50)));
			Path changes = dir.resolve("changes.yaml");
			Files.writeString(changes, changed);
			before = sandbox.requestCount();
			Run diff = astra(dir, endpoint, token, null, "org", "diff", changes.toString());
			long changedDiffRequests = sandbox.requestCount() - before;
			before = sandbox.requestCount();
			Run apply = astra(dir, endpoint, token, null, "org", "apply", changes.toString(), "--yes");
			long applyRequests = sandbox.requestCount() - before;

			System.out.printf("organization:             %,d users, %,d custom roles (local sandbox over HTTP)%n", users, roles);
			System.out.printf("org export:               %d ms, %d requests, %,d bytes of YAML%n", export.ms, exportRequests,
					Files.size(file));
			System.out.printf("org diff (in sync):       %d ms, %d requests, exit %d%n", inSync.ms, diffRequests, inSync.exit);
			System.out.printf("org diff (%d changes):   %d ms, %d requests, exit %d%n", 50 + moved, diff.ms,
					changedDiffRequests, diff.exit);
			System.out.printf("org apply (%d changes):  %d ms, %d requests: 2 listings and %d writes, exit %d%n", 50 + moved,
					apply.ms, applyRequests, applyRequests - 2, apply.exit);
		}
	}

	record Run(long ms, int exit) {
	}

	private static String newUsers(int n) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < n; i++) {
			b.append("  - email: \"bench-new-").append(i).append("@example.com\"\n    roles: [\"RO User\"]\n");
		}
		return b.toString();
	}

	/** {@code ./astra ARGS --env local --local-endpoint E --token T}, its output to {@code out} (or discarded). */
	private static Run astra(Path dir, String endpoint, String token, Path out, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of("astra").toAbsolutePath().toString());
		command.addAll(List.of(args));
		command.addAll(List.of("--env", "local", "--local-endpoint", endpoint, "--token", token));
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().put("HOME", dir.toString());
		pb.environment().put("ASTRA_HOME", dir.resolve("client-home").toString());
		pb.redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()));
		pb.redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(new File("/dev/null"));
		long t0 = System.nanoTime();
		Process p = pb.start();
		int exit = p.waitFor();
		return new Run((System.nanoTime() - t0) / 1_000_000, exit);
	}

}
