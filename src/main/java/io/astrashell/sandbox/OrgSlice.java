package io.astrashell.sandbox;

/** The organization itself: its id and name (the slice of {@link OrgResource}). */
final class OrgSlice extends SandboxSlice {

	/** Its form in {@code state.json}. */
	record Stored(String id, String name) {
	}

	private final String id;

	private final String name;

	OrgSlice(String id, String name) {
		this.id = id;
		this.name = name;
	}

	String id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

}
