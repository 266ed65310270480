/**
 * The one error vocabulary of the shell: {@link io.astrashell.error.AstraError}, a kind of failure in
 * the domain's terms and a one-line message, thrown by every layer above the wire (the parser, the
 * session, the services, the organization file, the commands), and
 * {@link io.astrashell.error.ExitCode}, whose {@code of(kind)} is the one place a kind becomes an exit
 * code. This package depends on the JDK alone.
 */
package io.astrashell.error;
