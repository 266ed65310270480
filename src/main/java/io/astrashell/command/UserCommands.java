package io.astrashell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
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
import io.astrashell.service.UserService;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import io.astrashell.shell.Console;
import org.springframework.stereotype.Component;

/** {@code user list|invite|get|describe|delete|update}: the members of the organization. */
@Component
public final class UserCommands implements CommandGroup, ServerKinds {

	/** A user's JSON: the wire record's keys (PascalCase, as the API and the original CLI). */
	static final String[] USER_FIELDS = { "UserID", "Email", "Status", "Roles" };

	static final String GROUP = "Users";

	/** A member of the organization: Tab offers the emails (a user's id where an email cannot be typed back). */
	public static final ValueKind USER = ValueKind.of("USER", "users");

	/** What the API says of a member. */
	static final ValueKind STATUS = ValueKind.choice("STATUS", "user status", List.of("active", "invited"));

	private static final OptionSpec ROLE = OptionSpec
		.value("role", "r", "ROLE", "Role name (any case) or id; repeat for several roles", RoleCommands.ROLE_KIND)
		.asRepeatable();

	private static final ArgumentSpec USER_ARGUMENT = ArgumentSpec.required("USER", "User email or identifier", USER);

	private final Session session;

	private final UserService users;

	private final RoleService roles;

	private final Console console;

	public UserCommands(Session session, UserService users, RoleService roles, Console console) {
		this.session = session;
		this.users = users;
		this.roles = roles;
		this.console = console;
	}

	@Override
	public List<ServerKind<?>> serverKinds() {
		return List.of(userKind(users));
	}

	/** The users as Tab completes them, listed through {@code users}. */
	public static ServerKind<User> userKind(UserService users) {
		return ServerKind.listing(USER, User.class, c -> users.list(c).users(), UserCommands::offer);
	}

	/** A user as Tab offers it: the email, described by its status and roles. */
	public static Candidate offer(User u) {
		if (u.email() == null) {
			return null;
		}
		String roleNames = String.join(", ", u.roles().stream().map(Role::name).filter(n -> n != null).toList());
		return Candidate.valueOrId(u.email(), u.userId(),
				(u.status() == null ? "" : u.status()) + (roleNames.isEmpty() ? "" : " · " + roleNames));
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("user", "Manage the users of an organization");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("user list").alias("user").group(GROUP)
					.description("Display the list of Users in an organization")
					.option(OptionSpec.value("role", "r", "ROLE",
							"Only the users holding this role (name in any case, or id); repeat for any of several",
							RoleCommands.ROLE_KIND).asRepeatable())
					.option(OptionSpec.value("status", null, "STATUS", "Only the users of this status", STATUS))
					.json(JsonShape.list(USER_FIELDS))
					.handler(this::list),
				AstraCommand.named("user invite").group(GROUP).description("Invite a user to an organization")
					.option(OptionSpec.value("role", "r", "ROLE",
							"Role for the user (default is Database Administrator); name or id, may be repeated",
							RoleCommands.ROLE_KIND).asRepeatable())
					.option(OptionSpec.flag("if-not-exists", null, "Succeed without change if the user is already there"))
					.argument(ArgumentSpec.required("EMAIL", "User Email", ValueKind.TEXT))
					.notes("The email is refused (exit 7) when the users listing read before the invitation holds it. "
							+ "The API takes an invitation of an email that is still pending as a new one (sent again, "
							+ "with the roles of the last one) and answers both alike, so invitations of one email "
							+ "made at the same moment each report 'invited': nothing tells which one created the "
							+ "user. Afterwards the organization holds the email once, with the roles of the "
							+ "invitation that arrived last. An email that is an active member by the time the "
							+ "invitation arrives is refused (exit 7).")
					.check((in, dryRun) -> {
						UserService.checkEmail(in.argument(0));
						List<String> refs = in.options("role").isEmpty() ? List.of(BuiltInRoles.DATABASE_ADMINISTRATOR)
								: in.options("role");
						RoleService.checkRefs(refs);
						roles.checkKnown(identity(in), refs, dryRun);
					})
					.json(JsonShape.object("invited", "roleIds", "roleNames", "alreadyThere"))
					.handler(this::invite),
				AstraCommand.named("user get").alias("user describe").group(GROUP).description("Show user details")
					.argument(USER_ARGUMENT)
					.check((in, dryRun) -> UserService.checkUserRef(in.argument(0)))
					.json(JsonShape.object(USER_FIELDS))
					.handler(this::get),
				AstraCommand.named("user delete").group(GROUP).description("Delete an existing user")
					.option(OptionSpec.flag("if-exists", null, "Succeed without change if the user is not there"))
					.option(OptionSpec.flag("force", null,
							"Delete even an active Organization Administrator (who may own this session's token)"))
					.option(Confirmation.YES)
					.argument(USER_ARGUMENT)
					.check((in, dryRun) -> UserService.checkUserRef(in.argument(0)))
					.json(JsonShape.object("deleted", "userId"))
					.handler(this::delete),
				AstraCommand.named("user update").group(GROUP)
					.description("Set the roles of a user (replaces the roles it has)")
					.option(ROLE.asRequired())
					.option(OptionSpec.flag("force", null,
							"Take Organization Administrator even from the only active one"))
					.argument(USER_ARGUMENT)
					.check((in, dryRun) -> {
						UserService.checkUserRef(in.argument(0));
						RoleService.checkRefs(in.options("role"));
						roles.checkKnown(identity(in), in.options("role"), dryRun);
					})
					.json(JsonShape.object("updated", "roleIds", "roleNames"))
					.handler(this::update));
	}

	private Identity identity(Invocation in) {
		return session.identityFor(in.globals());
	}

	private Output list(Invocation in) {
		String status = in.option("status"); // one of STATUS's, the parser checked
		Identity c = identity(in);
		// the roles asked for, resolved from one listing (a name not found says so, with the nearest ones)
		List<Role> wanted = in.options("role").isEmpty() ? List.of() : RoleService.resolveAll(in.options("role"), roles.list(c));
		OrganizationUsers all = users.list(c);
		List<User> shown = all.users().stream()
			.filter(u -> status == null || status.equalsIgnoreCase(u.status()))
			.filter(u -> wanted.isEmpty() || u.roles().stream().anyMatch(r -> wanted.stream().anyMatch(w -> same(w, r))))
			.toList();
		List<List<Object>> rows = new ArrayList<>();
		for (User u : shown) {
			rows.add(Output.row(u.userId(), u.email(), u.status()));
		}
		return Output.table(shown.size() + " user(s)" + (all.orgName() == null ? "" : " in " + all.orgName()), shown,
				List.of("User Id", "User Email", "Status"), rows);
	}

	/** Whether a user's role is this role: the same id, or (a role without id) the same name in any case. */
	static boolean same(Role wanted, Role held) {
		if (held == null) {
			return false;
		}
		if (wanted.id() != null && held.id() != null) {
			return wanted.id().equalsIgnoreCase(held.id());
		}
		return wanted.name() != null && wanted.name().equalsIgnoreCase(held.name());
	}

	private Output get(Invocation in) {
		User user = users.get(identity(in), in.argument(0));
		return Output.attributes("User '" + user.email() + "'", user,
				List.of(Output.attribute("User Id", user.userId()), Output.attribute("User Email", user.email()),
						Output.attribute("Status", user.status()),
						Output.attribute("Roles", user.roles().stream().map(Role::name).toList())));
	}

	private Output invite(Invocation in) {
		Identity c = identity(in);
		UserService.Invitation done = users.invite(c, in.argument(0), in.options("role"), in.flag("if-not-exists"));
		List<String> names = done.roles().stream().map(RoleService::label).toList();
		Object data = Output.fields("invited", done.email(), "roleIds", done.roles().stream().map(Role::id).toList(),
				"roleNames", names, "alreadyThere", done.alreadyThere());
		if (done.alreadyThere()) {
			return Output.message("User '" + done.email() + "' is already in the organization: nothing to do.", data);
		}
		return Output.message("User '" + done.email() + "' has been invited with the role" + (names.size() > 1 ? "s " : " ")
				+ String.join(", ", names) + ".", data);
	}

	private Output update(Invocation in) {
		UserService.Invitation done = users.setRoles(identity(in), in.argument(0), in.options("role"),
				in.flag("force"));
		List<String> names = done.roles().stream().map(RoleService::label).toList();
		return Output.message("User '" + done.email() + "' now has the role" + (names.size() > 1 ? "s " : " ")
				+ String.join(", ", names) + ".", Output.fields("updated", done.email(), "roleIds",
						done.roles().stream().map(Role::id).toList(), "roleNames", names));
	}

	private Output delete(Invocation in) {
		Identity c = identity(in);
		String ref = in.argument(0);
		boolean ask = Confirmation.wanted(console, in);
		User user = users.delete(c, ref, in.flag("if-exists"), in.flag("force"), found -> {
			if (ask) {
				Confirmation.ask(console, "Delete user '" + UserService.label(found) + "'?",
						"user '" + UserService.label(found) + "'");
			}
		});
		if (user == null) {
			return Output.message("User '" + ref + "' is not in the organization: nothing to delete.",
					Output.fields("deleted", null, "userId", null));
		}
		// the API removes a user asynchronously: the request is accepted, not yet done
		return Output.message("Deleting user '" + UserService.label(user) + "' (async operation)",
				Output.fields("deleted", user.email(), "userId", user.userId()));
	}

}
