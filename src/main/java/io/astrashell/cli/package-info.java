/**
 * The command engine: how a line of input becomes a command run and an exit code. It tokenizes
 * (shell quoting), parses options the way the original Astra CLI spells them ({@code -cf},
 * {@code -conf}, repeated {@code -r}, {@code --}), runs one-shot invocations and the {@code astra>}
 * prompt through the same path, and maps every failure to a documented {@link io.astrashell.cli.ExitCode}.
 * Commands are Spring Shell {@link org.springframework.shell.core.command.Command}s registered in a
 * {@link org.springframework.shell.core.command.CommandRegistry}.
 */
package io.astrashell.cli;

import io.astrashell.error.ExitCode;
