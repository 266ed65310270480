package io.astrashell.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the earlier lines of a script would have made, for a dry run that sends no change: a line
 * that names a value created two lines above is fine. The engine knows no noun: the code that owns a
 * noun records its values under a kind and a key it chooses ({@code service/RoleService}: "role" and
 * the name in lower case; {@code command/ConfigCommands}: "profile" and the name as typed).
 */
public final class DryRun {

	private final Set<String> made = new HashSet<>();

	private final Set<String> removed = new HashSet<>();

	private final Map<String, Object> remembered = new HashMap<>();

	private static String entry(String kind, String key) {
		return kind + '\u0000' + key;
	}

	/** An earlier line makes this value (and undoes an earlier removal of it). */
	public void made(String kind, String key) {
		made.add(entry(kind, key));
		removed.remove(entry(kind, key));
	}

	/** An earlier line removes this value (and undoes an earlier making of it). */
	public void removed(String kind, String key) {
		made.remove(entry(kind, key));
		removed.add(entry(kind, key));
	}

	/** Whether an earlier line made this value (and no later line removed it). */
	public boolean makes(String kind, String key) {
		return made.contains(entry(kind, key));
	}

	/** Whether an earlier line removed this value (and no later line made it again). */
	public boolean removes(String kind, String key) {
		return removed.contains(entry(kind, key));
	}

	/** A value read once for the whole dry run (a listing of a connection). */
	@SuppressWarnings("unchecked")
	public <T> T remember(String key, Supplier<T> read) {
		return (T) remembered.computeIfAbsent(key, k -> read.get());
	}

	/**
	 * What the earlier lines made and removed, the values read once left out: a script checked from
	 * the same state checks the same, and leaves the same state.
	 */
	public record State(Set<String> made, Set<String> removed) {
	}

	public State state() {
		return new State(Set.copyOf(made), Set.copyOf(removed));
	}

	/** Puts back a state of {@link #state()}. */
	public void restore(State state) {
		made.clear();
		made.addAll(state.made());
		removed.clear();
		removed.addAll(state.removed());
	}

}
