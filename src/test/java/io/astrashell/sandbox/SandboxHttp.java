package io.astrashell.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.astrashell.api.model.WireJson;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the sandbox tests: real requests over loopback, raw bodies kept for assertions. */
final class SandboxHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final URI endpoint;

	private final String token;

	SandboxHttp(URI endpoint, String token) {
		this.endpoint = endpoint;
		this.token = token;
	}

	SandboxHttp(LocalSandbox sandbox) {
		this(sandbox.endpoint(), sandbox.adminToken());
	}

	/** The same sandbox, another token (null: no Authorization header). */
	SandboxHttp as(String otherToken) {
		return new SandboxHttp(this.endpoint, otherToken);
	}

	/** The same sandbox with a raw Authorization header value. */
	Reply withHeader(String method, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	Reply get(String path) {
		return call("GET", path, null);
	}

	Reply delete(String path) {
		return call("DELETE", path, null);
	}

	Reply put(String path, String json) {
		return call("PUT", path, json);
	}

	Reply post(String path, String json) {
		return call("POST", path, json);
	}

	Reply call(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return send(request.build());
	}

	private static Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// ---- conveniences over the API

	/** The id of a role by name, through the roles list. */
	String roleId(String name) {
		for (JsonNode role : get("/v2/organizations/roles").expect(200).json()) {
			if (role.get("Name").asString().equals(name)) {
				return role.get("ID").asString();
			}
		}
		throw new AssertionError("no role named " + name);
	}

	/** Creates a token with these role ids; returns the create response. */
	JsonNode createToken(String... roleIds) {
		return post("/v2/clientIdSecrets", "{\"roles\":" + jsonArray(roleIds) + "}").expect(200).json();
	}

	/** The user of an email through the users list, or null. */
	JsonNode userByEmail(String email) {
		for (JsonNode user : get("/v2/organizations/users").expect(200).json().get("Users")) {
			if (user.get("Email").asString().equalsIgnoreCase(email)) {
				return user;
			}
		}
		return null;
	}

	static String jsonArray(String... values) {
		List<String> quoted = new ArrayList<>();
		for (String value : values) {
			quoted.add("\"" + value + "\"");
		}
		return "[" + String.join(",", quoted) + "]";
	}

	/** A response: status, headers and the raw body. */
	record Reply(int status, Map<String, List<String>> headers, String body) {

		Reply expect(int expected) {
			if (this.status != expected) {
				throw new AssertionError("expected HTTP " + expected + " but was " + this.status + ": " + this.body);
			}
			return this;
		}

		JsonNode json() {
			return WireJson.mapper().readTree(this.body);
		}

		String contentType() {
			Optional<String> value = this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
				.flatMap(e -> e.getValue().stream())
				.findFirst();
			return value.orElse(null);
		}

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

	}

}
