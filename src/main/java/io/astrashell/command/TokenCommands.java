package io.astrashell.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.astrashell.api.model.CreatedToken;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.cli.ArgumentSpec;
import io.astrashell.cli.AstraCommand;
import io.astrashell.cli.CommandGroup;
import io.astrashell.cli.Globals;
import io.astrashell.cli.GlobalOptions;
import io.astrashell.error.AstraError;
import io.astrashell.error.ExitCode;
import io.astrashell.cli.Invocation;
import io.astrashell.cli.JsonShape;
import io.astrashell.cli.OptionSpec;
import io.astrashell.cli.ValueKind;
import io.astrashell.completion.Candidate;
import io.astrashell.completion.ServerKind;
import io.astrashell.completion.ServerKinds;
import io.astrashell.output.Level;
import io.astrashell.output.Output;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenRotation;
import io.astrashell.service.TokenService;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import io.astrashell.shell.Console;
import org.springframework.stereotype.Component;

/** {@code token list|create|get|delete|revoke}: application tokens. */
@Component
public final class TokenCommands implements CommandGroup, ServerKinds {

	/** A token's JSON in the listing: the wire record's keys (camelCase, as the API and the original CLI). */
	static final String[] TOKEN_FIELDS = { "clientId", "roles", "generatedOn", "description", "tokenExpiry" };

	static final String GROUP = "Tokens";

	private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Session session;

	private final TokenService tokens;

	private final RoleService roles;

	private final Console console;

	private final TokenRotation rotation;

	public TokenCommands(Session session, TokenService tokens, RoleService roles, Console console,
			TokenRotation rotation) {
		this.rotation = rotation;
		this.session = session;
		this.tokens = tokens;
		this.roles = roles;
		this.console = console;
	}

	/** An application token: Tab offers the client ids, described by what the token is for, its roles and date. */
	public static final ValueKind TOKEN = ValueKind.of("TOKEN_CLIENT_ID", "tokens");

	@Override
	public List<ServerKind<?>> serverKinds() {
		return List.of(tokenKind(tokens, roles));
	}

	/** The tokens as Tab completes them, listed through {@code tokens}, their roles named through {@code roles}. */
	public static ServerKind<TokenInfo> tokenKind(TokenService tokens, RoleService roles) {
		return new ServerKind<>(TOKEN, TokenInfo.class, c -> {
			List<TokenInfo> listed = tokens.clients(c);
			List<Role> named = rolesIfReadable(roles, c);
			return ServerKind.offered(listed, t -> offer(t, id -> {
				Role r = RoleService.find(id, named);
				return r == null || r.name() == null ? id : r.name();
			}));
		}, t -> offer(t, id -> id));
	}

	/** The roles to name the tokens' roles with; none (the ids shown) when they cannot be listed. */
	private static List<Role> rolesIfReadable(RoleService roles, Identity c) {
		try {
			return roles.list(c);
		}
		catch (RuntimeException e) {
			return List.of();
		}
	}

	/** A token as Tab offers it: its client id, described; null when the client id cannot be typed back. */
	public static Candidate offer(TokenInfo t, UnaryOperator<String> roleName) {
		if (!Candidate.typable(t.clientId())) {
			return null;
		}
		List<String> about = new ArrayList<>();
		about.add(t.description() == null || t.description().isBlank() ? "(no description)" : t.description());
		if (!t.roles().isEmpty()) {
			about.add(String.join(", ", t.roles().stream().map(roleName).toList()));
		}
		if (t.generatedOn() != null) {
			about.add(t.generatedOn().substring(0, Math.min(10, t.generatedOn().length())));
		}
		return new Candidate(t.clientId(), String.join(" · ", about));
	}

	@Override
	public Map<String, String> nouns() {
		return Map.of("token", "Manage the application tokens of an organization");
	}

	@Override
	public List<AstraCommand> commands() {
		return List.of(
				AstraCommand.named("token list").alias("token").group(GROUP)
					.description("Display the list of tokens in an organization")
					.option(OptionSpec.value("role", "r", "ROLE",
							"Only the tokens holding this role (name in any case, or id); repeat for any of several",
							RoleCommands.ROLE_KIND).asRepeatable())
					.json(JsonShape.list(TOKEN_FIELDS))
					.handler(this::list),
				AstraCommand.named("token create").group(GROUP).description("Create an application token")
					.option(OptionSpec.value("role", "r", "ROLE", "Role of the token (name or id); may be repeated",
							RoleCommands.ROLE_KIND).asRepeatable().asRequired())
					.option(OptionSpec.value("description", "d", "TEXT", "What the token is for", ValueKind.TEXT))
					.option(OptionSpec.value("expiry", null, "INSTANT",
							"When the token expires: 2026-12-31T23:59:59Z, 2026-12-31, or 30d, 12h, 90m from now",
							ValueKind.TEXT))
					.check((in, dryRun) -> {
						RoleService.checkRefs(in.options("role"));
						TokenService.checkDescription(in.option("description"));
						if (in.option("expiry") != null) {
							TokenService.parseExpiry(in.option("expiry"), Instant.now());
						}
						roles.checkKnown(session.identityFor(in.globals()), in.options("role"), dryRun);
					})
					.json(JsonShape.object("clientId", "secret", "orgId", "roles", "token", "generatedOn", "tokenExpiry", "description"))
					.handler(this::create),
				AstraCommand.named("token get").group(GROUP).description("Show current token")
					.json(JsonShape.object("token", "environment", "source"))
					.handler(this::get),
				AstraCommand.named("token delete").alias("token revoke").group(GROUP).description("Delete a token")
					.option(OptionSpec.flag("if-exists", null, "Succeed without change if the token is not there"))
					.option(OptionSpec.flag("force", null, "Revoke even the token this session uses"))
					.option(Confirmation.YES)
					.argument(ArgumentSpec.required("CLIENT_ID", "token identifier (client id)", TOKEN))
					.check((in, dryRun) -> TokenService.checkClientId(in.argument(0)))
					.json(JsonShape.object("deleted"))
					.handler(this::delete),
				AstraCommand.named("token rotate").group(GROUP)
					.description("Replace a token: a new one with its roles, in its profiles, then the old one revoked")
					.option(OptionSpec.value("config", "conf", "PROFILE",
							"A profile to write the new token into (repeat for several; default: every profile holding "
									+ "the token); the first one's token makes the call",
							GlobalOptions.PROFILE).asRepeatable())
					.option(OptionSpec.flag("keep-old", null, "Do not revoke the old token"))
					.option(OptionSpec.value("description", "d", "TEXT",
							"The new token's description (default: the old one's)", ValueKind.TEXT))
					.argument(ArgumentSpec.required("CLIENT_ID", "the client id of the token to replace", TOKEN))
					.notes("Steps, each only if the one before it worked: find the token; create a new one with its "
							+ "roles; check that the new one answers for the same organization; write it into the "
							+ "profiles (one atomic rewrite of the profiles file, comments and other profiles kept); "
							+ "revoke the old one. If the new token cannot be checked or written, the old one is not "
							+ "revoked and the new one is printed this once so that it is not lost (exit 100 or 9); "
							+ "if the revoke fails, the profiles hold the new token and the old one is said to be still "
							+ "valid (exit 100). Two rotations of one token take turns: the second finds it gone (exit 5).")
					.check((in, dryRun) -> {
						TokenService.checkClientId(in.argument(0));
						TokenService.checkDescription(in.option("description"));
					})
					.json(JsonShape.object("rotated", "clientId", "secret", "token", "profiles", "oldRevoked"))
					.handler(this::rotate));
	}

	private Output rotate(Invocation in) {
		List<String> named = in.options("config");
		Globals globals = named.isEmpty() ? in.globals() : in.globals().withProfile(named.get(0));
		TokenRotation.Rotation r = rotation.rotate(globals,
				new TokenRotation.Request(in.argument(0), named, in.flag("keep-old"), in.option("description")));
		CreatedToken t = r.created();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("rotated", r.oldClientId());
		data.put("clientId", t.clientId());
		data.put("secret", t.secret());
		data.put("token", t.token());
		data.put("profiles", r.profiles());
		data.put("oldRevoked", r.oldRevoked());
		List<Output.Attribute> shown = new ArrayList<>();
		shown.add(Output.attribute("Client Id", t.clientId()));
		boolean written = !r.profiles().isEmpty();
		if (!written) {
			// in no profile: this is the only place the new token can be read
			shown.add(Output.attribute("Client Secret", t.secret()));
			shown.add(Output.attribute("Token", t.token()));
		}
		shown.add(Output.attribute("Profiles", r.profiles().isEmpty() ? List.of("(none)") : r.profiles()));
		shown.add(Output.attribute("Old token", r.oldClientId() + (r.oldRevoked() ? " (revoked)" : " (still valid)")));
		String headline = r.problem() == null
				? "Token '" + r.oldClientId() + "' rotated: the new one is '" + t.clientId() + "'"
						+ (written ? ", in " + String.join(", ", r.profiles()) : "") + "."
				: "Token '" + r.oldClientId() + "' was not fully rotated.";
		Output out = Output.attributes(headline, data, shown).headline(headline);
		if (!written) {
			out = out.notice(Level.WARN, "The new token is in no profile: its secret is shown this once, store it now.")
				.ifNotShown("The token " + t.clientId() + " was created, but its secret was not shown and cannot be "
						+ "shown again: revoke it with 'astra token delete " + t.clientId() + "'.");
		}
		if (!r.stillHoldingOld().isEmpty()) {
			out = out.notice(Level.WARN, "Not named, so not written: " + String.join(", ", r.stillHoldingOld())
					+ " still hold" + (r.stillHoldingOld().size() == 1 ? "s" : "") + " the old token"
					+ (r.oldRevoked() ? ", now revoked" : "") + ".");
		}
		if (r.problem() != null) {
			ExitCode code = ExitCode.of(r.problem() == TokenRotation.Problem.NOT_WRITTEN ? AstraError.Kind.CONFIGURATION
					: AstraError.Kind.FAILED);
			out = out.failed(code.name(), code.code(), r.why());
		}
		return out.showingSecret(); // the secret only where token create shows it (JSON; people: when in no profile)
	}

	private Output list(Invocation in) {
		TokenService.Listing listing = tokens.list(session.identityFor(in.globals()));
		List<Role> wanted = in.options("role").isEmpty() ? List.of()
				: RoleService.resolveAll(in.options("role"), listing.roles());
		List<TokenInfo> shown = listing.tokens().stream()
			.filter(t -> wanted.isEmpty() || t.roles().stream().anyMatch(id -> wanted.stream().anyMatch(w -> id.equalsIgnoreCase(w.id()))))
			.toList();
		List<List<Object>> rows = new ArrayList<>();
		for (TokenInfo t : shown) {
			rows.add(Output.row(readable(t.generatedOn()), t.clientId(), listing.roleNames(t), t.description()));
		}
		return Output.table(shown.size() + " token(s)", shown,
				List.of("Generated On", "Client Id", "Roles", "Description"), rows);
	}

	private Output create(Invocation in) {
		TokenService.Created created = tokens.create(session.identityFor(in.globals()), in.options("role"),
				in.option("description"), in.option("expiry"));
		CreatedToken t = created.token();
		return Output
			.attributes("A new token has been created.", t,
					List.of(Output.attribute("Client Id", t.clientId()), Output.attribute("Client Secret", t.secret()),
							Output.attribute("Token", t.token())))
			.headline("A new token has been created.")
			.notice(Level.WARN, "The client secret and the token are shown this once: store them now. Roles: "
					+ String.join(", ", created.roles().stream().map(RoleService::label).toList()) + ".")
			.ifNotShown("The token " + t.clientId() + " was created, but its secret was not shown and cannot be shown "
					+ "again: revoke it with 'astra token delete " + t.clientId() + "' and create another.")
			.showingSecret(); // shown this once, on purpose
	}

	private Output get(Invocation in) {
		Identity c = session.identityFor(in.globals());
		return Output.value("token", c.token(), Output.fields("token", c.token(), "environment",
				c.environment().name(), "source", c.tokenSource())).showingSecret(); // for $(astra token get)
	}

	private Output delete(Invocation in) {
		String clientId = in.argument(0);
		boolean deleted = tokens.delete(session.identityFor(in.globals()), clientId, in.flag("if-exists"),
				in.flag("force"), !Confirmation.wanted(console, in) ? null : found -> Confirmation.ask(console,
						"Delete token '" + clientId + "'" + (found.description() == null || found.description().isBlank()
								? "" : " ('" + found.description() + "')") + "?", "token '" + clientId + "'"));
		if (!deleted) {
			return Output.message("Token '" + clientId + "' does not exist: nothing to delete.",
					Output.fields("deleted", null));
		}
		return Output.message("Your token has been deleted.", Output.fields("deleted", clientId));
	}

	static String readable(String rfc3339) {
		if (rfc3339 == null) {
			return "";
		}
		try {
			return READABLE.format(Instant.parse(rfc3339));
		}
		catch (DateTimeParseException e) {
			return rfc3339;
		}
	}

}
