package io.astrashell.service;

import java.util.List;

import io.astrashell.api.ExampleDatabasesApi;
import io.astrashell.api.model.ExampleDatabase;
import io.astrashell.error.AstraError;
import io.astrashell.session.Identity;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * The service of the example read-only noun (test sources only, active under the profile
 * {@code example-noun}): step 3 of docs/architecture.md's recipe, its calls through {@link ApiCalls}
 * like every service's, its one rule (an unknown database) in the domain's terms.
 */
@Service
@Profile("example-noun")
public final class ExampleDatabaseService {

	private final ApiCalls api;

	public ExampleDatabaseService(ApiCalls api) {
		this.api = api;
	}

	public List<ExampleDatabase> list(Identity identity) {
		return api.call(identity, "list the databases", ExampleDatabasesApi::list);
	}

	public ExampleDatabase get(Identity identity, String ref) {
		ExampleDatabase found = list(identity).stream()
			.filter(d -> d.id().equals(ref) || d.name().equalsIgnoreCase(ref))
			.findFirst()
			.orElseThrow(() -> AstraError.notFound("Database '" + ref + "' does not exist (see 'astra database list')."));
		return api.call(identity, "read the database " + found.name(), c -> ExampleDatabasesApi.get(c, found.id()));
	}

}
