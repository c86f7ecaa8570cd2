/**
 * Users, access tokens and access control: registration, login and logout under {@code /api/Users}, the token
 * transports LoopBack accepts, LoopBack's model ACLs (READ, REPLICATE, WRITE, EXECUTE for {@code $everyone},
 * {@code $authenticated}, {@code $unauthenticated}, {@code $owner}, named roles and users) applied to every
 * model endpoint, and the per-owner scoping of models with an owner property (PROTOCOL.md 4.5 and 9.7).
 */
package dev.isosync.server.auth;
