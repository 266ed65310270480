package io.astrashell.command;

import java.nio.file.Path;

import io.astrashell.AstraRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of a role, a user and a token, as an admin would script it, one command after another
 * against the sandbox:
 *
 * <pre>
 * astra role create "Pipeline Reader" -a org-read -a db-cql -d "Reads pipeline data"
 * astra user invite dana@example.com -r "pipeline reader"
 * astra token create -r "Pipeline Reader" -d "nightly export"
 * astra user list ; astra token list
 * astra token revoke CLIENT_ID
 * astra user delete dana@example.com
 * astra role delete "Pipeline Reader"
 * </pre>
 */
class LifecycleTest {

	@TempDir
	Path dir;

	@Test
	void createInviteIssueListRevokeRemoveDelete() {
		SandboxCli astra = new SandboxCli(dir);

		Result role = astra.run("role", "create", "Pipeline Reader", "-a", "org-read", "-a", "db-cql", "-d",
				"Reads pipeline data");
		assertThat(role.exitCode()).as(role.toString()).isZero();

		Result invite = astra.run("user", "invite", "dana@example.com", "-r", "pipeline reader");
		assertThat(invite.out()).isEqualTo("[OK]    User 'dana@example.com' has been invited with the role Pipeline Reader.\n");

		String clientId = astra.data("token", "create", "-r", "Pipeline Reader", "-d", "nightly export")
			.get("clientId").asString();

		assertThat(astra.run("user", "list").out()).contains("dana@example.com").contains("invited");
		assertThat(astra.run("token", "list").out()).contains(clientId).contains("Pipeline Reader")
			.contains("nightly export");

		assertThat(astra.run("token", "revoke", clientId).exitCode()).isZero();
		assertThat(astra.run("token", "list").out()).doesNotContain(clientId);

		assertThat(astra.run("user", "delete", "dana@example.com").exitCode()).isZero();
		assertThat(astra.run("user", "list").out()).doesNotContain("dana@example.com");

		Result deleted = astra.run("role", "delete", "Pipeline Reader");
		assertThat(deleted.out()).isEqualTo("[OK]    Role 'Pipeline Reader' has been deleted.\n");
		assertThat(astra.run("role", "list").out()).doesNotContain("Pipeline Reader");
	}

}
