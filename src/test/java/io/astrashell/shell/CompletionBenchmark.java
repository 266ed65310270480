package io.astrashell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.astrashell.api.DevOpsClient;
import io.astrashell.api.HttpSettings;
import io.astrashell.api.TokensApi;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.sandbox.LocalSandbox;

/**
 * Tab latency at the prompt on a large organization (bench/completion.sh runs it): a sandbox with
 * 10,000 users, 500 custom roles and 2,000 tokens; the real prompt on a terminal; 100 Tabs that
 * each complete a user email, a role name or a client id. Prints the first (cold) Tab, the warm
 * p50/p99/max, and how many HTTP requests the 100 Tabs caused. Not a test: figures, not assertions.
 */
public final class CompletionBenchmark {

	public static void main(String[] args) throws Exception {
		int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int roles = args.length > 1 ? Integer.parseInt(args[1]) : 500;
		int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
		Path dir = Files.createTempDirectory("astra-bench");
		Path sandboxHome = dir.resolve("sandbox-home");
		LocalSandbox.populate(sandboxHome, users, roles, tokens);
		try (LocalSandbox sandbox = LocalSandbox.start(sandboxHome, 0)) {
			Path rc = dir.resolve("astrarc");
			Files.writeString(rc, "[default]\nASTRA_DB_APPLICATION_TOKEN=" + sandbox.adminToken()
					+ "\nASTRA_ENV=LOCAL\nASTRA_LOCAL_ENDPOINT=" + sandbox.endpoint() + "\n");
			List<String> clientIds = TokensApi.list(new DevOpsClient(sandbox.endpoint(), sandbox.adminToken(),
					HttpSettings.DEFAULTS)).clients().stream().map(TokenInfo::clientId).toList();
			Map<String, String> env = Map.of("ASTRA_HOME", dir.resolve("home").toString(), "ASTRARC", rc.toString(),
					"HOME", dir.toString());
			try (PromptTerminal t = new PromptTerminal(env)) {
				long opened = System.nanoTime();
				t.waitFor("astra (LOCAL)> ", 1);
				// the prompt starts fetching at once; Tab until the values are there (each Tab waits 250 ms at most)
				long cold = 0;
				while (cold == 0) {
					cold = tryTab(t, "user get user00001", "user00001@example.com ");
				}
				long warmUp = System.nanoTime() - opened;
				long before = sandbox.requestCount();
				List<Long> warm = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					switch (i % 3) {
						case 0 -> {
							String email = String.format("user%05d", 1 + (i * 97) % users);
							warm.add(tab(t, "user get " + email, email + "@example.com "));
						}
						case 1 -> {
							String role = String.format("Custom Role %04d", 1 + (i * 7) % roles);
							warm.add(tab(t, "role get \"" + role, "\"" + role + "\" "));
						}
						default -> {
							String id = clientIds.get((i * 13) % clientIds.size());
							warm.add(tab(t, "token delete " + id.substring(0, 10), id + " "));
						}
					}
				}
				long requests = sandbox.requestCount() - before;
				t.type("quit\r");
				t.exitCode();
				long[] sorted = warm.stream().mapToLong(Long::longValue).sorted().toArray();
				System.out.printf("organization:           %,d users, %,d roles, %,d tokens (local sandbox over HTTP)%n",
						users, roles + 16, tokens + 1);
				System.out.printf("warm-up:                %.0f ms from the prompt's start to the values cached%n", warmUp / 1e6);
				System.out.printf("warm Tab p50:           %.2f ms%n", percentile(sorted, 50) / 1e6);
				System.out.printf("warm Tab p99:           %.2f ms%n", percentile(sorted, 99) / 1e6);
				System.out.printf("warm Tab max:           %.2f ms%n", sorted[sorted.length - 1] / 1e6);
				System.out.printf("HTTP requests, 100 Tabs: %d%n", requests);
			}
		}
	}

	/** A Tab that may find nothing yet: the nanoseconds to the completion, or 0 if none came within a second. */
	static long tryTab(PromptTerminal t, String line, String expected) throws Exception {
		t.type(line);
		int seen = PromptTerminal.count(t.screen(), expected);
		long start = System.nanoTime();
		t.type("\t");
		while (PromptTerminal.count(t.screen(), expected) <= seen) {
			if (System.nanoTime() - start > 1_000_000_000L) {
				t.type("\u0015");
				return 0;
			}
			Thread.sleep(5);
		}
		long elapsed = System.nanoTime() - start;
		t.type("\u0015");
		return elapsed;
	}

	/** Types {@code line} and a Tab; returns the nanoseconds until the screen shows {@code expected}. */
	static long tab(PromptTerminal t, String line, String expected) throws Exception {
		t.type(line);
		t.waitFor(line, 1);
		int seen = PromptTerminal.count(t.screen(), expected);
		long start = System.nanoTime();
		t.type("\t");
		while (PromptTerminal.count(t.screen(), expected) <= seen) {
			Thread.onSpinWait();
			if (System.nanoTime() - start > 20_000_000_000L) {
				throw new AssertionError("no completion for: " + line);
			}
		}
		long elapsed = System.nanoTime() - start;
		t.type("\u0015");
		return elapsed;
	}

	static long percentile(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static String join(long[] values) {
		return Arrays.toString(values);
	}

}
