package io.astrashell.service;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.astrashell.api.ApiException;
import io.astrashell.api.UsersApi;
import io.astrashell.api.model.BuiltInRoles;
import io.astrashell.api.model.EmailAddress;
import io.astrashell.api.model.InviteUserRequest;
import io.astrashell.api.model.OrganizationUsers;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.User;
import io.astrashell.api.model.UserRolesRequest;
import io.astrashell.cli.Similarity;
import io.astrashell.error.AstraError;
import io.astrashell.session.Identity;
import org.springframework.stereotype.Service;

/**
 * Users, found by email (case-insensitively, from one listing) or by id. Role names are resolved
 * from one roles listing per command; the API only ever receives role ids.
 */
@Service
public final class UserService {

	private static final Pattern UUID = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private final ApiCalls api;

	private final RoleService roles;

	private final OrgService orgs;

	private final ChangeListener changes;

	public UserService(ApiCalls api, RoleService roles, OrgService orgs, ChangeListener changes) {
		this.api = api;
		this.roles = roles;
		this.orgs = orgs;
		this.changes = changes;
	}

	/** Whether {@code s} has the form of an email address ({@link EmailAddress#hasForm}). */
	public static boolean isEmail(String s) {
		return EmailAddress.hasForm(s);
	}

	public static boolean isId(String s) {
		return s != null && UUID.matcher(s).matches();
	}

	/**
	 * Exit 11 unless {@code email} is an address to invite ({@link EmailAddress}, the rule the sandbox
	 * applies too): {@code name@domain.tld}, no control or bidirectional formatting character, a local
	 * part of at most 64 characters and at most 254 in all.
	 */
	public static String checkEmail(String email) {
		InputChecks.noControls("The email '" + email + "'", email);
		EmailAddress.Problem problem = EmailAddress.problem(email);
		if (problem == null) {
			return email;
		}
		throw AstraError.invalidInput(switch (problem) {
			case LOCAL_PART_TOO_LONG -> "The email '" + email + "' has " + email.indexOf('@')
					+ " characters before the '@': an address has at most " + EmailAddress.MAX_LOCAL_PART + " there.";
			case TOO_LONG -> "The email '" + email + "' has " + email.length() + " characters: an address has at most "
					+ EmailAddress.MAX_LENGTH + ".";
			case NOT_AN_ADDRESS, UNSAFE_CHARACTER -> "'" + email + "' is not an email address (expected name@domain.tld).";
		});
	}

	/** A user is named by an email or a user id; anything else is refused before any request. */
	public static void checkUserRef(String ref) {
		InputChecks.noControls("The user '" + ref + "'", ref);
		if (!isEmail(ref) && !isId(ref)) {
			throw AstraError.invalidInput("'" + ref + "' is neither an email address nor a user id.");
		}
	}

	public OrganizationUsers list(Identity identity) {
		OrganizationUsers users = api.call(identity, "list the users", UsersApi::list);
		if (users == null) { // a body of null: no users, no organization named
			users = new OrganizationUsers(null, null, null);
		}
		orgs.remember(identity, users);
		return users;
	}

	public static User find(String ref, List<User> users) {
		for (User u : users) {
			if ((u.email() != null && u.email().equalsIgnoreCase(ref.trim()))
					|| (u.userId() != null && u.userId().equalsIgnoreCase(ref.trim()))) {
				return u;
			}
		}
		return null;
	}

	static AstraError notFound(String ref, List<User> users) {
		String hint = users == null ? ""
				: Similarity.didYouMean(ref, users.stream().map(User::email).filter(e -> e != null).toList(), 2);
		return AstraError.notFound("User '" + ref + "' has not been found." + hint);
	}

	/** One user: by id with one GET, by email from the listing. */
	public User get(Identity identity, String ref) {
		checkUserRef(ref);
		if (isId(ref)) {
			User user = api.call(identity, "read the user", c -> {
				try {
					return UsersApi.get(c, ref);
				}
				catch (ApiException.NotFound e) {
					throw notFound(ref, null);
				}
			});
			if (user == null) { // a body of null
				throw AstraError.failed("The API answered the request for user '" + ref + "' without a user.");
			}
			return user;
		}
		List<User> users = list(identity).users();
		User user = find(ref, users);
		if (user == null) {
			throw notFound(ref, users);
		}
		return user;
	}

	/** What an invitation did: the email, and the roles it was sent with. */
	public record Invitation(String email, List<Role> roles, boolean alreadyThere) {
	}

	/**
	 * Invites {@code email} with the given roles (default Database Administrator): three requests,
	 * the roles listing, the users listing (is the email there already?) and the invitation.
	 *
	 * <p>The API takes an invitation of an email that is pending already as a new invitation (sent
	 * again, with the roles of the last one) and answers it as it answers the first: invitations of
	 * one email made at the same moment all succeed, and nothing on the wire tells them apart (a
	 * listing read after the invitation holds the user in every case). The shell cannot say which one
	 * created the user, and does not pretend to: {@code help user invite} says so. An email that is an
	 * active member by the time the invitation arrives (409) is "already exists", as if the listing had
	 * shown it.
	 */
	public Invitation invite(Identity identity, String email, List<String> roleRefs, boolean ifNotExists) {
		checkEmail(email);
		List<String> refs = roleRefs.isEmpty() ? List.of(BuiltInRoles.DATABASE_ADMINISTRATOR) : roleRefs;
		RoleService.checkRefs(refs);
		List<Role> chosen = RoleService.resolveAll(refs, roles.list(identity));
		OrganizationUsers users = list(identity);
		User existing = find(email, users.users());
		if (existing != null) {
			if (ifNotExists) {
				return new Invitation(existing.email(), existing.roles(), true);
			}
			throw AstraError.alreadyExists("User '" + email + "' already exists in the organization"
					+ (existing.status() == null ? "" : " (" + existing.status() + ")")
					+ ". Use 'astra user update' to change its roles, or --if-not-exists to ignore it.");
		}
		List<String> ids = chosen.stream().map(Role::id).toList();
		boolean present = api.call(identity, "invite the user", c -> {
			try {
				UsersApi.invite(c, new InviteUserRequest(email, users.orgId(), ids));
				return false;
			}
			catch (ApiException.Conflict e) {
				if (ifNotExists) {
					return true;
				}
				throw AstraError.alreadyExists("User '" + email + "' already exists in the organization (active). "
						+ "Use 'astra user update' to change its roles, or --if-not-exists to ignore it.");
			}
		});
		if (present) {
			return new Invitation(email, List.of(), true);
		}
		changes.added(identity, new User(null, email, "invited", List.of()));
		return new Invitation(email, chosen, false);
	}

	/**
	 * Sets a user's roles (the API replaces the set). Taking Organization Administrator from the only
	 * active one needs {@code force}: nobody would be left to manage the organization's users, roles
	 * and tokens.
	 */
	public Invitation setRoles(Identity identity, String ref, List<String> roleRefs, boolean force) {
		checkUserRef(ref);
		if (roleRefs.isEmpty()) {
			throw AstraError.missingInput("Give the user's roles with -r/--role (one or more).");
		}
		RoleService.checkRefs(roleRefs);
		// the guard reads the other administrators: the listings and the write take turns with the other
		// shells of this machine, so that two of them cannot each demote one of the last two
		return api.exclusive(identity, "users", () -> setRolesNow(identity, ref, roleRefs, force));
	}

	private Invitation setRolesNow(Identity identity, String ref, List<String> roleRefs, boolean force) {
		List<Role> listing = roles.list(identity);
		List<Role> chosen = RoleService.resolveAll(roleRefs, listing);
		boolean keepsAdmin = chosen.stream().anyMatch(UserService::isOrgAdmin);
		String userId;
		String email;
		if (isId(ref) && keepsAdmin) {
			userId = ref; // no listing needed: the PUT says whether the id exists
			email = ref;
		}
		else {
			List<User> users = list(identity).users();
			User user = find(ref, users);
			if (user == null) {
				throw notFound(ref, users);
			}
			if (!keepsAdmin && !force && mayBeActiveAdmin(user, listing) && otherActiveAdmins(user, users, listing) == 0) {
				throw AstraError.invalidInput("User '" + label(user) + "' " + (isActiveAdmin(user, listing) ? "is"
						: "may be") + " the only active Organization Administrator" + unsure(user, listing) + ": without that role nobody "
						+ "could manage the organization's users, roles and tokens, which would lock everyone out. Keep "
						+ "the role, make another user an administrator first, or add --force to change the roles anyway.");
			}
			userId = idOf(user);
			email = user.email() == null ? ref : user.email();
		}
		List<String> ids = chosen.stream().map(Role::id).toList();
		api.run(identity, "change the user's roles", c -> {
			try {
				UsersApi.setRoles(c, userId, new UserRolesRequest(ids));
			}
			catch (ApiException.NotFound e) {
				throw notFound(ref, null);
			}
		});
		return new Invitation(email, chosen, false);
	}

	private static boolean isOrgAdmin(Role role) {
		return BuiltInRoles.ORGANIZATION_ADMINISTRATOR.equalsIgnoreCase(role.name());
	}

	/**
	 * A user listed as active and holding Organization Administrator by name (a role listed without one
	 * named from {@code roles}, the roles listing, when given): certainly an active one.
	 */
	public static boolean isActiveAdmin(User user, List<Role> roles) {
		return "active".equalsIgnoreCase(strip(user.status()))
				&& user.roles().stream().anyMatch(r -> BuiltInRoles.ORGANIZATION_ADMINISTRATOR.equalsIgnoreCase(name(r, roles)));
	}

	/**
	 * A user who may be an active Organization Administrator, for the guards against a lock-out: any
	 * status but {@code invited} (none, empty, or a value the API is not known to send) counts as
	 * possibly active, and a role listed without a name (that {@code roles}, the roles listing when
	 * given, does not name either) as possibly that role.
	 */
	public static boolean mayBeActiveAdmin(User user, List<Role> roles) {
		return !"invited".equalsIgnoreCase(strip(user.status())) && user.roles().stream().anyMatch(r -> {
			String name = name(r, roles);
			return name == null || BuiltInRoles.ORGANIZATION_ADMINISTRATOR.equalsIgnoreCase(name);
		});
	}

	/** A role's name, from the roles listing when the user's listing left it out; null if none says it. */
	private static String name(Role role, List<Role> roles) {
		if (role.name() != null && !role.name().isBlank()) {
			return role.name().strip();
		}
		if (roles != null && role.id() != null) {
			for (Role r : roles) {
				if (role.id().equalsIgnoreCase(r.id()) && r.name() != null && !r.name().isBlank()) {
					return r.name().strip();
				}
			}
		}
		return null;
	}

	/** Whether a role of a listed user has no name (the guards then need the roles listing). */
	private static boolean hasNamelessRole(User user) {
		return user.roles().stream().anyMatch(r -> r.name() == null || r.name().isBlank());
	}

	/** How many users other than {@code user} are certainly active Organization Administrators. */
	private static long otherActiveAdmins(User user, List<User> users, List<Role> roles) {
		return users.stream().filter(u -> u != user && isActiveAdmin(u, roles)).count();
	}

	/** Why a user who may be an active administrator counts as one, or "" when it certainly is. */
	public static String unsure(User user, List<Role> roles) {
		if (isActiveAdmin(user, roles)) {
			return "";
		}
		String status = strip(user.status());
		if (!"active".equalsIgnoreCase(status)) {
			return " (the API listed it " + (status == null || status.isEmpty() ? "without a status"
					: "with the status '" + status + "', which is neither active nor invited") + ", so it counts as active)";
		}
		return " (the API listed a role of it without a name, so it counts as Organization Administrator)";
	}

	private static String strip(String s) {
		return s == null ? null : s.strip();
	}

	/** The id of a listed user, which the API must have sent to change or remove it (exit 100 if not). */
	public static String idOf(User user) {
		if (user.userId() == null || user.userId().isBlank()) {
			throw new AstraError(AstraError.Kind.FAILED, "The API listed the user '" + label(user)
					+ "' without its UserID: it cannot be changed or removed by this command.");
		}
		return user.userId();
	}

	/** How a message names a user: the email, else the id. */
	public static String label(User user) {
		return user.email() != null ? user.email() : String.valueOf(user.userId());
	}

	/**
	 * Removes a user (null when absent and {@code ifExists}). The API does not tell which user owns a
	 * token, so removing an active Organization Administrator, who may own the session's token, needs
	 * {@code force}: removing a user revokes their tokens.
	 */
	public User delete(Identity identity, String ref, boolean ifExists, boolean force) {
		return delete(identity, ref, ifExists, force, user -> {
		});
	}

	/**
	 * As {@link #delete(Connection, String, boolean, boolean)}; {@code beforeDelete} sees the user
	 * found, after every check and before the request that removes it (it may throw to cancel).
	 */
	public User delete(Identity identity, String ref, boolean ifExists, boolean force,
			Consumer<User> beforeDelete) {
		checkUserRef(ref);
		List<User> users = list(identity).users();
		User user = find(ref, users);
		if (user == null) {
			if (ifExists) {
				return null;
			}
			throw notFound(ref, users);
		}
		// the roles listing only when the users listing left a role of the user unnamed
		List<Role> listing = !force && mayBeActiveAdmin(user, null) && hasNamelessRole(user) ? roles.list(identity)
				: null;
		if (!force && mayBeActiveAdmin(user, listing)) {
			long others = otherActiveAdmins(user, users, listing);
			throw AstraError.invalidInput("User '" + label(user) + "' " + (isActiveAdmin(user, listing) ? "is"
					: "may be") + " an active Organization Administrator" + (others == 0 ? ", the only one" : "")
					+ unsure(user, listing)
					+ ": the token of this session may be theirs, and removing them revokes their tokens, which would "
					+ "lock you out. Add --force to remove them anyway.");
		}
		String userId = idOf(user);
		beforeDelete.accept(user);
		api.run(identity, "remove the user", c -> {
			try {
				UsersApi.delete(c, userId);
			}
			catch (ApiException.NotFound e) {
				if (!ifExists) {
					throw notFound(ref, null);
				}
			}
		});
		changes.removed(identity, user);
		return user;
	}

}
