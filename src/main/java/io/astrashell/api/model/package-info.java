/**
 * Wire models of the Astra DevOps API: the JSON objects the service sends and takes, as docs/wire.md
 * describes them. Users and roles carry PascalCase keys on the wire, policies and tokens camelCase;
 * {@link io.astrashell.api.model.WireJson} decodes keys case-insensitively so the live form and the
 * OpenAPI form both read. This is the only package the client and the local sandbox share.
 */
package io.astrashell.api.model;
