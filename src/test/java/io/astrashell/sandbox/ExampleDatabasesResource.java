package io.astrashell.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.astrashell.api.model.ExampleDatabase;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A read-only example noun of the sandbox, in test sources only: {@code GET /v2/databases} and
 * {@code GET /v2/databases/{id}}, guarded by {@code org-db-view}, over a slice of three seeded
 * databases under the key {@code databases} of {@code state.json}. It is what adding a noun to the
 * sandbox takes: this one class, found by the component scan (here only with the profile
 * {@code example-noun} active, so that the other tests never see it), with no main file edited.
 */
@Component
@Profile("example-noun")
final class ExampleDatabasesResource implements SandboxResource<ExampleDatabasesResource.Databases> {

	static final String KEY = "databases";

	static final String ACTION = "org-db-view";

	/** The slice: the databases by id, in creation order. */
	static final class Databases extends SandboxSlice {

		private final Map<String, ExampleDatabase> byId = new LinkedHashMap<>();

		List<ExampleDatabase> all() {
			return List.copyOf(this.byId.values());
		}

		ExampleDatabase get(String id) {
			return this.byId.get(id);
		}

		void put(ExampleDatabase database) {
			this.byId.put(database.id(), database);
			changed();
		}

	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public int version() {
		return 1;
	}

	@Override
	public Class<Databases> sliceType() {
		return Databases.class;
	}

	@Override
	public Databases seed(SandboxState state, Instant now) {
		Databases databases = new Databases();
		databases.put(new ExampleDatabase(UUID.randomUUID().toString(), "orders", "ACTIVE", "us-east1"));
		databases.put(new ExampleDatabase(UUID.randomUUID().toString(), "analytics", "HIBERNATED", "europe-west1"));
		databases.put(new ExampleDatabase(UUID.randomUUID().toString(), "staging", "ACTIVE", "us-west-2"));
		return databases;
	}

	@Override
	public Databases read(SliceJson json, int version) {
		Databases databases = new Databases();
		for (ExampleDatabase database : json.listOf(ExampleDatabase.class, "databases")) {
			if (database.id() == null) {
				throw new IllegalArgumentException("a database of the sandbox state lacks its id");
			}
			databases.put(database);
		}
		return databases;
	}

	@Override
	public Object write(Databases slice) {
		return slice.all();
	}

	@Override
	public SandboxResponse answer(SandboxRequest r, SandboxStore store) throws IOException {
		if (r.matches("v2", "databases")) {
			r.allow("GET");
			return store.transact(s -> {
				SandboxAuth.authorize(s, r, ACTION);
				return SandboxResponse.json(200, new ArrayList<>(s.slice(Databases.class).all()));
			});
		}
		if (r.matches("v2", "databases", "*")) {
			r.allow("GET");
			String id = r.segment(2).toLowerCase(Locale.ROOT);
			return store.transact(s -> {
				SandboxAuth.authorize(s, r, ACTION);
				ExampleDatabase database = s.slice(Databases.class).get(id);
				if (database == null) {
					throw SandboxException.notFound("database not found: " + r.segment(2));
				}
				return SandboxResponse.json(200, database);
			});
		}
		return null;
	}

}
