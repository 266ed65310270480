package io.astrashell.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM for {@link SandboxTwoProcessTest}: starts its own sandbox on a home and invites
 * {@code count} emails concurrently, or (mode {@code leave-open}) starts a sandbox, serves one request
 * and returns from main without closing it, to show that the server does not keep the JVM alive.
 * Exits 0 when every request succeeded.
 */
public final class SandboxWriterMain {

	private SandboxWriterMain() {
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(args[0]);
		String mode = args[1];
		LocalSandbox sandbox = LocalSandbox.start(home, 0);
		SandboxHttp http = new SandboxHttp(sandbox);
		if (mode.equals("leave-open")) {
			http.get("/v2/currentOrg").expect(200);
			System.out.println("served " + sandbox.endpoint());
			return; // no close(): the JVM must still exit
		}
		String prefix = mode;
		int count = Integer.parseInt(args[2]);
		String role = http.roleId("RO User");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String email = prefix + "-" + i + "@example.com";
			results.add(pool.submit(() -> http
				.put("/v2/organizations/users", "{\"email\":\"" + email + "\",\"roles\":[\"" + role + "\"]}")
				.status()));
		}
		int failures = 0;
		for (Future<Integer> result : results) {
			int status = result.get(120, TimeUnit.SECONDS);
			if (status != 200) {
				System.err.println("invite failed with HTTP " + status);
				failures++;
			}
		}
		pool.shutdown();
		int seen = 0;
		for (var user : http.get("/v2/organizations/users").expect(200).json().get("Users")) {
			if (user.get("Email").asString().startsWith(prefix + "-")) {
				seen++;
			}
		}
		System.out.println(prefix + ": " + (count - failures) + " invited, " + seen + " seen");
		sandbox.close();
		System.exit(failures == 0 && seen == count ? 0 : 1);
	}

}
