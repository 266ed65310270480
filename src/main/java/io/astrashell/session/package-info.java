/**
 * Who the shell talks to and as whom: environments and their URLs, the profiles of
 * {@code ~/.astrarc}, token checks and masking, the astra home ({@code ~/.astra}), and the
 * {@link io.astrashell.session.Session} that resolves each command's connection (token,
 * environment, profile) and keeps it for the prompt. {@code Session} is a facade over three parts:
 * {@code ConnectionResolver} (options, environment variables and profiles file to a connection, with
 * its error messages), {@code SessionState} (defaults, current connection, API clients) and
 * {@code EmbeddedSandbox} (the in-process sandbox of {@code --env local}, started on first use).
 */
package io.astrashell.session;
