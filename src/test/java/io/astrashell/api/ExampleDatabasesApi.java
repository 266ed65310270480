package io.astrashell.api;

import java.util.List;

import io.astrashell.api.model.ExampleDatabase;

/**
 * The endpoints of an example read-only noun, written as docs/architecture.md's recipe says: one file in
 * {@code io.astrashell.api} over the client's verbs, nothing else of the package edited. A service calls
 * them as it calls the others: {@code api.call(connection, "list the databases", ExampleDatabasesApi::list)}.
 */
public final class ExampleDatabasesApi {

	private static final String DATABASES = "/v2/databases";

	private ExampleDatabasesApi() {
	}

	public static List<ExampleDatabase> list(DevOpsClient client) {
		return client.getList(DATABASES, ExampleDatabase.class);
	}

	public static ExampleDatabase get(DevOpsClient client, String id) {
		return client.get(DATABASES + "/" + DevOpsClient.segment(id), ExampleDatabase.class);
	}

}
