package io.astrashell;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.core.command.Command;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code version} names the versions the build used, written into the jar by the build, not literals. */
class BuildInfoTest {

	@TempDir
	Path dir;

	@Test
	void theVersionsComeFromTheBuild() throws Exception {
		BuildInfo build = BuildInfo.load();
		// the Spring Shell jar on the class path is the one the build wrote down
		String jar = Path.of(Command.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName()
			.toString();
		assertThat(jar).isEqualTo("spring-shell-core-" + build.springShellVersion() + ".jar");
		assertThat(build.version()).isNotEqualTo("dev").doesNotContain("@");

		AstraRun.Result r = new AstraRun(dir).run("version");
		assertThat(r.out()).startsWith("astra shell " + build.version() + " (Java ")
			.contains(", Spring Shell " + build.springShellVersion() + ")");
	}

}
