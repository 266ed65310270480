package io.astrashell.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.astrashell.api.ApiException;
import io.astrashell.api.DevOpsClient;
import io.astrashell.api.OrganizationApi;
import io.astrashell.api.model.CurrentOrganization;
import io.astrashell.api.model.OrganizationSummary;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.session.Identity;
import org.springframework.stereotype.Service;

/**
 * The organization of a connection, looked up once per connection. Its id and name come from one
 * request, the users listing (the live service names the organization nowhere else); only when the
 * token may not read users does the id come from {@code /v2/currentOrg}, with no name.
 */
@Service
public final class OrgService {

	private final ApiCalls api;

	private final Map<String, Organization> byIdentity = new ConcurrentHashMap<>();

	public OrgService(ApiCalls api) {
		this.api = api;
	}

	public Organization current(Identity identity) {
		Organization known = byIdentity.get(identity.key());
		if (known != null) {
			return known;
		}
		OrganizationSummary summary = api.call(identity, "read the organization", c -> {
			try {
				return OrganizationApi.summary(c);
			}
			catch (ApiException.Forbidden e) {
				return null; // the token may read the org but not its users: no name then
			}
		});
		Organization org;
		if (summary != null && summary.orgId() != null) {
			org = new Organization(summary.orgId(), summary.orgName());
		}
		else {
			org = new Organization(api.call(identity, "read the organization", OrgService::currentId),
					summary == null ? null : summary.orgName());
		}
		byIdentity.put(identity.key(), org);
		return org;
	}

	/** The organization id alone: one {@code /v2/currentOrg} request, or none if known. */
	public String id(Identity identity) {
		Organization known = byIdentity.get(identity.key());
		if (known != null) {
			return known.id();
		}
		return api.call(identity, "read the organization", OrgService::currentId);
	}

	/** The id {@code /v2/currentOrg} answers (null if it sent none). */
	private static String currentId(DevOpsClient client) {
		CurrentOrganization current = OrganizationApi.current(client);
		return current == null ? null : current.id();
	}

	/** Records what a users listing said of the organization, saving a request later. */
	public void remember(Identity identity, OrganizationUsers users) {
		if (users.orgId() != null) {
			byIdentity.putIfAbsent(identity.key(), new Organization(users.orgId(), users.orgName()));
		}
	}

}
