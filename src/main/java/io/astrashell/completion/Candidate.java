package io.astrashell.completion;

/**
 * One value Tab may insert and the description shown beside it, its control and bidirectional
 * characters replaced and its secrets masked ({@link SafeValues#description}); whether a value may
 * be offered at all is {@link #typable}'s to say.
 */
public record Candidate(String value, String description) {

	public Candidate {
		description = SafeValues.description(description);
	}

	/** Whether Tab may insert {@code value} as it is ({@link SafeValues#typable}). */
	public static boolean typable(String value) {
		return SafeValues.typable(value);
	}

	/**
	 * {@code value} described by {@code about}; or, when the value cannot be typed back, {@code id}
	 * (which the commands take as well) described by the value (cleaned) and {@code about}; null when
	 * neither can be typed back.
	 */
	public static Candidate valueOrId(String value, String id, String about) {
		String a = about == null ? "" : about;
		if (typable(value)) {
			return new Candidate(value, a);
		}
		return typable(id) ? new Candidate(id, value + (a.isEmpty() ? "" : " · " + a)) : null;
	}

}
