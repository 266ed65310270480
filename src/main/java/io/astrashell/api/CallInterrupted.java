package io.astrashell.api;

import java.util.concurrent.CancellationException;

/**
 * A call given up because its thread was interrupted (Ctrl-C at the prompt cancels the command's
 * thread): the request in flight, if any, had its connection closed, and no retry was started. The
 * thread's interrupt flag is left set. It is a {@link CancellationException}, not an
 * {@link ApiException}: nothing failed, so nothing should report it as a failure of the API.
 */
public final class CallInterrupted extends CancellationException {

	public CallInterrupted(String method, String path) {
		super(method + " " + path + ": interrupted");
	}

}
