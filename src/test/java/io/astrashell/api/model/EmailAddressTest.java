package io.astrashell.api.model;

import io.astrashell.api.model.EmailAddress.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule of an address to invite (the client's check and the sandbox's both use it). */
public class EmailAddressTest {

	/** Each case and what is wrong with it (null: an address). Shared with the client/sandbox test. */
	public static final Object[][] CASES = {
			{ "a@b.c", null },
			{ "new.person@example.com", null },
			{ "first+tag@mail.example.co.uk", null },
			{ "zoë@exemple.fr", null },
			{ "a".repeat(64) + "@example.com", null },
			{ "a@" + "b".repeat(248) + ".com", null }, // 254 in all
			{ "a@b..c", Problem.NOT_AN_ADDRESS },
			{ "a@.b.c", Problem.NOT_AN_ADDRESS },
			{ "a@b.c.", Problem.NOT_AN_ADDRESS },
			{ "a@b", Problem.NOT_AN_ADDRESS },
			{ "@b.c", Problem.NOT_AN_ADDRESS },
			{ "a@@b.c", Problem.NOT_AN_ADDRESS },
			{ "a@b@c.d", Problem.NOT_AN_ADDRESS },
			{ "a b@c.d", Problem.NOT_AN_ADDRESS },
			{ "plainaddress", Problem.NOT_AN_ADDRESS },
			{ "", Problem.NOT_AN_ADDRESS },
			{ "a".repeat(65) + "@example.com", Problem.LOCAL_PART_TOO_LONG },
			{ "a@" + "b".repeat(249) + ".com", Problem.TOO_LONG }, // 255
			{ "a\u001b[31m@b.c", Problem.UNSAFE_CHARACTER },
			{ "a\u0007@b.c", Problem.UNSAFE_CHARACTER },
			{ "a@b.c\u0085", Problem.UNSAFE_CHARACTER },
			{ "a\u202e@b.c", Problem.UNSAFE_CHARACTER },
			{ "a\u007f@b.c", Problem.UNSAFE_CHARACTER } };

	@Test
	void eachCaseHasItsProblem() {
		for (Object[] c : CASES) {
			String email = (String) c[0];
			assertThat(EmailAddress.problem(email)).as(email).isEqualTo(c[1]);
			assertThat(EmailAddress.isValid(email)).as(email).isEqualTo(c[1] == null);
		}
		assertThat(EmailAddress.problem(null)).isEqualTo(Problem.NOT_AN_ADDRESS);
	}

	@Test
	void theFormIsCheckedWithoutTheLengths() {
		assertThat(EmailAddress.hasForm("a".repeat(65) + "@example.com")).isTrue();
		assertThat(EmailAddress.hasForm("a@b..c")).isFalse();
		assertThat(EmailAddress.hasForm(null)).isFalse();
	}

	@Test
	void theUnsafeCharactersAreTheControlsAndTheBidirectionalFormattingOnes() {
		int unsafe = 0;
		for (int c = 0; c <= 0xffff; c++) {
			if (UnsafeCharacters.isUnsafe(c)) {
				unsafe++;
				assertThat(Character.getType(c)).as("U+%04X", c)
					.isIn((int) Character.CONTROL, (int) Character.FORMAT);
			}
		}
		// 32 C0, DEL and 32 C1, ALM, LRM, RLM, 5 embeddings and overrides, 4 isolates
		assertThat(unsafe).isEqualTo(32 + 1 + 32 + 1 + 2 + 5 + 4);
		assertThat(UnsafeCharacters.firstUnsafe("ab\u200fc")).isEqualTo(2);
		assertThat(UnsafeCharacters.firstUnsafe("abc")).isEqualTo(-1);
		assertThat(UnsafeCharacters.firstUnsafe(null)).isEqualTo(-1);
	}

}
