/**
 * The Astra DevOps API client: every organization endpoint of WIRE.md over Spring's
 * {@link org.springframework.web.client.RestClient}, error bodies read in all their forms and
 * statuses mapped to typed {@link io.astrashell.api.ApiException}s. It never logs a token or a body.
 */
package io.astrashell.api;
