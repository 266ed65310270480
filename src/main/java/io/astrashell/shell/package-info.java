/**
 * The shell itself: the one-shot runner and the {@code astra>} prompt, which both hand each line to
 * the same {@link io.astrashell.shell.Dispatcher}; the console streams; the history file (kept in
 * the astra home, secrets redacted); logging for {@code -v}.
 */
package io.astrashell.shell;
