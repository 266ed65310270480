package io.astrashell.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of names (changes, roles, profiles, keys: often the server's values) inside a message: at
 * most a few, each cut to a readable length, then how many more. However large the organization or
 * long its values, such a message stays one readable line: {@code a, b, c and 47 more}.
 */
public final class FewNames {

	/** How many names a message lists before "and N more". */
	public static final int MAX_NAMES = 3;

	/** How many characters of one name a message shows before "…". */
	public static final int MAX_LENGTH = 80;

	private FewNames() {
	}

	/** {@code a, b, c and 47 more} with {@code separator} between the names shown. */
	public static String join(String separator, List<String> names) {
		List<String> shown = new ArrayList<>();
		for (int i = 0; i < names.size() && i < MAX_NAMES; i++) {
			shown.add(cut(names.get(i)));
		}
		String joined = String.join(separator, shown);
		int more = names.size() - shown.size();
		return more > 0 ? joined + " and " + more + " more" : joined;
	}

	/** One name, cut to {@link #MAX_LENGTH} characters (never inside a surrogate pair) with "…". */
	public static String cut(String name) {
		if (name == null || name.length() <= MAX_LENGTH) {
			return name;
		}
		int end = MAX_LENGTH;
		if (Character.isHighSurrogate(name.charAt(end - 1))) {
			end--;
		}
		return name.substring(0, end) + "…";
	}

}
