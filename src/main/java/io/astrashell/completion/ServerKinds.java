package io.astrashell.completion;

import java.util.List;

/**
 * Implemented by a noun's command class that has values Tab completes from the server: its
 * registrations ({@link ServerKind}), found among the beans by the completion cache.
 */
public interface ServerKinds {

	List<ServerKind<?>> serverKinds();

}
