package io.astrashell.command;

import java.util.List;

import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.output.Output;
import io.astrashell.service.OrgService;
import io.astrashell.service.Organization;
import io.astrashell.session.Session;

/** {@code org}, {@code org get}, {@code org id}, {@code org name}: the current organization. */
public final class OrgCommands implements CommandGroup {

	static final String GROUP = "Organization";

	private final Session session;

	private final OrgService orgs;

	public OrgCommands(Session session, OrgService orgs) {
		this.session = session;
		this.orgs = orgs;
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("org get").alias("org").group(GROUP).description("Display Organization Info")
					.handler(this::get),
				AstraCommand.named("org id").group(GROUP).description("Display the Organization id")
					.handler(this::id),
				AstraCommand.named("org name").group(GROUP).description("Display the Organization name")
					.handler(this::name));
	}

	private Organization org(Invocation in) {
		return orgs.current(session.connectionFor(in.globals()));
	}

	private Output get(Invocation in) {
		Organization org = org(in);
		return Output.attributes("Organization '" + display(org) + "'" + (org.id() == null ? "" : " (" + org.id() + ")"),
				data(org),
				List.of(Output.attribute("Name", display(org)), Output.attribute("id", org.id())));
	}

	private Output id(Invocation in) {
		Organization org = org(in);
		return Output.value("id", org.id(), data(org));
	}

	private Output name(Invocation in) {
		Organization org = org(in);
		return Output.value("name", display(org), data(org));
	}

	private static Object data(Organization org) {
		return Output.fields("id", org.id(), "name", org.name());
	}

	private static String display(Organization org) {
		return org.name() == null ? "(unknown: the token may not read users)" : org.name();
	}

}
