package io.astrashell.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import io.astrashell.api.model.ApiErrors;
import io.astrashell.api.model.WireJson;

/** What the sandbox answers: a status, and a body (none for {@link #EMPTY_200} and {@link #EMPTY_204}). */
record SandboxResponse(int status, String contentType, byte[] body) {

	private static final String JSON = "application/json";

	private static final String TEXT = "text/plain; charset=utf-8";

	static final SandboxResponse EMPTY_200 = new SandboxResponse(200, null, null);

	static final SandboxResponse EMPTY_204 = new SandboxResponse(204, null, null);

	static SandboxResponse json(int status, Object body) {
		return new SandboxResponse(status, JSON, WireJson.mapper().writeValueAsBytes(body));
	}

	/** An error in the form of the endpoint's family. */
	static SandboxResponse error(SandboxRequest.ErrorForm form, int status, int errorId, String message) {
		return switch (form) {
			case STANDARD -> json(status, ApiErrors.of(errorId, message));
			case JSON_STRING -> json(status, message);
			case TEXT -> new SandboxResponse(status, TEXT, message.getBytes(StandardCharsets.UTF_8));
		};
	}

	void send(HttpExchange exchange, SandboxRequest request) throws IOException {
		if (request.allow != null) {
			exchange.getResponseHeaders().set("Allow", request.allow);
		}
		if (this.body == null || request.method.equals("HEAD")) {
			exchange.sendResponseHeaders(this.status, -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", this.contentType);
		exchange.sendResponseHeaders(this.status, this.body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(this.body);
		}
	}

}
