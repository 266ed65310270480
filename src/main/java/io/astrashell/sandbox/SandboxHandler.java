package io.astrashell.sandbox;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.astrashell.sandbox.SandboxRequest.ErrorForm;

/**
 * The endpoints of the DevOps API over the sandbox state: asks each {@link SandboxResource} in turn
 * whether the request's path is one of its own, and turns what fails into an error of the endpoint's
 * form (a path no resource answers is a 404 of the standard form). A resource reads the body, and then
 * authenticates ({@link SandboxAuth}), authorises and carries out the request in one store operation,
 * so that it sees (and changes) the state exactly as it is on disk at that moment.
 */
final class SandboxHandler implements HttpHandler {

	private final SandboxStore store;

	private final SandboxResources resources;

	private final AtomicLong requests = new AtomicLong();

	private final SandboxFaults faults;

	private final AtomicInteger inFlight = new AtomicInteger();

	SandboxHandler(SandboxStore store, SandboxResources resources) {
		this(store, resources, SandboxFaults.NONE);
	}

	SandboxHandler(SandboxStore store, SandboxResources resources, SandboxFaults faults) {
		this.store = store;
		this.resources = resources;
		this.faults = faults;
	}

	long requests() {
		return requests.get();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		requests.incrementAndGet();
		int now = inFlight.incrementAndGet();
		try {
			handle(exchange, faults.maxInFlight() > 0 && now > faults.maxInFlight());
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	private void handle(HttpExchange exchange, boolean throttled) throws IOException {
		SandboxRequest request = new SandboxRequest(exchange);
		if (!faults.latency().isZero()) {
			try {
				Thread.sleep(faults.latency().toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				exchange.close();
				return;
			}
		}
		SandboxResponse response;
		if (throttled) {
			// as a gateway throttles: before routing, in the standard form, naming when to come back
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfter()));
			response = SandboxResponse.error(ErrorForm.STANDARD, 429, SandboxException.TOO_MANY_REQUESTS,
					"too many requests: at most " + faults.maxInFlight() + " at once");
			try {
				response.send(exchange, request);
			}
			finally {
				exchange.close();
			}
			return;
		}
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
		for (SandboxResource<?> resource : this.resources.all()) {
			SandboxResponse response = resource.answer(r, this.store);
			if (response != null) {
				return response;
			}
		}
		r.errorForm = ErrorForm.STANDARD;
		throw SandboxException.notFound("not found: " + r.exchange.getRequestURI().getPath());
	}

}
