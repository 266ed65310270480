package io.astrashell.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.astrashell.api.model.WireJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads what the service said from an error body, whatever its form: the standard
 * {@code {"errors":[{"ID":..,"message":..}]}}, a bare JSON string (role endpoints), {@code text/plain}
 * (token create), an HTML page from a proxy, or nothing at all.
 */
final class ErrorBodies {

	private static final int MAX_TEXT = 300;

	private ErrorBodies() {
	}

	/** The message in {@code body}, or null when there is none worth showing. */
	static String message(String contentType, byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return null;
		}
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (type.contains("html") || text.startsWith("<")) {
			return "the server answered with an HTML page instead of the API's JSON (a proxy or gateway in the way?)";
		}
		if (text.startsWith("{") || text.startsWith("\"") || text.startsWith("[")) {
			try {
				JsonNode node = WireJson.mapper().readTree(text);
				String fromJson = fromJson(node);
				if (fromJson != null) {
					return shorten(fromJson);
				}
			}
			catch (JacksonException e) {
				// not JSON after all: fall through to plain text
			}
		}
		return shorten(text);
	}

	private static String fromJson(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		if (node.isObject()) {
			JsonNode errors = field(node, "errors");
			if (errors != null && errors.isArray()) {
				List<String> messages = new ArrayList<>();
				for (JsonNode e : errors) {
					JsonNode m = e.isObject() ? field(e, "message") : e;
					if (m != null && !m.isNull()) {
						messages.add(m.asString());
					}
				}
				return messages.isEmpty() ? null : String.join("; ", messages);
			}
			JsonNode message = field(node, "message");
			if (message != null && message.isString()) {
				return message.asString();
			}
			JsonNode error = field(node, "error");
			if (error != null && error.isString()) {
				return error.asString();
			}
		}
		return null;
	}

	private static JsonNode field(JsonNode object, String name) {
		for (Map.Entry<String, JsonNode> e : object.properties()) {
			if (e.getKey().equalsIgnoreCase(name)) {
				return e.getValue();
			}
		}
		return null;
	}

	private static String shorten(String s) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
			char c = s.charAt(i);
			b.append(c < 0x20 || c == 0x7f ? ' ' : c);
		}
		String out = b.toString().replaceAll("\\s+", " ").strip();
		return s.length() > MAX_TEXT ? out + "…" : out;
	}

}
