package io.astrashell.completion;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.astrashell.AstraSettings;
import io.astrashell.api.HttpSettings;
import io.astrashell.api.Trace;
import io.astrashell.api.model.Role;
import io.astrashell.api.model.TokenInfo;
import io.astrashell.api.model.User;
import io.astrashell.cli.ValueKind;
import io.astrashell.command.RoleCommands;
import io.astrashell.command.TokenCommands;
import io.astrashell.command.UserCommands;
import io.astrashell.service.RoleService;
import io.astrashell.service.TokenService;
import io.astrashell.service.UserService;
import io.astrashell.session.Session;

/** The server kinds the shell's nouns register, for the completion tests: the same registrations. */
final class TestKinds {

	static final ValueKind USERS = UserCommands.USER;

	static final ValueKind ROLES = RoleCommands.ROLE_KIND;

	static final ValueKind TOKENS = TokenCommands.TOKEN;

	private TestKinds() {
	}

	/** The three registrations, fetching through these services. */
	static List<ServerKind<?>> of(UserService users, RoleService roles, TokenService tokens) {
		return List.of(RoleCommands.roleKind(roles), TokenCommands.tokenKind(tokens, roles), UserCommands.userKind(users));
	}

	/** The three registrations as the store sees them: their kinds and files, nothing fetched. */
	static List<ServerKind<?>> stored() {
		return List.of(new ServerKind<>(ROLES, Role.class, c -> List.of(), RoleCommands::offer),
				new ServerKind<>(TOKENS, TokenInfo.class, c -> List.of(), t -> TokenCommands.offer(t, id -> id)),
				new ServerKind<>(USERS, User.class, c -> List.of(), UserCommands::offer));
	}

	/** What the scripts' tables are written from: the registrations of {@link #stored()}, no request made. */
	static ServerValues values(Path dir) {
		AstraSettings settings = new AstraSettings(
				new AstraSettings.Environments("https://p", "https://d", "https://t"),
				HttpSettings.DEFAULTS, dir.resolve("home"), dir.resolve("astrarc"),
				new AstraSettings.Sandbox(0), new AstraSettings.Completion(
						Duration.ofSeconds(60), Duration.ofMillis(250)),
				new AstraSettings.Daemon(false, Duration.ofMinutes(15)));
		Session session = new Session(settings, Map.of());
		ServerValueCache cache = new ServerValueCache(session, TestKinds::stored, Duration.ofSeconds(60),
				Duration.ofMillis(250), dir.resolve("home"), Clock.systemUTC(),
				Trace.NONE);
		return new ServerValues(session, cache, new LocalValues(session, () -> {
			throw new IllegalStateException("no registry in this test");
		}));
	}

	static ServerKind<?> stored(ValueKind kind) {
		return stored().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
	}

}
