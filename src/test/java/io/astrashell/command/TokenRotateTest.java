package io.astrashell.command;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.astrashell.AstraRun.Result;
import io.astrashell.api.model.WireJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code token rotate} end to end on a served sandbox: nothing lost, whichever step fails. The old
 * token is revoked only once the new one answers and is in the profiles; the profiles file keeps its
 * comments, its other profiles and its mode.
 */
class TokenRotateTest extends ServedSandboxFixture {

	String[] api(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--env", "local", "--local-endpoint", endpoint, "--token", token));
		return all.toArray(String[]::new);
	}

	/** A new token of the organization (as the admin), with these roles and description. */
	String newToken(String description) {
		Result r = astra.run(api("token", "create", "-r", "Organization Administrator", "-d", description, "-o", "json"));
		assertThat(r.exitCode()).as(r.toString()).isZero();
		return WireJson.mapper().readTree(r.out()).get("data").get("token").asString();
	}

	static String clientId(String token) {
		return token.substring(8, 32);
	}

	void profile(String name, String tokenOfIt) {
		Result r = astra.run("config", "create", name, "--token", tokenOfIt, "--env", "local", "--local-endpoint",
				endpoint, "--no-validate");
		assertThat(r.exitCode()).as(r.toString()).isZero();
	}

	List<String> clientIds() {
		JsonNode data = WireJson.mapper().readTree(astra.run(api("token", "list", "-o", "json")).out()).get("data");
		List<String> ids = new ArrayList<>();
		data.forEach(t -> ids.add(t.get("clientId").asString()));
		return ids;
	}

	String tokenOf(String profile) throws Exception {
		return file().lines().dropWhile(l -> !l.equals("[" + profile + "]")).filter(l -> l.startsWith("ASTRA_DB_APPLICATION_TOKEN="))
			.findFirst().orElseThrow().substring("ASTRA_DB_APPLICATION_TOKEN=".length());
	}

	@Test
	void theProfilesOwnTokenIsReplacedEverywhereItIsAndRevoked() throws Exception {
		String old = newToken("ci");
		profile("ci", old); // the first profile: also [default]
		profile("other", token);
		Files.writeString(astra.configFile(), "# kept\n" + file());
		Result r = astra.run("token", "rotate", clientId(old), "-o", "json");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		JsonNode data = WireJson.mapper().readTree(r.out()).get("data");
		String fresh = data.get("token").asString();
		assertThat(data.get("profiles").toString()).isEqualTo("[\"default\",\"ci\"]");
		assertThat(data.get("oldRevoked").asBoolean()).isTrue();
		assertThat(tokenOf("default")).isEqualTo(fresh);
		assertThat(tokenOf("ci")).isEqualTo(fresh);
		assertThat(tokenOf("other")).isEqualTo(token);
		assertThat(file()).startsWith("# kept\n").doesNotContain(old);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(astra.configFile()))).isEqualTo("rw-------");
		assertThat(clientIds()).contains(clientId(fresh)).doesNotContain(clientId(old));
		// the new token works from the profile; its description and roles are the old one's
		Result org = astra.run("org", "id", "-conf", "ci");
		assertThat(org.exitCode()).as(org.toString()).isZero();
		JsonNode listed = WireJson.mapper().readTree(astra.run(api("token", "list", "-o", "json")).out()).get("data");
		listed.forEach(t -> {
			if (t.get("clientId").asString().equals(clientId(fresh))) {
				assertThat(t.get("description").asString()).isEqualTo("ci");
			}
		});
	}

	@Test
	void anotherProfilesTokenIsRotatedWithTheCallersCredentials() throws Exception {
		profile("admin", token);
		String old = newToken("nightly");
		profile("nightly", old);
		Result r = astra.run("token", "rotate", clientId(old), "--description", "nightly export");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("in nightly.").doesNotContain(tokenOf("nightly"));
		assertThat(tokenOf("admin")).isEqualTo(token);
		assertThat(clientId(tokenOf("nightly"))).isNotEqualTo(clientId(old));
		assertThat(astra.run("org", "id", "-conf", "nightly").exitCode()).isZero();
		assertThat(clientIds()).doesNotContain(clientId(old));
	}

	@Test
	void aTokenNoProfileHoldsIsRefusedUnlessKept() throws Exception {
		profile("admin", token);
		String loose = newToken("loose");
		List<String> before = clientIds();
		String fileBefore = file();
		Result refused = astra.run("token", "rotate", clientId(loose));
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(11);
		assertThat(refused.err()).contains("No profile of").contains("--keep-old").contains("Nothing was changed");
		assertThat(clientIds()).isEqualTo(before);
		assertThat(file()).isEqualTo(fileBefore);

		Result kept = astra.run("token", "rotate", clientId(loose), "--keep-old", "-o", "json");
		assertThat(kept.exitCode()).as(kept.toString()).isZero();
		JsonNode data = WireJson.mapper().readTree(kept.out()).get("data");
		assertThat(data.get("token").asString()).startsWith("AstraCS:"); // printed, since no profile holds it
		assertThat(data.get("oldRevoked").asBoolean()).isFalse();
		assertThat(clientIds()).contains(clientId(loose), data.get("clientId").asString());
		assertThat(file()).isEqualTo(fileBefore);
	}

	@Test
	void aProfilesFileThatCannotBeWrittenKeepsTheOldTokenAndCreatesNothing() throws Exception {
		String old = newToken("ro");
		profile("ro", old);
		String fileBefore = file();
		List<String> before = clientIds();
		Files.setPosixFilePermissions(astra.configFile(), PosixFilePermissions.fromString("r--------"));
		Result r = astra.run("token", "rotate", clientId(old));
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(9);
		assertThat(r.err()).contains("read-only").doesNotContain("AstraCS:");
		assertThat(clientIds()).isEqualTo(before);
		assertThat(file()).isEqualTo(fileBefore);
		assertThat(astra.run("org", "id", "-conf", "ro").exitCode()).isZero(); // the old one still works
	}

	@Test
	void namedProfilesOnlyAreWrittenAndTheOthersAreNamed() throws Exception {
		String old = newToken("shared");
		profile("a", old);
		profile("b", old);
		Result r = astra.run("token", "rotate", clientId(old), "-conf", "b", "--keep-old");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.err()).contains("Not named, so not written: default, a still hold the old token.");
		assertThat(tokenOf("a")).isEqualTo(old);
		assertThat(tokenOf("b")).isNotEqualTo(old);
		assertThat(astra.run("token", "rotate", clientId(old), "-conf", "nope").exitCode()).isEqualTo(5);
	}

	@Test
	void twoRotationsOfOneTokenTakeTurnsAndMakeOneNewToken() throws Exception {
		profile("admin", token);
		String old = newToken("twice");
		profile("twice", old);
		int tokensBefore = clientIds().size();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Result> rotate = () -> astra.run("token", "rotate", clientId(old), "-conf", "twice", "--token", token,
					"--env", "local", "--local-endpoint", endpoint);
			Future<Result> one = pool.submit(rotate);
			Future<Result> two = pool.submit(rotate);
			List<Integer> codes = List.of(one.get().exitCode(), two.get().exitCode());
			assertThat(codes).as(one.get() + "\n" + two.get()).containsExactlyInAnyOrder(0, 5);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(clientIds()).hasSize(tokensBefore).doesNotContain(clientId(old));
		assertThat(astra.run("org", "id", "-conf", "twice").exitCode()).isZero();
	}

}
