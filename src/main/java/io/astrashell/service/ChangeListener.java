package io.astrashell.service;

import io.astrashell.session.Connection;

/**
 * Told of the changes a command made, so that what the shell remembers (the completion cache)
 * follows at once without a new listing.
 */
public interface ChangeListener {

	ChangeListener NONE = new ChangeListener() {
	};

	default void userAdded(Connection connection, String email) {
	}

	default void userRemoved(Connection connection, String email) {
	}

	default void roleAdded(Connection connection, String id, String name) {
	}

	default void roleRemoved(Connection connection, String id, String name) {
	}

	default void tokenAdded(Connection connection, String clientId, String description) {
	}

	default void tokenRemoved(Connection connection, String clientId) {
	}

}
