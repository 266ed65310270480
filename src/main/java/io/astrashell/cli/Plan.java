package io.astrashell.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the earlier lines of a script would have made, for a dry run that sends no change: a line
 * that invites a user with a role created two lines above is fine.
 */
public final class Plan {

	private final Set<String> roles = new HashSet<>();

	private final Set<String> deletedRoles = new HashSet<>();

	private final Set<String> profiles = new HashSet<>();

	private final Map<String, Object> remembered = new HashMap<>();

	private static String key(String s) {
		return s.trim().toLowerCase(Locale.ROOT);
	}

	public void roleCreated(String name) {
		roles.add(key(name));
		deletedRoles.remove(key(name));
	}

	public void roleDeleted(String name) {
		roles.remove(key(name));
		deletedRoles.add(key(name));
	}

	/** Whether an earlier line created this role (and no later line deleted it). */
	public boolean createsRole(String ref) {
		return roles.contains(key(ref));
	}

	public boolean deletesRole(String ref) {
		return deletedRoles.contains(key(ref));
	}

	/** A value read once for the whole dry run (the roles listing of a connection). */
	@SuppressWarnings("unchecked")
	public <T> T remember(String key, Supplier<T> read) {
		return (T) remembered.computeIfAbsent(key, k -> read.get());
	}

	public void profileCreated(String name) {
		profiles.add(name.trim());
	}

	public boolean createsProfile(String name) {
		return profiles.contains(name.trim());
	}

	/**
	 * What the earlier lines made (roles created and deleted, profiles created), the values read once
	 * left out: a script checked from the same state checks the same, and leaves the same state.
	 */
	public record State(Set<String> roles, Set<String> deletedRoles, Set<String> profiles) {
	}

	public State state() {
		return new State(Set.copyOf(roles), Set.copyOf(deletedRoles), Set.copyOf(profiles));
	}

	/** Puts back a state of {@link #state()}. */
	public void restore(State state) {
		roles.clear();
		roles.addAll(state.roles());
		deletedRoles.clear();
		deletedRoles.addAll(state.deletedRoles());
		profiles.clear();
		profiles.addAll(state.profiles());
	}

}
