package io.astrashell.service;

import io.astrashell.session.Identity;

/**
 * Told of the changes a command made, so that what the shell remembers (the completion cache)
 * follows at once without a new listing. A change is the noun's wire record ({@code User},
 * {@code Role}, {@code TokenInfo}...) as far as the service knows it: whoever listens picks the
 * records it follows by their type, so a new noun needs no method here.
 */
public interface ChangeListener {

	ChangeListener NONE = new ChangeListener() {

		@Override
		public void added(Identity identity, Object record) {
		}

		@Override
		public void removed(Identity identity, Object record) {
		}

	};

	/** A record now in the organization (created, invited, or renamed: removed, then added). */
	void added(Identity identity, Object record);

	/** A record no longer in the organization. */
	void removed(Identity identity, Object record);

}
