package io.astrashell.sandbox;

import java.io.IOException;

import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.PolicyActions;

/** {@code GET /v2/currentOrg}. */
final class OrgHandler {

	private final SandboxStore store;

	OrgHandler(SandboxStore store) {
		this.store = store;
	}

	SandboxResponse currentOrg(SandboxRequest r) throws IOException {
		return this.store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_READ);
			return SandboxResponse.json(200, new CurrentOrganization(s.orgId()));
		});
	}

}
