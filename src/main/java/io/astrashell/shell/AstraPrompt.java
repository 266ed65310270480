package io.astrashell.shell;

import io.astrashell.cli.Globals;
import io.astrashell.output.Renderer;
import io.astrashell.session.AstraEnvironment;
import io.astrashell.session.Identity;
import io.astrashell.session.Session;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The prompt text: {@code astra>} on the default profile of PROD; otherwise it names the profile and
 * any environment other than PROD, e.g. {@code astra (dev-team · DEV)>}.
 */
public final class AstraPrompt {

	private final Session session;

	public AstraPrompt(Session session) {
		this.session = session;
	}

	public AttributedString getPrompt() {
		return new AttributedStringBuilder().style(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN))
			.append(text())
			.style(AttributedStyle.DEFAULT)
			.append(" ")
			.toAttributedString();
	}

	/** The prompt without colour and without the trailing space. */
	public String text() {
		String profile = null;
		String env = null;
		Identity c = session.known();
		Globals d = session.defaults();
		if (c != null) {
			profile = c.profile();
			env = c.environment() == AstraEnvironment.PROD ? null : c.environment().name();
		}
		else {
			profile = d.profile();
			env = d.envName() == null || d.envName().equals("PROD") ? null : d.envName();
		}
		if ("default".equals(profile)) {
			profile = null;
		}
		if (profile == null && env == null) {
			return "astra>";
		}
		String inside = profile == null ? env : env == null ? profile : profile + " · " + env;
		// a profile name edited by hand may hold ESC or U+202E: it never reaches the terminal raw
		return "astra (" + Renderer.clean(inside) + ")>";
	}

}
