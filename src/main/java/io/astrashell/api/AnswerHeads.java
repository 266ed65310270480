package io.astrashell.api;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The head of an answer as the JDK read it, read so that a broken one is said in plain words rather
 * than thrown as Spring's {@code IllegalArgumentException} ({@code Status code '-1' should be a
 * three-digit positive integer}): a status line that does not parse is {@link NotHttp}; a
 * {@code Content-Type} or {@code Content-Length} that does not parse is taken as absent.
 */
final class AnswerHeads {

	private AnswerHeads() {
	}

	/** The answer's status line could not be read (the JDK makes it -1), or its code is not three digits. */
	static final class NotHttp extends IOException {

		NotHttp(Throwable cause) {
			super("its status line could not be read", cause);
		}

	}

	static int status(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode().value();
		}
		catch (IllegalArgumentException e) {
			throw new NotHttp(e);
		}
	}

	/** The media type, or null; one that does not parse is none (it only helps read an error body). */
	static MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** The announced length, or -1 when none is given or it is not a number. */
	static long contentLength(HttpHeaders headers) {
		try {
			return headers.getContentLength();
		}
		catch (IllegalArgumentException e) {
			return -1;
		}
	}

}
