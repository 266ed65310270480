/**
 * Output rendering: what a command returns ({@link io.astrashell.output.Output}) printed as the
 * original CLI's human tables and {@code [OK]} lines, as one JSON document, or as RFC 4180 CSV.
 * Data goes to standard output; human-mode errors and notices go to standard error.
 */
package io.astrashell.output;
