/**
 * What the commands ask of the organization: the current organization, users, roles and tokens,
 * with names resolved client side (roles by name, users by email), nearest-name suggestions, and
 * every failure (an {@link io.astrashell.api.ApiException} included) a one-line
 * {@link io.astrashell.service.AstraError} of a domain kind. The services know no exit code:
 * the shell's edge ({@code shell.Dispatcher}) maps each kind to one.
 */
package io.astrashell.service;

import io.astrashell.error.AstraError;
