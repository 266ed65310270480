/**
 * The Astra DevOps API client: every organization endpoint of docs/wire.md over Spring's
 * {@link org.springframework.web.client.RestClient}, error bodies read in all their forms and
 * statuses mapped to typed {@link io.astrashell.api.ApiException}s. It never logs a token or a body.
 * {@link io.astrashell.api.DevOpsClient} is the generic part, typed GET/POST/PUT/DELETE with their
 * retries and redirects; the endpoints of each noun are a file of their own over it
 * ({@link io.astrashell.api.OrganizationApi}, {@link io.astrashell.api.UsersApi},
 * {@link io.astrashell.api.RolesApi}, {@link io.astrashell.api.TokensApi}), so a new noun is one new
 * file here. Each request runs on a thread of its own ({@link io.astrashell.api.Exchange},
 * {@link io.astrashell.api.Transport}) under a deadline and a size limit, through the proxy of the
 * environment ({@link io.astrashell.api.Proxies}); an interrupt of the caller ends it at once
 * ({@link io.astrashell.api.CallInterrupted}).
 */
package io.astrashell.api;
