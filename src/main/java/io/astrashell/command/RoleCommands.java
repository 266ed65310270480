package io.astrashell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.Policy;
import io.astrashell.api.model.PolicyActions;
import io.astrashell.api.model.Role;
import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.completion.Candidate;
import io.astrashell.completion.ServerKind;
import io.astrashell.completion.ServerKinds;
import io.astrashell.output.Output;
import io.astrashell.service.RoleService;
import io.astrashell.session.Session;
import io.astrashell.shell.Console;
import org.springframework.stereotype.Component;

/** {@code role list|get|describe|create|update|delete}: built-in and custom roles. */
@Component
public final class RoleCommands implements CommandGroup, ServerKinds {

	/** A role's JSON: the wire record as the API sends it (the original CLI's keys). */
	static final JsonShape ROLE_JSON = JsonShape.object("ID", "Name", "Policy", "OrgID", "LastUpdateDateTime", "LastUpdateUserID");

	static final JsonShape ROLE_JSON_LIST = JsonShape.list("ID", "Name", "Policy", "OrgID", "LastUpdateDateTime", "LastUpdateUserID");

	static final String GROUP = "Roles";

	/** A role: Tab offers the names (a role's id where a name cannot be typed back), described by the id. */
	public static final ValueKind ROLE_KIND = ValueKind.of("ROLE", "roles");

	/** A policy action a role may allow. */
	static final ValueKind ACTION_KIND = ValueKind.choice("ACTION", "policy action", PolicyActions.ALL);

	private static final ArgumentSpec ROLE = ArgumentSpec.required("ROLE", "Role name or identifier", ROLE_KIND);

	private static final OptionSpec ACTION = OptionSpec
		.value("action", "a", "ACTION", "A policy action the role allows (e.g. org-user-read); may be repeated",
				ACTION_KIND)
		.asRepeatable();

	private static final OptionSpec RESOURCE = OptionSpec
		.value("resource", "R", "DRN", "A resource the role applies to (default: the whole organization); may be repeated",
				ValueKind.TEXT)
		.asRepeatable();

	private static final OptionSpec DESCRIPTION = OptionSpec.value("description", "d", "TEXT",
			"What the role is for (default: its name)", ValueKind.TEXT);

	private final Session session;

	private final RoleService roles;

	private final Console console;

	public RoleCommands(Session session, RoleService roles, Console console) {
		this.session = session;
		this.roles = roles;
		this.console = console;
	}

	@Override
	public List<ServerKind<?>> serverKinds() {
		return List.of(roleKind(roles));
	}

	/** The roles as Tab completes them, listed through {@code roles}. */
	public static ServerKind<Role> roleKind(RoleService roles) {
		return ServerKind.listing(ROLE_KIND, Role.class, roles::list, RoleCommands::offer);
	}

	/** A role as Tab offers it: its name described by its id, or its id described by the name. */
	public static Candidate offer(Role r) {
		if (r.name() == null) {
			return null;
		}
		if (Candidate.typable(r.name())) {
			return new Candidate(r.name(), r.id());
		}
		return Candidate.typable(r.id()) ? new Candidate(r.id(), r.name()) : null;
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("role", "Manage the roles of an organization");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("role list").alias("role").group(GROUP)
					.description("Display the list of Roles in an organization")
					.json(ROLE_JSON_LIST)
					.handler(this::list),
				AstraCommand.named("role get").alias("role describe").group(GROUP).description("Show role details")
					.argument(ROLE)
					.check((in, dryRun) -> roles.checkKnown(session.identityFor(in.globals()), List.of(in.argument(0)), dryRun))
					.json(ROLE_JSON)
					.handler(this::get),
				AstraCommand.named("role create").group(GROUP).description("Create a custom role")
					.option(ACTION.asRequired())
					.option(RESOURCE)
					.option(DESCRIPTION)
					.argument(ArgumentSpec.required("NAME", "Name of the new role", ValueKind.TEXT))
					.check((in, dryRun) -> {
						RoleService.checkText(in.argument(0), in.option("description"));
						RoleService.checkActions(in.options("action"));
						RoleService.checkResources(in.options("resource"));
						roles.checkNew(session.identityFor(in.globals()), in.argument(0), dryRun);
						RoleService.created(dryRun, in.argument(0));
					})
					.json(JsonShape.object("created", "id"))
					.handler(this::create),
				AstraCommand.named("role update").group(GROUP)
					.description("Change a custom role: the parts given replace the old ones")
					.option(OptionSpec.value("name", "n", "NAME", "A new name", ValueKind.TEXT))
					.option(ACTION)
					.option(RESOURCE)
					.option(DESCRIPTION)
					.argument(ROLE)
					.notes("Each part given replaces the old one and the rest is sent back as read: the API "
							+ "replaces the whole role and has no conditional update. Updates from the shells of this "
							+ "machine that share the astra home (~/.astra, or ASTRA_HOME) take turns: each reads the "
							+ "role after the one before wrote it, so none is lost. Against a command elsewhere (another "
							+ "machine, another ASTRA_HOME), the role is read back after the write, and when it no "
							+ "longer holds what this command changed, the command fails (exit 100) naming what was "
							+ "lost: look at the role and run the command again. An update from elsewhere that lands "
							+ "after that read, built on what the role held before this one, still overwrites this "
							+ "change unseen. Scripts that change one role from several machines should do it one at "
							+ "a time.")
					.check((in, dryRun) -> {
						RoleService.checkText(in.option("name"), in.option("description"));
						if (in.has("action")) {
							RoleService.checkActions(in.options("action"));
						}
						if (in.has("resource")) {
							RoleService.checkResources(in.options("resource"));
						}
						roles.checkChangeable(session.identityFor(in.globals()), in.argument(0), dryRun, "changed");
						if (in.option("name") != null) {
							RoleService.deleted(dryRun, in.argument(0));
							RoleService.created(dryRun, in.option("name"));
						}
					})
					.json(JsonShape.object("updated", "id"))
					.handler(this::update),
				AstraCommand.named("role delete").group(GROUP).description("Delete a custom role")
					.option(OptionSpec.flag("if-exists", null, "Succeed without change if the role is not there"))
					.option(Confirmation.YES)
					.argument(ROLE)
					.check((in, dryRun) -> {
						if (!in.flag("if-exists")) {
							roles.checkChangeable(session.identityFor(in.globals()), in.argument(0), dryRun, "deleted");
						}
						RoleService.deleted(dryRun, in.argument(0));
					})
					.json(JsonShape.object("deleted", "id"))
					.handler(this::delete));
	}

	private Output list(Invocation in) {
		List<Role> all = roles.list(session.identityFor(in.globals()));
		List<List<Object>> rows = new ArrayList<>();
		for (Role r : all) {
			rows.add(Output.row(r.id(), r.name(), r.policy() == null ? null : r.policy().description()));
		}
		return Output.table(all.size() + " role(s)", all, List.of("Role Id", "Role Name", "Description"), rows);
	}

	private Output get(Invocation in) {
		return describe("Role '%s'", roles.get(session.identityFor(in.globals()), in.argument(0)), null);
	}

	private static Output describe(String message, Role role, Object data) {
		Policy p = role.policy() == null ? new Policy("", List.of(), List.of(), "") : role.policy();
		return Output.attributes(message.formatted(role.name()), data == null ? role : data,
				List.of(Output.attribute("Identifier", role.id()), Output.attribute("Name", role.name()),
						Output.attribute("Description", p.description()), Output.attribute("Effect", p.effect()),
						Output.attribute("Resources", p.resources()), Output.attribute("Actions", p.actions())));
	}

	private Output create(Invocation in) {
		Role role = roles.create(session.identityFor(in.globals()), in.argument(0), in.options("action"),
				in.options("resource"), in.option("description"));
		return describe("Role '%s' has been created.", role, Output.fields("created", role.name(), "id", role.id()))
			.headline("Role '" + role.name() + "' has been created.");
	}

	private Output update(Invocation in) {
		RoleService.Change change = new RoleService.Change(in.option("name"),
				in.has("action") ? in.options("action") : null, in.has("resource") ? in.options("resource") : null,
				in.option("description"));
		Role role = roles.update(session.identityFor(in.globals()), in.argument(0), change);
		return describe("Role '%s' has been updated.", role, Output.fields("updated", role.name(), "id", role.id()))
			.headline("Role '" + role.name() + "' has been updated.");
	}

	private Output delete(Invocation in) {
		String ref = in.argument(0);
		boolean ask = Confirmation.wanted(console, in);
		Role role = roles.delete(session.identityFor(in.globals()), ref, in.flag("if-exists"), found -> {
			if (ask) {
				Confirmation.ask(console, "Delete role '" + RoleService.label(found) + "'?",
						"role '" + RoleService.label(found) + "'");
			}
		});
		if (role == null) {
			return Output.message("Role '" + ref + "' does not exist: nothing to delete.",
					Output.fields("deleted", null, "id", null));
		}
		return Output.message("Role '" + RoleService.label(role) + "' has been deleted.",
				Output.fields("deleted", role.name(), "id", role.id()));
	}

}
