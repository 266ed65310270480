package io.astrashell.orgfile;

import java.util.List;

/**
 * An organization written down: the custom roles it should have and the users it should hold with
 * their roles, as {@code org export} writes it and {@code org diff} and {@code org apply} read it.
 * Built-in roles are fixed by the service and only referenced by name. Tokens are a record of what
 * existed when the file was exported: apply ignores them.
 *
 * @param path the file, as named in messages
 */
public record OrgFile(String path, List<RoleEntry> roles, List<UserEntry> users, List<TokenEntry> tokens) {

	/** Where something stands in the file, for messages: {@code FILE:LINE:COLUMN}. */
	public record Location(String path, int line, int column) {

		@Override
		public String toString() {
			return path + ":" + line + ":" + column;
		}

	}

	/**
	 * A custom role. {@code description} null: not managed (a new role takes its name, as
	 * {@code role create} does); {@code resources} empty: the whole organization.
	 */
	public record RoleEntry(String name, String description, List<String> actions, List<String> resources,
			Location at) {
	}

	/** A user, by email, and the names (or ids) of the roles they should hold. */
	public record UserEntry(String email, List<String> roles, Location at) {
	}

	/** A token as exported: for the record only. */
	public record TokenEntry(String clientId, List<String> roles, String description, String generatedOn,
			String expiry) {
	}

	/** The file cannot be used as it is; the message starts with the location. Exit 11. */
	public static final class Invalid extends RuntimeException {

		public Invalid(Location at, String message) {
			super(at + ": " + message);
		}

		public Invalid(String message) {
			super(message);
		}

	}

}
