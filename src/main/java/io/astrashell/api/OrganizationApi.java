package io.astrashell.api;

import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.api.model.WireJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/** The organization endpoints of the DevOps API (docs/wire.md): the current organization and its name. */
public final class OrganizationApi {

	private OrganizationApi() {
	}

	/** {@code GET /v2/currentOrg}. */
	public static CurrentOrganization current(DevOpsClient client) {
		return client.get("/v2/currentOrg", CurrentOrganization.class);
	}

	/** The organization's id and name from the users listing ({@code GET /v2/organizations/users}), its users left unread. */
	public static OrganizationSummary summary(DevOpsClient client) {
		return client.get("/v2/organizations/users", OrganizationApi::summary);
	}

	/**
	 * The listing's top-level {@code OrgID} and {@code OrgName} (any key casing), read with Jackson's
	 * streaming parser; every other value, the users among them, is skipped unread. Binding the two
	 * fields to the record instead would cost, on every one-shot {@code org}, Jackson's introspection
	 * of the record and the JDK's first method-handle spreader (through which Jackson calls a record's
	 * constructor): binding the listing instead cost 46 ms of CPU time on the HTTPS one-shot in paired
	 * A/B medians (see {@link io.astrashell.startup}).
	 */
	static OrganizationSummary summary(Body body) throws JacksonException {
		try (JsonParser parser = body.parser(WireJson.mapper())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new StreamReadException(parser, "the users listing is not a JSON object");
			}
			String id = null;
			String name = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value.isScalarValue() && "OrgID".equalsIgnoreCase(key)) {
					id = parser.getValueAsString();
				}
				else if (value.isScalarValue() && "OrgName".equalsIgnoreCase(key)) {
					name = parser.getValueAsString();
				}
				else {
					parser.skipChildren();
				}
			}
			return new OrganizationSummary(id, name);
		}
	}

}
