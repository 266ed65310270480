package io.astrashell;

import java.util.Map;

import io.astrashell.api.model.WireJson;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A server whose values hold escape sequences (a window title, a screen clear, a clipboard write),
 * C1 controls and bidirectional overrides: the listings Tab completion fetches (roles, users,
 * tokens), answered whatever the token. The sandbox refuses such values; a server need not.
 */
public final class HostileServer {

	public static final String TITLE = "\u001B]0;pwned\u0007";

	public static final String CLEAR = "\u001B[2J";

	public static final String CLIPBOARD = "\u001B]52;c;cHduZWQ=\u0007";

	public static final String RLO = "\u202E";

	/** A token of the right shape, for a profile or {@code --token} on this server. */
	public static final String TOKEN = "AstraCS:ABCDEFGHIJKLMNOPQRSTUVWX:" + "0".repeat(64);

	/**
	 * Roles: {@code r1} named with a title change, {@code RO User} ({@code r2}), and one whose id and
	 * name are both unsafe; users: {@code u1} with an email that clears the screen, {@code ok@b.co};
	 * tokens: {@code CID} described with a clipboard write, and one whose client id is unsafe.
	 */
	public static final Map<String, String> ANSWERS = Map.of("/v2/organizations/roles",
			"[{\"ID\":\"r1\",\"Name\":\"Evil" + json(TITLE) + "\"},{\"ID\":\"r2\",\"Name\":\"RO User\"},"
					+ "{\"ID\":\"r3" + json(CLEAR) + "\",\"Name\":\"Bad" + json(RLO) + "name\"}]",
			"/v2/organizations/users",
			"{\"Users\":[{\"UserID\":\"u1\",\"Email\":\"eve" + json(CLEAR) + "@b.co\",\"Status\":\"active\u009b31m\","
					+ "\"Roles\":[{\"ID\":\"r1\",\"Name\":\"Evil" + json(TITLE) + "\"}]},"
					+ "{\"UserID\":\"u2\",\"Email\":\"ok@b.co\",\"Status\":\"invited\",\"Roles\":[]}]}",
			"/v2/clientIdSecrets",
			"{\"clients\":[{\"clientId\":\"CID\",\"roles\":[\"r1\"],\"generatedOn\":\"2026-01-02T00:00:00Z\","
					+ "\"description\":\"nightly" + json(CLIPBOARD + RLO) + "\"},{\"clientId\":\"X" + json(CLEAR)
					+ "\",\"roles\":[],\"description\":\"x\"}]}");

	private HostileServer() {
	}

	/** A Java string as the content of a JSON string (controls as {@code \\u} escapes). */
	public static String json(String s) {
		String quoted = WireJson.mapper().writeValueAsString(s);
		return quoted.substring(1, quoted.length() - 1);
	}

	/** Makes {@code server} answer the listings with {@link #ANSWERS}, anything else 404. */
	public static void serve(MockWebServer server) {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String body = ANSWERS.get(request.getTarget());
				return body == null ? new MockResponse.Builder().code(404).body("\"no\"").build()
						: new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
			}
		});
	}

	/**
	 * Whether {@code text} holds what these values would drive or disguise a terminal with: an OSC
	 * (ESC ], a title or a clipboard write), a screen clear, a C1 CSI or OSC, a right-to-left
	 * override. (A BEL alone is a terminal's own beep.)
	 */
	public static boolean drivesTheTerminal(String text) {
		return text.contains("\u001B]") || text.contains("\u001B[2J") || text.contains(RLO) || text.contains("\u009B")
				|| text.contains("\u009D");
	}

}
