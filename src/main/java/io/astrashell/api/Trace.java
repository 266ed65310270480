package io.astrashell.api;

import java.util.function.Supplier;

/**
 * Where the client's debug lines go ({@code -v}): given by whoever builds the client, so that this
 * package needs no logging framework. A message is built only when it is written.
 */
@FunctionalInterface
public interface Trace {

	Trace NONE = message -> {
	};

	void log(Supplier<String> message);

}
