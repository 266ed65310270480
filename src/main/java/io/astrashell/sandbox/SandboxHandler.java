package io.astrashell.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.astrashell.sandbox.SandboxRequest.ErrorForm;

/**
 * The organization endpoints of the DevOps API over the sandbox state: routes each request to the
 * handler of its resource ({@link OrgHandler}, {@link UsersHandler}, {@link RolesHandler},
 * {@link TokensHandler}) and turns what fails into an error of the endpoint's form. A handler reads the
 * body, and then authenticates ({@link SandboxAuth}), authorises and carries out the request in one
 * store operation, so that it sees (and changes) the state exactly as it is on disk at that moment.
 */
final class SandboxHandler implements HttpHandler {

	private final OrgHandler org;

	private final UsersHandler users;

	private final RolesHandler roles;

	private final TokensHandler tokens;

	private final AtomicLong requests = new AtomicLong();

	SandboxHandler(SandboxStore store) {
		this.org = new OrgHandler(store);
		this.users = new UsersHandler(store);
		this.roles = new RolesHandler(store);
		this.tokens = new TokensHandler(store);
	}

	long requests() {
		return requests.get();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		requests.incrementAndGet();
		SandboxRequest request = new SandboxRequest(exchange);
		SandboxResponse response;
		try {
			response = route(request);
		}
		catch (SandboxException ex) {
			response = SandboxResponse.error(request.errorForm, ex.status(), ex.errorId(), ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			response = SandboxResponse.error(request.errorForm, 500, SandboxException.INTERNAL,
					"sandbox error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
		}
		try {
			response.send(exchange, request);
		}
		finally {
			exchange.close();
		}
	}

	private SandboxResponse route(SandboxRequest r) throws IOException {
		List<String> p = r.path;
		if (p.size() >= 2 && p.get(0).equals("v2")) {
			switch (p.get(1)) {
				case "currentOrg" -> {
					if (p.size() == 2) {
						r.allow("GET");
						return org.currentOrg(r);
					}
				}
				case "organizations" -> {
					if (p.size() >= 3 && p.get(2).equals("users")) {
						return routeUsers(r, p);
					}
					if (p.size() >= 3 && p.get(2).equals("roles") && p.size() <= 4) {
						return routeRoles(r, p);
					}
				}
				case "clientIdSecrets" -> {
					if (p.size() == 2) {
						if (r.method.equals("POST")) {
							r.errorForm = ErrorForm.TEXT;
						}
						r.allow("GET", "POST");
						return r.method.equals("GET") ? tokens.list(r) : tokens.create(r);
					}
					if (p.size() == 3) {
						r.allow("DELETE");
						return tokens.delete(r, p.get(2));
					}
				}
				default -> {
					// not an organization endpoint
				}
			}
		}
		throw notFound(r);
	}

	private SandboxResponse routeUsers(SandboxRequest r, List<String> p) throws IOException {
		if (p.size() == 3) {
			r.allow("GET", "PUT");
			return r.method.equals("GET") ? users.list(r) : users.invite(r);
		}
		if (p.size() == 4) {
			r.allow("GET", "DELETE");
			return r.method.equals("GET") ? users.get(r, p.get(3)) : users.delete(r, p.get(3));
		}
		if (p.size() == 5 && p.get(4).equals("roles")) {
			r.allow("PUT");
			return users.setRoles(r, p.get(3));
		}
		throw notFound(r);
	}

	private SandboxResponse routeRoles(SandboxRequest r, List<String> p) throws IOException {
		r.errorForm = ErrorForm.JSON_STRING;
		if (p.size() == 3) {
			r.allow("GET", "POST");
			return r.method.equals("GET") ? roles.list(r) : roles.create(r);
		}
		r.allow("GET", "PUT", "DELETE");
		return switch (r.method) {
			case "GET" -> roles.get(r, p.get(3));
			case "PUT" -> roles.update(r, p.get(3));
			default -> roles.delete(r, p.get(3));
		};
	}

	private static SandboxException notFound(SandboxRequest r) {
		r.errorForm = ErrorForm.STANDARD;
		return SandboxException.notFound("not found: " + r.exchange.getRequestURI().getPath());
	}

}
