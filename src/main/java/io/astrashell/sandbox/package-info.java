/**
 * The local sandbox: a faithful fake of the organization endpoints of the Astra DevOps API, served over
 * real HTTP on 127.0.0.1 by the JDK's {@code com.sun.net.httpserver.HttpServer}, with its state on disk.
 * It sends exactly the live form that docs/wire.md describes. The only public type is
 * {@link io.astrashell.sandbox.LocalSandbox}; the package shares no code with the rest of the application
 * except the wire models of {@code io.astrashell.api.model}.
 *
 * <h2>Endpoints (all under {@code /v2})</h2>
 * <table>
 * <caption>Endpoints, guarding action and success</caption>
 * <tr><th>method and path</th><th>action required</th><th>success</th></tr>
 * <tr><td>GET /currentOrg</td><td>org-read</td><td>200 {@code {"id"}}</td></tr>
 * <tr><td>GET /organizations/users</td><td>org-user-read</td><td>200 {@code {"OrgID","OrgName","Users"}}</td></tr>
 * <tr><td>PUT /organizations/users</td><td>org-user-write</td><td>200, no body</td></tr>
 * <tr><td>GET /organizations/users/{userID}</td><td>org-user-read</td><td>200 user</td></tr>
 * <tr><td>DELETE /organizations/users/{userID}</td><td>org-user-write</td><td>204</td></tr>
 * <tr><td>PUT /organizations/users/{userID}/roles</td><td>org-user-write</td><td>204</td></tr>
 * <tr><td>GET /organizations/roles</td><td>org-role-read</td><td>200 bare array of roles</td></tr>
 * <tr><td>GET /organizations/roles/{roleID}</td><td>org-role-read</td><td>200 role</td></tr>
 * <tr><td>POST /organizations/roles</td><td>org-role-write</td><td>201 role with OrgID and LastUpdate*</td></tr>
 * <tr><td>PUT /organizations/roles/{roleID}</td><td>org-role-write</td><td>200, no body</td></tr>
 * <tr><td>DELETE /organizations/roles/{roleID}</td><td>org-role-delete</td><td>204</td></tr>
 * <tr><td>GET /clientIdSecrets</td><td>org-token-read</td><td>200 {@code {"clients"}}</td></tr>
 * <tr><td>POST /clientIdSecrets</td><td>org-token-write</td><td>200 one token-create object</td></tr>
 * <tr><td>DELETE /clientIdSecrets/{clientId}</td><td>org-token-write</td><td>200, no body</td></tr>
 * </table>
 * A request is checked in this order: path (404) and method (405, with an {@code Allow} header), token
 * (401), permission (403), then the body and the ids it names (400, 404, 409). Only actions are checked;
 * the resources of a policy are not. Request bodies are read case-insensitively; users and roles are
 * written with PascalCase keys, policies and tokens camelCase. Role, user and token lists keep creation
 * order (the built-in roles first, in {@link io.astrashell.api.model.BuiltInRoles#NAMES} order).
 *
 * <h2>Error forms</h2>
 * Every error of an endpoint, 401 and 403 included, takes the form of its family:
 * <ul>
 * <li>users, current org, token list and token delete, unknown paths and 405s outside the role paths:
 * {@code application/json} {@code {"errors":[{"ID":<int>,"message":"..."}]}};</li>
 * <li>role endpoints (any method on {@code /organizations/roles[/{id}]}): {@code application/json}, a bare
 * JSON string such as {@code "role not found"};</li>
 * <li>token create ({@code POST /clientIdSecrets}): {@code text/plain; charset=utf-8}, such as
 * {@code invalid role id: 123}.</li>
 * </ul>
 * The {@code ID}s of the standard form: 340012 missing token ({@code missing token}) or malformed token
 * ({@code invalid token format}); 340013 unknown or revoked token ({@code invalid token: unknown or
 * revoked}); 340014 expired token ({@code token expired}); 340015 permission denied ({@code permission
 * denied: the token's roles do not grant <action>}); 340016 not found ({@code user not found: <id>},
 * {@code token not found: <clientId>}, {@code not found: <path>}); 340017 bad request; 340018 conflict;
 * 340019 method not allowed; 340020 sandbox failure (500, such as an unreadable state file); 340021 too
 * many requests (429 with {@code Retry-After}, only when served with {@code --max-in-flight N}:
 * {@code too many requests: at most <N> at once}). Messages of
 * validation: {@code invalid email address: '<email>'} (not an address by the client's own rule,
 * {@link io.astrashell.api.model.EmailAddress}), {@code orgID <id> is not the organization of the
 * token}, {@code at least one role is required}, {@code invalid role id: <id>}, {@code user <email> is
 * already a member of the organization} (409), {@code role name is required}, {@code policy is required},
 * {@code at least one action is required}, {@code invalid action: <action>}, {@code invalid effect: <e>
 * (only allow is supported)}, {@code invalid resource: <r>}, {@code role name already exists: <name>}
 * (409), {@code built-in roles cannot be updated: <name>}, {@code built-in roles cannot be deleted:
 * <name>}, {@code invalid org id: <id>}, {@code invalid token expiry: <text> (...)}, {@code request body is
 * required}, {@code invalid request body: <detail>}.
 *
 * <h2>Tokens</h2>
 * A token is {@code AstraCS:} + client id (24 random ASCII letters) + {@code :} + hex(SHA-256(secret));
 * secrets are 128 random characters of {@code [A-Za-z0-9.,+_-]}, returned once by token create and never
 * stored: the state keeps the hex hash of each client. A token whose {@code tokenExpiry} has passed is
 * refused with 401 (an expiry in the past is accepted at creation). Timestamps are RFC 3339 UTC with
 * milliseconds ({@code 2025-06-17T02:26:29.846Z}). {@code description} defaults to the empty string.
 *
 * <h2>Seed</h2>
 * On first use (and after a reset) the sandbox creates one organization (random UUID, named
 * {@code Sandbox Org}); the 16 built-in roles with random UUIDs, each with the policy {@code description}
 * = its name, {@code effect} = {@code allow} and {@code resources} = {@code drn:astra:org:__ORG_ID__},
 * {@code drn:astra:org:__ORG_ID__:db:*}, {@code drn:astra:org:__ORG_ID__:db:*:keyspace:*} and
 * {@code drn:astra:org:__ORG_ID__:db:*:keyspace:*:table:*} (Billing Admin: the organization only); the
 * active user {@code admin@sandbox.local} with Organization Administrator; and a token with Organization
 * Administrator described {@code sandbox admin token}, the one {@code adminToken()} returns. The action
 * lists of the built-in roles (the service does not publish them) are this sandbox's choice, each in the
 * order of {@link io.astrashell.api.model.PolicyActions#ALL}:
 * <ul>
 * <li><b>Organization Administrator</b>: every action of {@code PolicyActions.ALL}.</li>
 * <li><b>Database Administrator</b>: org-read, org-db-view, org-db-create, org-db-expand, org-db-suspend,
 * org-db-terminate, org-db-addpeering, org-db-passwordreset, org-db-managemigratorproxy, accesslist-read,
 * accesslist-write, db-manage-privateendpoint, db-manage-region, db-manage-thirdpartymetrics,
 * db-data-import, db-cql, db-graphql, db-rest, and every db-all-keyspace-*, db-keyspace-* and db-table-*
 * action.</li>
 * <li><b>Billing Admin</b>: org-read, org-billing-read, org-billing-write.</li>
 * <li><b>UI View Only</b>: org-read, org-db-view, org-audits-read, org-billing-read, org-external-auth-read,
 * org-user-read, org-role-read, org-token-read, accesslist-read, org-cmk-read, org-integrations-read.</li>
 * <li><b>Admin User</b>, <b>Admin Svc Acct</b>: org-read, org-db-view, db-cql, db-graphql, db-rest, and every
 * db-all-keyspace-*, db-keyspace-* and db-table-* action.</li>
 * <li><b>R/W User</b>, <b>R/W Svc Acct</b>: org-read, org-db-view, db-cql, db-graphql, db-rest,
 * db-all-keyspace-describe, db-keyspace-describe, db-keyspace-modify, db-table-describe, db-table-modify,
 * db-table-select.</li>
 * <li><b>RO User</b>, <b>RO Svc Acct</b>: org-read, org-db-view, db-cql, db-graphql, db-rest,
 * db-all-keyspace-describe, db-keyspace-describe, db-table-describe, db-table-select.</li>
 * <li><b>API Admin User</b>, <b>API R/W User</b>, <b>API RO User</b> and the three <b>API ... Svc Acct</b>
 * roles: as their non-API counterpart without db-cql.</li>
 * </ul>
 * Every built-in role holds org-read; only Organization Administrator holds org-user-write, org-role-*
 * write/delete and org-token-write; UI View Only alone adds the read-only org-user-read, org-role-read
 * and org-token-read; the database, user and service-account roles hold no org-user-*, org-role-* or
 * org-token-* action. Built-in roles cannot be updated or deleted (400).
 *
 * <h2>State on disk</h2>
 * {@code <astraHome>/sandbox/state.json} (mode 0600, in a 0700 directory) holds the organization, roles,
 * users, the hashes of the tokens and the admin token (it holds credentials). It is replaced whole, by a
 * temporary file in the same directory moved with {@code ATOMIC_MOVE}, and every request reads it (or its
 * cached parse) and writes it under an exclusive lock of {@code <astraHome>/sandbox/state.lock} plus a
 * JVM-wide lock, so sandboxes of several threads, instances and processes serving one home see each
 * other's changes at once and lose none. The cache is keyed by the file's key, modification time and size
 * plus a revision counter kept in the lock file. A reset deletes {@code state.json} (the lock file stays,
 * so that a sandbox serving the home meanwhile keeps locking the same file); the next request or start
 * seeds afresh, and a deleted directory is created again. {@code LocalSandbox}'s accessors read the
 * current state, so they follow such a reset.
 *
 * <h2>Server</h2>
 * The server binds 127.0.0.1 only and runs its exchanges on a fixed pool of 4 daemon threads; it is
 * started from a daemon thread so that its dispatcher thread is a daemon too, and an unclosed sandbox never
 * keeps the JVM alive. Unless the JVM sets it otherwise, {@code sun.net.httpserver.nodelay} is set to
 * {@code true} before the first server is created: the JDK server flushes response headers before the
 * body, and without TCP_NODELAY each response would wait some 40 ms for a delayed acknowledgement.
 */
package io.astrashell.sandbox;
