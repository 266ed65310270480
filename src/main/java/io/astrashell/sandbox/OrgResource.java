package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.PolicyActions;
import org.springframework.stereotype.Component;

/** The organization: {@code GET /v2/currentOrg}; its slice is its id and name. */
@Component
final class OrgResource implements SandboxResource<OrgSlice> {

	static final String KEY = "org";

	static final String NAME = "Sandbox Org";

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public int version() {
		return 1;
	}

	@Override
	public Class<OrgSlice> sliceType() {
		return OrgSlice.class;
	}

	@Override
	public OrgSlice seed(SandboxState state, Instant now) {
		return new OrgSlice(UUID.randomUUID().toString(), NAME);
	}

	@Override
	public OrgSlice read(SliceJson json, int version) {
		OrgSlice.Stored stored = json.as(OrgSlice.Stored.class);
		if (stored == null || stored.id() == null) {
			throw new IllegalArgumentException("the sandbox state has no organization id");
		}
		return new OrgSlice(stored.id(), stored.name());
	}

	@Override
	public Object write(OrgSlice slice) {
		return new OrgSlice.Stored(slice.id(), slice.name());
	}

	@Override
	public SandboxResponse answer(SandboxRequest r, SandboxStore store) throws IOException {
		if (!r.matches("v2", "currentOrg")) {
			return null;
		}
		r.allow("GET");
		return store.transact(s -> {
			SandboxAuth.authorize(s, r, PolicyActions.ORG_READ);
			return SandboxResponse.json(200, new CurrentOrganization(s.slice(OrgSlice.class).id()));
		});
	}

}
