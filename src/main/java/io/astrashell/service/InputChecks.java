package io.astrashell.service;

import io.astrashell.error.AstraError;
import io.astrashell.output.SafeText;

/**
 * Checks of text a user types that the server will keep (emails, role names, descriptions): no
 * control character and no bidirectional formatting character ({@link SafeText}), which would reach
 * every terminal that later shows the value. Exit 11, before any request.
 */
public final class InputChecks {

	private InputChecks() {
	}

	/**
	 * Exit 11 if {@code value} holds a control or bidirectional formatting character.
	 * @param what what the value is, as the message names it ("The role name")
	 */
	public static String noControls(String what, String value) {
		int at = SafeText.firstUnsafe(value);
		if (at >= 0) {
			throw AstraError.invalidInput(what + " contains a control or bidirectional formatting character ("
					+ SafeText.codePoint(value.charAt(at)) + " at position " + (at + 1) + "): type it without one.");
		}
		return value;
	}

}
