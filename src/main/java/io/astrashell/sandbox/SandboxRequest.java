package io.astrashell.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import io.astrashell.api.model.WireJson;
import tools.jackson.core.JacksonException;

/**
 * One request to the sandbox: its method, its path cut into segments, the form its errors take, and
 * the methods allowed (for the {@code Allow} header of a 405).
 */
final class SandboxRequest {

	private static final int MAX_BODY_BYTES = 1 << 20;

	/** How an endpoint writes its errors (docs/wire.md, "The three error-body forms"). */
	enum ErrorForm {

		/** {@code {"errors":[{"ID":340012,"message":"..."}]}}: users, current org, token list and delete. */
		STANDARD,

		/** A bare JSON string, {@code "role not found"}: the role endpoints. */
		JSON_STRING,

		/** {@code text/plain}: token create. */
		TEXT

	}

	/** A request body, parsed before the store is locked; a bad body is reported after authentication. */
	record Body<T>(T value, String problem) {

		T get() {
			if (this.problem != null) {
				throw SandboxException.badRequest(this.problem);
			}
			return this.value;
		}

	}

	final HttpExchange exchange;

	final String method;

	final List<String> path;

	ErrorForm errorForm = ErrorForm.STANDARD;

	String allow;

	SandboxRequest(HttpExchange exchange) {
		this.exchange = exchange;
		this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String rawPath = exchange.getRequestURI().getPath();
		this.path = rawPath == null ? List.of()
				: Arrays.stream(rawPath.split("/")).filter(segment -> !segment.isEmpty()).toList();
	}

	/**
	 * Whether the path is exactly these segments, {@code "*"} standing for any one segment:
	 * {@code matches("v2", "databases", "*")}.
	 */
	boolean matches(String... pattern) {
		if (this.path.size() != pattern.length) {
			return false;
		}
		for (int i = 0; i < pattern.length; i++) {
			if (!pattern[i].equals("*") && !pattern[i].equals(this.path.get(i))) {
				return false;
			}
		}
		return true;
	}

	/** The path's segment at {@code index} (0 is {@code v2}). */
	String segment(int index) {
		return this.path.get(index);
	}

	/** 405 unless the method is one of these. */
	void allow(String... methods) {
		if (!List.of(methods).contains(this.method)) {
			this.allow = String.join(", ", methods);
			throw new SandboxException(405, SandboxException.METHOD_NOT_ALLOWED,
					"method " + this.method + " not allowed (allowed: " + this.allow + ")");
		}
	}

	/** The value of the {@code Authorization} header, or null. */
	String authorization() {
		return this.exchange.getRequestHeaders().getFirst("Authorization");
	}

	<T> Body<T> body(Class<T> type) throws IOException {
		byte[] bytes;
		try (InputStream in = this.exchange.getRequestBody()) {
			bytes = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (bytes.length > MAX_BODY_BYTES) {
			return new Body<>(null, "request body too large");
		}
		if (bytes.length == 0) {
			return new Body<>(null, "request body is required");
		}
		try {
			T value = WireJson.mapper().readValue(bytes, type);
			return value == null ? new Body<>(null, "request body is required") : new Body<>(value, null);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			return new Body<>(null, "invalid request body: " + firstLine(ex.getMessage()));
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "malformed JSON";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
