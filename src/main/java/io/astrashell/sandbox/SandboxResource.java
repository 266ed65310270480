package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * One noun of the sandbox's DevOps API, declared in one place: the requests it answers, its own slice
 * of the state (its own record types, under its own key of {@code state.json}, with its own version),
 * and what a state that has no such slice yet gets (its seed). A resource is a Spring
 * {@code @Component} of this package with a constructor of no arguments, holding no state of its own;
 * the shell's component scan finds it (a bean), and {@link SandboxResources#scan} finds the same
 * classes for tests and tools. Adding a noun is one such class (and its slice): no router, state
 * file or seed lists it.
 * <p>
 * A request handler authenticates and authorises through {@link SandboxAuth} inside one
 * {@link SandboxStore#transact} operation, as the organization endpoints do, and reads the slices of
 * other resources it needs through {@link SandboxState#slice(Class)} (naming them in {@link #reads()}).
 *
 * @param <S> the type of its slice
 */
public interface SandboxResource<S extends SandboxSlice> {

	/** Its key in {@code state.json} ({@code "databases"}); the file's own keys {@code version} and {@code versions} are taken. */
	String key();

	/**
	 * The version of its slice's form that this code writes: 1 at first, one more at each change of the
	 * form; {@link #read} upgrades the older ones. A state whose slice has a newer version is refused.
	 */
	int version();

	Class<S> sliceType();

	/** The slices its seed and its requests read: these are seeded before its own. */
	default List<Class<? extends SandboxSlice>> reads() {
		return List.of();
	}

	/**
	 * Its slice of a state that has none: a new sandbox, or one made before this resource existed
	 * (topped up at the next operation). The slices of {@link #reads()} are there already.
	 */
	S seed(SandboxState state, Instant now);

	/**
	 * Its slice as {@code state.json} holds it, written in the form of {@code version} (from 1 to
	 * {@link #version()}): an older form is upgraded here. Throws {@link IllegalArgumentException} for a
	 * slice it cannot read.
	 */
	S read(SliceJson json, int version);

	/** What {@code state.json} holds of the slice, in the form of {@link #version()} (written by Jackson). */
	Object write(S slice);

	/**
	 * Answers the request when its path is one of this resource's ({@link SandboxRequest#matches}), or
	 * returns null. Throws {@link SandboxException} for an error of the wire.
	 */
	SandboxResponse answer(SandboxRequest request, SandboxStore store) throws IOException;

}
