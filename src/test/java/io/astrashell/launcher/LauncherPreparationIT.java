package io.astrashell.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.astrashell.launcher.LaunchFixture.Run;
import io.astrashell.launcher.LaunchFixture.Started;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.astrashell.launcher.LaunchFixture.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the launcher prepares on a first start (the jar built by Maven, the jar extracted, a class
 * archive trained), under dash and bash: several first starts at once build once, the others waiting
 * and then running; Ctrl-C (or TERM, HUP) at any step leaves no lock, no half-made file or folder and
 * no training home behind, ends with the signal's status, and the next start prepares at once.
 * Maven is stood in for by a script that fails as two Mavens in one {@code target/} do; Java by one
 * that pauses after a step, so that the signal comes at that step.
 */
class LauncherPreparationIT {

	@TempDir
	Path dir;

	LaunchFixture fx;

	/** Maven's stand-in: the jar "built" in FAKE_MVN_SECONDS (3 by default); two at once fail as in one target/. */
	Path fakeMaven() throws Exception {
		return LaunchFixture.executable(dir.resolve("bin/mvn"), """
				#!/bin/sh
				mkdir -p target
				mkdir target/in-progress 2>/dev/null || {
				  echo 'java.lang.IllegalStateException: target/in-progress already exists' >&2; exit 1; }
				trap 'rmdir target/in-progress; exit 130' INT TERM HUP
				echo "mvn $*" >> builds
				if [ -n "${FAKE_MVN_STARTED:-}" ]; then : > "$FAKE_MVN_STARTED"; fi
				sleep "${FAKE_MVN_SECONDS:-3}"
				cp '%s' target/astra-shell.jar
				rmdir target/in-progress
				""".formatted(LaunchFixture.JAR));
	}

	Map<String, String> withFakeMaven() throws Exception {
		Map<String, String> env = new HashMap<>();
		env.put("PATH", fakeMaven().getParent() + ":" + System.getenv("PATH"));
		env.put("ASTRA_NO_CACHE", "1");
		return env;
	}

	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void firstStartsAtOnceOnAFreshCheckoutBuildOnceAndAllRun(String shell) throws Exception {
		assumeTrue(LaunchFixture.has(shell), shell + " is not installed (.ci/run installs it)");
		fx = new LaunchFixture(dir);
		Path checkout = LaunchFixture.checkout(dir.resolve("checkout"));
		Map<String, String> env = withFakeMaven();
		List<Started> starts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			starts.add(fx.start(checkout, env, List.of(shell, checkout.resolve("astra").toString(), "version")));
		}
		for (Started s : starts) {
			Run r = LaunchFixture.finish(s, "a first start");
			assertThat(r.exit()).as(r.toString()).isZero();
			assertThat(r.out()).startsWith("astra shell ");
			assertThat(r.err()).doesNotContain("Exception").doesNotContain("failed");
		}
		assertThat(Files.readAllLines(checkout.resolve("builds"))).hasSize(1);
		assertThat(files(checkout.resolve("target"))).noneMatch(n -> n.endsWith(".lock") || n.endsWith(".tmp"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void ctrlCWhileBuildingLeavesNoLockAndTheNextStartBuilds(String shell) throws Exception {
		assumeTrue(LaunchFixture.has(shell), shell + " is not installed (.ci/run installs it)");
		fx = new LaunchFixture(dir);
		Path checkout = LaunchFixture.checkout(dir.resolve("checkout"));
		Map<String, String> env = withFakeMaven();
		env.put("FAKE_MVN_SECONDS", "60");
		env.put("FAKE_MVN_STARTED", dir.resolve("mvn-started").toString());
		Path pgid = dir.resolve("pgid");
		Started s = fx.startInOwnGroup(checkout, env, pgid, shell, checkout.resolve("astra"), "version");
		LaunchFixture.awaitFile(dir.resolve("mvn-started"), s);
		fx.signalGroup("INT", pgid);
		Run interrupted = LaunchFixture.finish(s, "the interrupted build");
		assertThat(interrupted.exit()).as(interrupted.toString()).isEqualTo(130);
		assertThat(files(checkout.resolve("target"))).doesNotContain("build.lock");

		env.put("FAKE_MVN_SECONDS", "0");
		Run next = fx.run(checkout, env, shell, checkout.resolve("astra").toString(), "version");
		assertThat(next.exit()).as(next.toString()).isZero();
		assertThat(next.err()).contains("building astra shell").doesNotContain("waiting");
		assertThat(Files.readAllLines(checkout.resolve("builds"))).hasSize(2);
	}

	/**
	 * Ctrl-C just after the jar's extraction (its folder made, not yet moved into place), during a
	 * training run (its 40 MB archive half made), and TERM there too: nothing is left, and the next start
	 * makes the archive at once.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dash", "bash" })
	void aSignalWhilePreparingLeavesNothingAndTheNextStartPrepares(String shell) throws Exception {
		assumeTrue(LaunchFixture.has(shell), shell + " is not installed (.ci/run installs it)");
		fx = new LaunchFixture(dir);
		Path install = LaunchFixture.install(dir.resolve("install"));
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		Map<String, String> env = new HashMap<>();
		env.put("ASTRA_JAVA", fx.pausingJava().toString());
		env.put("TMPDIR", tmp.toString());
		env.put("ASTRA_TEST_PAUSED", dir.resolve("paused").toString());
		String[][] cases = { { "extract", "INT", "130" }, { "train", "INT", "130" }, { "train", "TERM", "143" },
				{ "train", "HUP", "129" } };
		for (String[] c : cases) {
			Files.deleteIfExists(dir.resolve("paused"));
			env.put("ASTRA_TEST_PAUSE", c[0]);
			Path pgid = dir.resolve("pgid");
			Started s = fx.startInOwnGroup(install, env, pgid, shell, install.resolve("astra"), "version");
			LaunchFixture.awaitFile(dir.resolve("paused"), s);
			if (c[0].equals("train")) {
				// the archive being made is there, under its temporary name, and so is the lock
				assertThat(files(install.resolve("target/launch"))).anyMatch(n -> n.endsWith(".tmp") || n.endsWith(".tmp.config"))
					.anyMatch(n -> n.endsWith(".lock"));
			}
			else {
				assertThat(files(install.resolve("target"))).anyMatch(n -> n.endsWith(".tmp"));
			}
			fx.signalGroup(c[1], pgid);
			Run r = LaunchFixture.finish(s, "the interrupted start");
			String what = c[1] + " during " + c[0] + ": " + r;
			assertThat(r.exit()).as(what).isEqualTo(Integer.parseInt(c[2]));
			assertThat(files(install.resolve("target"))).as(what).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".lock"));
			assertThat(files(install.resolve("target/launch"))).as(what)
				.noneMatch(n -> n.contains(".tmp") || n.endsWith(".lock") || n.endsWith(".failed"));
			assertThat(files(tmp)).as(what + ": the training's home").isEmpty();
		}
		env.remove("ASTRA_TEST_PAUSE");
		Run next = fx.run(install, env, shell, install.resolve("astra").toString(), "version");
		assertThat(next.exit()).as(next.toString()).isZero();
		assertThat(next.err()).contains("preparing fast start-up of the one-shot mode");
		assertThat(files(install.resolve("target/launch"))).anyMatch(n -> n.matches("astra-\\d+-\\d+-one-shot\\.(aot|jsa)"));
	}

}
