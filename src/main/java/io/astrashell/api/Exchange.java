package io.astrashell.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;

import javax.net.ssl.SSLSocketFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One request of a {@link DevOpsClient} and its answer, nothing more: no retry, no redirect (the
 * client's call loop decides those from the {@link Answer}). The request runs on a thread of its own
 * ({@link Transport.InFlight}) under {@code astra.http.deadline}; the answer is read within
 * {@code astra.http.max-response-size} (an error body within 64 KiB, for its message only). Every
 * failure to get a whole HTTP answer becomes a typed {@link ApiException} or {@link CallInterrupted},
 * logged under {@code -v} by method, URL (password masked), status and time: never a header or a body.
 */
final class Exchange {

	/** The base URL as shown in messages and {@code -v} lines: any password masked. */
	private final String shownUrl;

	private final HttpSettings settings;

	private final Transport transport;

	private final RestClient rest;

	private final Trace trace;

	Exchange(URI baseUrl, String shownUrl, String token, HttpSettings settings, Trace trace, Proxies proxies,
			SSLSocketFactory tls) {
		this.shownUrl = shownUrl;
		this.settings = settings;
		this.trace = trace;
		this.transport = new Transport(settings, proxies.route(baseUrl), tls, proxies.refused());
		if (transport.route().proxy() != null) {
			trace.log(() -> "connections to " + shownUrl + ": " + (transport.route().isProxied()
					? "through the proxy " + transport.route() : transport.route()));
		}
		this.rest = RestClient.builder()
			.requestFactory(transport)
			.messageConverters(List.of(new ByteArrayHttpMessageConverter(),
					new StringHttpMessageConverter(StandardCharsets.UTF_8)))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.defaultHeader(HttpHeaders.USER_AGENT, "astra-shell")
			.build();
	}

	Transport transport() {
		return transport;
	}

	/** The status, the heads the call loop reads, and the body (empty for a redirect). */
	record Answer(int status, String contentType, String retryAfter, String location, Body body) {

		boolean isSuccess() {
			return status >= 200 && status < 300;
		}

		boolean isRedirect() {
			return status >= 300 && status < 400 && status != 304;
		}

	}

	/** Error bodies are read for their message only: this much of one is enough. */
	private static final long MAX_ERROR_BODY = 64 * 1024;

	/**
	 * One request and its answer, run on its own thread ({@link Transport.InFlight}) so that this
	 * thread stops waiting at once when interrupted, or when {@code astra.http.deadline} passes: the
	 * connection is then closed.
	 */
	Answer exchange(HttpMethod method, String path, URI uri, byte[] requestBody) {
		if (Thread.currentThread().isInterrupted()) {
			throw new CallInterrupted(method.name(), path);
		}
		if (transport.credentialsRefused()) {
			trace.log(() -> method + " " + shownUrl + path + " -> not sent: the proxy refused its credentials before");
			throw new ApiException.Unreachable(method.name(), path, shownUrl, ApiException.Unreachable.Kind.PROXY_AUTH,
					Failure.refusedBefore(transport.route()), null);
		}
		long start = System.nanoTime();
		Transport.InFlight inFlight = new Transport.InFlight(() -> send(method, path, uri, requestBody),
				requestBody != null);
		inFlight.start();
		// a deadline of more than 3 years is taken as 3 years, which keeps the sum below the overflow
		long deadline = start + Math.min(settings.deadline().toMillis(), 100L * 1000 * 1000 * 1000) * 1_000_000;
		try {
			long left;
			while (inFlight.isAlive() && (left = deadline - System.nanoTime()) > 0) {
				inFlight.join(Math.max(1, left / 1_000_000));
			}
		}
		catch (InterruptedException e) {
			inFlight.abort();
			Thread.currentThread().interrupt();
			trace.log(() -> method + " " + shownUrl + path + " -> interrupted: the connection was closed");
			throw new CallInterrupted(method.name(), path);
		}
		if (inFlight.isAlive()) {
			inFlight.abort();
			trace.log(() -> method + " " + shownUrl + path + " -> no complete answer within "
					+ settings.deadline().toMillis() + " ms: the connection was closed");
			throw new ApiException.Incomplete(method.name(), path, shownUrl, settings.deadline());
		}
		Throwable failure = inFlight.failure();
		if (failure == null) {
			Answer answer = (Answer) inFlight.result();
			trace.log(() -> method + " " + Urls.masked(uri.toString()) + " -> " + answer.status + " ("
					+ (System.nanoTime() - start) / 1_000_000 + " ms, " + answer.body.size() + " bytes)");
			return answer;
		}
		if (failure instanceof ResourceAccessException e) {
			if (transport.x25519Refused(e.getMostSpecificCause())) {
				// nothing reached the server (the handshake failed first): safe to send again, POST included
				trace.log(() -> method + " " + shownUrl + path + " -> the server does not offer x25519: "
						+ "again with the JDK's default key exchange groups");
				return exchange(method, path, uri, requestBody);
			}
			trace.log(() -> method + " " + shownUrl + path + " -> no answer: " + e.getMostSpecificCause());
			throw unreachable(method, path, e.getMostSpecificCause(), e);
		}
		if (failure instanceof ApiException || failure instanceof CancellationException) {
			throw (RuntimeException) failure;
		}
		if (failure instanceof RuntimeException e) {
			// anything else the HTTP stack threw while reading the answer: a broken answer, not a bug to show
			throw broken(method, path, "the server's answer could not be read as HTTP", e);
		}
		if (failure instanceof Error e) {
			throw e;
		}
		throw new IllegalStateException(failure);
	}

	/** On the request's own thread: sends the request and reads the answer within the size limit. */
	private Answer send(HttpMethod method, String path, URI uri, byte[] requestBody) {
		RestClient.RequestBodySpec spec = rest.method(method).uri(uri);
		if (requestBody != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(requestBody);
		}
		return spec.exchange((request, response) -> {
			Transport.InFlight inFlight = Transport.InFlight.current();
			int status = 0;
			try {
				status = AnswerHeads.status(response);
				HttpHeaders headers = response.getHeaders();
				MediaType type = AnswerHeads.contentType(headers);
				long announced = AnswerHeads.contentLength(headers);
				boolean success = status >= 200 && status < 300;
				long limit = success ? settings.maxResponseSize() : Math.min(MAX_ERROR_BODY, settings.maxResponseSize());
				if (success && announced > limit) {
					throw new ApiException.TooLarge(status, method.name(), path, settings.maxResponseSize(), false);
				}
				Body body;
				if (status >= 300 && status < 400) {
					body = Body.EMPTY; // a redirect's page is not read
				}
				else {
					try (InputStream in = response.getBody()) {
						body = Body.read(in, announced, limit, !success, inFlight::checkNotAborted);
					}
				}
				if (body.isCut() || body == Body.EMPTY) {
					disconnect(inFlight);
				}
				return new Answer(status, type == null ? null : type.toString(), headers.getFirst(HttpHeaders.RETRY_AFTER),
						headers.getFirst(HttpHeaders.LOCATION), body);
			}
			catch (Body.LimitExceeded e) {
				disconnect(inFlight);
				throw new ApiException.TooLarge(status, method.name(), path, settings.maxResponseSize(), false);
			}
			catch (AnswerHeads.NotHttp e) {
				disconnect(inFlight);
				throw broken(method, path, "the server's answer is not HTTP (" + e.getMessage() + ")", e);
			}
			catch (Body.Truncated e) {
				disconnect(inFlight);
				throw broken(method, path, "the server closed the connection before the end of its answer (" + e.read
						+ " of " + e.announced + " bytes)", e);
			}
			catch (OutOfMemoryError e) {
				disconnect(inFlight);
				throw new ApiException.TooLarge(status, method.name(), path, -1, true);
			}
			catch (IOException | RuntimeException e) {
				disconnect(inFlight);
				throw e;
			}
		}, false);
	}

	/** Closes the request's connection rather than let anyone drain what is left of the answer. */
	private static void disconnect(Transport.InFlight inFlight) {
		if (inFlight != null && inFlight.connection != null) {
			inFlight.connection.disconnect();
		}
	}

	/** An answer that is not HTTP, or not whole: one plain sentence, the connection closed. */
	private ApiException broken(HttpMethod method, String path, String what, Throwable cause) {
		trace.log(() -> method + " " + shownUrl + path + " -> " + what);
		return new ApiException.Unreachable(method.name(), path, shownUrl, ApiException.Unreachable.Kind.OTHER, what,
				cause);
	}

	private ApiException unreachable(HttpMethod method, String path, Throwable cause, Throwable whole) {
		Failure f = Failure.describe(cause, whole, transport.route(), settings);
		if (f.kind() == ApiException.Unreachable.Kind.PROXY_AUTH) {
			transport.refuseCredentials();
		}
		return new ApiException.Unreachable(method.name(), path, shownUrl, f.kind(), f.what(), whole);
	}

}
