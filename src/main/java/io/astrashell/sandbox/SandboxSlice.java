package io.astrashell.sandbox;

/**
 * One resource's part of the sandbox state ({@link SandboxResource#sliceType()}), held in memory
 * between a read of {@code state.json} and the next change. A slice is only touched under the store's
 * locks; each change of an entry calls {@link #changed()}, so that the store writes the state back.
 * Other resources read a slice through its own methods ({@link SandboxState#slice(Class)}), never
 * through its fields.
 */
abstract class SandboxSlice {

	private boolean modified;

	/** Marks this slice changed by the current operation. */
	protected final void changed() {
		this.modified = true;
	}

	final boolean modified() {
		return this.modified;
	}

	final void beginOperation() {
		this.modified = false;
	}

}
