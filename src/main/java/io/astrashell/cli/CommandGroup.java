package io.astrashell.cli;

import java.util.List;

/** A noun and its commands ({@code user list}, {@code user invite}, ...): one class per noun. */
public interface CommandGroup {

	List<AstraCommand> commands();

}
