package io.astrashell.session;

import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shape of an application token, checked before any request, never echoed. */
class TokenFormatTest {

	static final String GOOD = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0123456789abcdef".repeat(4);

	@Test
	void aWellFormedTokenPasses() {
		assertThat(TokenFormat.problem(GOOD)).isNull();
		assertThat(TokenFormat.clientId(GOOD)).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWX");
	}

	@Test
	void eachProblemIsNamed() {
		assertThat(TokenFormat.problem("")).contains("empty");
		assertThat(TokenFormat.problem("Bearer " + GOOD)).contains("'Bearer '");
		assertThat(TokenFormat.problem("hunter2")).contains("does not start with 'AstraCS:'");
		assertThat(TokenFormat.problem(GOOD + "0")).contains("98 characters");
		assertThat(TokenFormat.problem(GOOD.replace("ABCD", "AB12"))).contains("letters only");
		assertThat(TokenFormat.problem(GOOD.substring(0, 32) + "-" + GOOD.substring(33))).contains("':'");
		assertThat(TokenFormat.problem(GOOD.replace("abcdef", "ABCDEF"))).contains("lowercase hexadecimal");
	}

	@Test
	void theErrorNeverRepeatsTheToken() {
		String bad = GOOD.replace("abcdef", "ABCDEF");
		assertThatThrownBy(() -> TokenFormat.check(bad, "--token")).isInstanceOf(AstraError.class)
			.satisfies(e -> assertThat(((AstraError) e).exitCode()).isEqualTo(ExitCode.CONFIGURATION))
			.message().doesNotContain("ABCDEFGHIJKLMNOPQRSTUVWX").doesNotContain("0123456789");
	}

	@Test
	void masking() {
		assertThat(TokenFormat.mask(GOOD)).isEqualTo("AstraCS:ABCD…cdef");
	}

}
