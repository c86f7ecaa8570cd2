/**
 * The admin console's server half: what the server records about replicating clients, conflicts and sync
 * activity ({@link dev.isosync.server.admin.AdminStore}, fed by {@link dev.isosync.server.admin.SyncRecorder}),
 * the token-guarded admin API under {@code /admin/api/}, and our clients' extension endpoints for reporting
 * conflicts and learning their resolutions.
 */
package dev.isosync.server.admin;
