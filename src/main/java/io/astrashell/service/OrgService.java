package io.astrashell.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.astrashell.api.ApiException;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.session.Connection;

/**
 * The organization of a connection. The id comes from {@code /v2/currentOrg}; the live service
 * sends no name there, so the name comes from the users listing. Looked up once per connection.
 */
public final class OrgService {

	private final ApiCalls api;

	private final Map<String, Organization> byConnection = new ConcurrentHashMap<>();

	public OrgService(ApiCalls api) {
		this.api = api;
	}

	public Organization current(Connection connection) {
		Organization known = byConnection.get(connection.identity());
		if (known != null) {
			return known;
		}
		String id = api.call(connection, "read the organization", c -> c.currentOrganization().id());
		String name = api.call(connection, "read the organization name", c -> {
			try {
				OrganizationUsers users = c.users();
				return users.orgName();
			}
			catch (ApiException.Forbidden e) {
				return null; // the token may read the org but not its users: no name then
			}
		});
		Organization org = new Organization(id, name);
		byConnection.put(connection.identity(), org);
		return org;
	}

	/** The organization id alone: one {@code /v2/currentOrg} request, or none if known. */
	public String id(Connection connection) {
		Organization known = byConnection.get(connection.identity());
		if (known != null) {
			return known.id();
		}
		return api.call(connection, "read the organization", c -> c.currentOrganization().id());
	}

	/** Records what a users listing said of the organization, saving a request later. */
	public void remember(Connection connection, OrganizationUsers users) {
		if (users.orgId() != null) {
			byConnection.putIfAbsent(connection.identity(), new Organization(users.orgId(), users.orgName()));
		}
	}

}
