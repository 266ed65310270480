/**
 * Tab completion at the {@code astra>} prompt: command and option names with their descriptions,
 * and option and argument values by {@link io.astrashell.cli.ValueKind}, through one Spring Shell
 * {@link org.springframework.shell.core.command.completion.CompletionProvider} per command.
 */
package io.astrashell.completion;
