package io.astrashell.sandbox;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The JSON of one slice as {@code state.json} holds it, read into the resource's own types by the
 * state file's mapper (unknown properties ignored, nulls left out when written).
 */
final class SliceJson {

	private final byte[] bytes;

	private final int offset;

	private final int length;

	private final JsonNode tree;

	private SliceJson(byte[] bytes, int offset, int length, JsonNode tree) {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
		this.tree = tree;
	}

	static SliceJson of(byte[] bytes, int offset, int length) {
		return new SliceJson(bytes, offset, length, null);
	}

	static SliceJson of(JsonNode tree) {
		return new SliceJson(null, 0, 0, tree);
	}

	<T> T as(Class<T> type) {
		return this.tree != null ? SandboxStateFile.MAPPER.treeToValue(this.tree, type)
				: SandboxStateFile.MAPPER.readValue(this.bytes, this.offset, this.length, type);
	}

	/** A JSON array of {@code element}s (no element null). */
	<T> List<T> listOf(Class<T> element, String what) {
		var type = SandboxStateFile.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
		List<T> list = this.tree != null ? SandboxStateFile.MAPPER.treeToValue(this.tree, type)
				: SandboxStateFile.MAPPER.readValue(this.bytes, this.offset, this.length, type);
		if (list == null || list.contains(null)) {
			throw new IllegalArgumentException("the " + what + " of the sandbox state are not a list of entries");
		}
		return list;
	}

	JsonNode tree() {
		return this.tree != null ? this.tree : SandboxStateFile.MAPPER.readTree(this.bytes, this.offset, this.length);
	}

}
