package io.astrashell.sandbox;

import io.astrashell.api.model.EmailAddressTest;
import io.astrashell.api.model.WireJson;
import io.astrashell.error.AstraError;
import io.astrashell.service.UserService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's check of an address to invite and the sandbox's agree on every case: what the shell
 * refuses before a request (exit 11), the sandbox refuses with a 400, and what one takes the other does.
 */
class SandboxEmailTest extends SandboxFixture {

	@Test
	void theClientAndTheSandboxAgreeOnEveryAddress() {
		String roleId = this.http.roleId("RO User");
		for (Object[] c : EmailAddressTest.CASES) {
			String email = (String) c[0];
			boolean valid = c[1] == null;
			boolean clientTakes;
			try {
				UserService.checkEmail(email);
				clientTakes = true;
			}
			catch (AstraError ex) {
				assertThat(ex.getMessage()).as(email).doesNotContain("Exception");
				clientTakes = false;
			}
			SandboxHttp.Reply reply = this.http.put("/v2/organizations/users", "{\"email\":"
					+ WireJson.mapper().writeValueAsString(email) + ",\"roles\":[\"" + roleId + "\"]}");
			assertThat(clientTakes).as("client, " + email).isEqualTo(valid);
			assertThat(reply.status()).as("sandbox, " + email + ": " + reply.body()).isEqualTo(valid ? 200 : 400);
			if (!valid) {
				assertThat(reply.body()).as(email).contains("invalid email address");
			}
		}
	}

}
