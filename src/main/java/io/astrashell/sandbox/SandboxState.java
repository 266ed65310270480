package io.astrashell.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one sandbox organization, as held in memory between a read of {@code state.json} and
 * the next change: one {@link SandboxSlice} per resource, each under its resource's key, and the keys
 * of {@code state.json} that no resource of this code reads (a newer version wrote them), kept as
 * they were read and written back unchanged. Instances are only touched under the store's locks: the
 * store hands the current state to one operation at a time and writes it back when the operation
 * changed a slice.
 */
final class SandboxState {

	/** A key of {@code state.json} that no resource here reads: its JSON as read, and its version. */
	record Unread(String json, Integer version) {
	}

	private final SandboxResources resources;

	private final Map<String, SandboxSlice> slices = new LinkedHashMap<>();

	private final Map<Class<?>, SandboxSlice> byType = new LinkedHashMap<>();

	private final Map<String, Unread> unread = new LinkedHashMap<>();

	/** Read from an older form: written back at the next operation. */
	private boolean outdated;

	private boolean modified;

	SandboxState(SandboxResources resources) {
		this.resources = resources;
	}

	SandboxResources resources() {
		return this.resources;
	}

	/**
	 * The slice of this type (its resource's typed API: what other resources may read and do).
	 * @throws IllegalStateException when no resource of this sandbox holds it
	 */
	<T extends SandboxSlice> T slice(Class<T> type) {
		SandboxSlice slice = this.byType.get(type);
		if (slice == null) {
			throw new IllegalStateException("the sandbox state has no " + type.getSimpleName());
		}
		return type.cast(slice);
	}

	/** The slice of this type, or null when this state has none (not yet seeded, or not read). */
	<T extends SandboxSlice> T sliceOrNull(Class<T> type) {
		SandboxSlice slice = this.byType.get(type);
		return slice == null ? null : type.cast(slice);
	}

	/** Every slice that implements {@code contract} (such as {@link RoleSlice.Holder}), in resource order. */
	<T> List<T> slicesOf(Class<T> contract) {
		List<T> found = new ArrayList<>();
		for (SandboxSlice slice : this.slices.values()) {
			if (contract.isInstance(slice)) {
				found.add(contract.cast(slice));
			}
		}
		return found;
	}

	// ---- what the state file reads and writes

	void put(SandboxResource<?> resource, SandboxSlice slice) {
		if (!resource.sliceType().isInstance(slice)) {
			throw new IllegalStateException(resource.getClass().getName() + " gave a " + slice.getClass().getName());
		}
		this.slices.put(resource.key(), slice);
		this.byType.put(resource.sliceType(), slice);
	}

	SandboxSlice sliceAt(String key) {
		return this.slices.get(key);
	}

	void keepUnread(String key, String json, Integer version) {
		this.unread.put(key, new Unread(json, version));
	}

	Map<String, Unread> unread() {
		return Collections.unmodifiableMap(this.unread);
	}

	void markOutdated() {
		this.outdated = true;
	}

	/**
	 * Seeds the slice of every resource that has none (in resource order, so that a seed finds the
	 * slices it reads), and says whether the state must be written: something was seeded, or the state
	 * was read from an older form.
	 */
	boolean topUp(Instant now) {
		boolean write = this.outdated;
		for (SandboxResource<?> resource : this.resources.all()) {
			if (!this.slices.containsKey(resource.key())) {
				put(resource, resource.seed(this, now));
				write = true;
			}
		}
		this.outdated = false;
		return write;
	}

	// ---- change tracking

	void beginOperation() {
		this.modified = false;
		for (SandboxSlice slice : this.slices.values()) {
			slice.beginOperation();
		}
	}

	boolean modified() {
		if (this.modified) {
			return true;
		}
		for (SandboxSlice slice : this.slices.values()) {
			if (slice.modified()) {
				return true;
			}
		}
		return false;
	}

	/** Marks the state changed without changing a slice. */
	void markModified() {
		this.modified = true;
	}

}
