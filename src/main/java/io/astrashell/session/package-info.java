/**
 * Who the shell talks to and as whom: environments and their URLs, the profiles of
 * {@code ~/.astrarc}, token checks and masking, the astra home ({@code ~/.astra}), and the
 * {@link io.astrashell.session.Session} that resolves each command's connection (token,
 * environment, profile) and keeps it for the prompt.
 */
package io.astrashell.session;
