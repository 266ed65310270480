/**
 * What the commands ask of the organization: the current organization, users, roles and tokens,
 * with names resolved client side (roles by name, users by email), nearest-name suggestions, and
 * every {@link io.astrashell.api.ApiException} turned into a one-line
 * {@link io.astrashell.cli.CliException} with its exit code.
 */
package io.astrashell.service;
