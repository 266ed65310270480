package io.astrashell.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lists of the wire as the records keep them: a missing or null list is an empty one, and a null
 * item is left out, so that nothing reading a record meets a null where a list or an item is due.
 */
final class WireLists {

	private WireLists() {
	}

	static <T> List<T> of(List<T> list) {
		if (list == null || list.isEmpty()) {
			return List.of();
		}
		boolean hasNull = false;
		for (T item : list) {
			hasNull |= item == null;
		}
		if (!hasNull) {
			return List.copyOf(list);
		}
		List<T> kept = new ArrayList<>(list.size());
		for (T item : list) {
			if (item != null) {
				kept.add(item);
			}
		}
		return Collections.unmodifiableList(kept);
	}

}
