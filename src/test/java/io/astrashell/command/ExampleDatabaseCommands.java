package io.astrashell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.ExampleDatabase;
import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.ValueKind;
import io.astrashell.output.Output;
import io.astrashell.service.ExampleDatabaseService;
import io.astrashell.session.Session;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The commands of the example read-only noun (test sources only, active under the profile
 * {@code example-noun}): step 4 of docs/architecture.md's recipe. Its grammar, JSON shape, help line
 * and handlers are all here; the component scan finds it, and nothing else names it.
 */
@Component
@Profile("example-noun")
public final class ExampleDatabaseCommands implements CommandGroup {

	static final String GROUP = "Databases";

	static final JsonShape DATABASE_JSON = JsonShape.object("id", "name", "status", "region");

	private final ExampleDatabaseService databases;

	private final Session session;

	public ExampleDatabaseCommands(ExampleDatabaseService databases, Session session) {
		this.databases = databases;
		this.session = session;
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("database", "List the databases of an organization");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("database list").alias("database").group(GROUP)
					.description("Display the list of databases")
					.json(JsonShape.list("id", "name", "status", "region"))
					.handler(this::list),
				AstraCommand.named("database get").group(GROUP).description("Show a database")
					.argument(ArgumentSpec.required("DB", "Database id or name", ValueKind.TEXT))
					.json(DATABASE_JSON)
					.handler(this::get));
	}

	private Output list(Invocation in) {
		List<ExampleDatabase> all = databases.list(session.identityFor(in.globals()));
		List<List<Object>> rows = new ArrayList<>();
		for (ExampleDatabase d : all) {
			rows.add(Output.row(d.id(), d.name(), d.status(), d.region()));
		}
		return Output.table(all.size() + " database(s)", all, List.of("Id", "Name", "Status", "Region"), rows);
	}

	private Output get(Invocation in) {
		ExampleDatabase d = databases.get(session.identityFor(in.globals()), in.argument(0));
		return Output.attributes("Database '" + d.name() + "'", d, List.of(Output.attribute("Id", d.id()),
				Output.attribute("Name", d.name()), Output.attribute("Status", d.status()),
				Output.attribute("Region", d.region())));
	}

}
