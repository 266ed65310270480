package io.astrashell.api.model;

import java.util.List;

/** The policy of a role; {@code effect} is always {@code allow}. Resources are DRNs. */
public record Policy(String description, List<String> resources, List<String> actions, String effect) {

	public static final String ALLOW = "allow";

	public Policy {
		resources = WireLists.of(resources);
		actions = WireLists.of(actions);
	}

}
