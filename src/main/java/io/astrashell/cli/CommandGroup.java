package io.astrashell.cli;

import java.util.List;
import java.util.Map;

/** A noun and its commands ({@code user list}, {@code user invite}, ...): one class per noun. */
public interface CommandGroup {

	List<AstraCommand> commands();

	/**
	 * The nouns this group brings and what each manages, for {@code help NOUN} ("user" → "Manage the
	 * users of an organization"); none for the shell's own commands. Declared here, beside the noun's
	 * commands, so that adding a noun edits no list elsewhere.
	 */
	default Map<String, String> nouns() {
		return Map.of();
	}

}
