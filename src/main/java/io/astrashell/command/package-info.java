/**
 * The commands, one class per noun. Each stays thin: read the invocation, call a service, describe
 * the result as an {@link io.astrashell.output.Output}.
 */
package io.astrashell.command;
