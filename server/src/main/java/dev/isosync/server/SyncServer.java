package dev.isosync.server;

import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.admin.AdminApi;
import dev.isosync.server.admin.AdminAuth;
import dev.isosync.server.admin.AdminStore;
import dev.isosync.server.admin.AdminToken;
import dev.isosync.server.admin.ClientConflictApi;
import dev.isosync.server.admin.MemoryAdminStore;
import dev.isosync.server.admin.SyncRecorder;
import dev.isosync.server.http.ChangeStream;
import dev.isosync.server.http.ErrorResponses;
import dev.isosync.server.http.ModelApi;
import dev.isosync.server.store.JdbcAdminStore;
import dev.isosync.server.store.JdbcStore;
import dev.isosync.store.Store;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the models' REST and replication API over one store, the browser client at
 * {@code /}, and the admin console at {@code /admin} with its API under {@code /admin/api/}, both behind the
 * admin token. Stateless between requests; everything, the admin console's records included, is in the store's
 * database.
 */
public final class SyncServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);

    private final Store store;
    private final AdminStore adminStore;
    private final AdminToken adminToken;
    private final Javalin app;

    private SyncServer(Store store, AdminStore adminStore, AdminToken adminToken, Javalin app) {
        this.store = store;
        this.adminStore = adminStore;
        this.adminToken = adminToken;
        this.app = app;
    }

    /**
     * Opens the store (creating its tables and the admin console's), starts listening, and returns the running
     * server. Without a configured admin token it generates one and logs it.
     */
    public static SyncServer start(ServerConfig config) {
        Store store = config.jdbcUrl().equals(ServerConfig.MEMORY_DB) ? new MemoryStore()
                : JdbcStore.open(config.jdbcUrl(), config.models(), config.tablePrefix());
        try {
            AdminStore adminStore = store instanceof JdbcStore ? JdbcAdminStore.open((JdbcStore) store)
                    : new MemoryAdminStore();
            boolean generated = config.adminToken() == null;
            AdminToken token = generated ? AdminToken.generate() : AdminToken.of(config.adminToken());
            SyncRecorder recorder = new SyncRecorder(adminStore, config.clock(), config.writeAccess());
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.http.maxRequestSize = Math.max(config.replicationBodyLimit(), config.bodyLimit());
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = "/webapp";
                    sf.location = Location.CLASSPATH;
                });
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/admin";
                    sf.directory = "/admin-webapp";
                    sf.location = Location.CLASSPATH;
                });
                ErrorResponses.register(cfg.routes);
                // first: the guard must run ahead of everything under /admin, the console's static files included
                new AdminAuth(token).register(cfg.routes);
                List<ModelApi> apis = new ArrayList<>();
                for (ModelDefinition model : config.models()) {
                    LocalReplica replica = new LocalReplica(store, model);
                    ModelApi api = new ModelApi(replica, new ChangeStream(), config, recorder);
                    api.register(cfg.routes);
                    new ClientConflictApi(replica, recorder, config.bodyLimit()).register(cfg.routes);
                    apis.add(api);
                }
                new AdminApi(apis, store, recorder, config.staleAfter(), config.bodyLimit()).register(cfg.routes);
                cfg.routes.after(ctx -> {
                    if (SyncRecorder.isClientPath(ctx.path())) {
                        recorder.finish(ctx);
                    }
                });
            }).start(config.host(), config.port());
            if (generated) {
                LOG.info("Admin console at http://localhost:{}/admin/ - admin token for this run (set --admin-token "
                        + "to choose one): {}", app.port(), token.value());
            }
            return new SyncServer(store, adminStore, token, app);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The store behind the API. */
    public Store store() {
        return store;
    }

    /** Where the admin console's records are kept. */
    public AdminStore adminStore() {
        return adminStore;
    }

    /** The admin token in force: the configured one, or the one generated at start. */
    public String adminToken() {
        return adminToken.value();
    }

    /** Stops listening, drops every table of the store and of the admin console, and closes it (tests clean up with it). */
    public void closeAndDrop() {
        app.stop();
        if (adminStore instanceof JdbcAdminStore) {
            ((JdbcAdminStore) adminStore).dropAll();
        }
        if (store instanceof JdbcStore) {
            ((JdbcStore) store).dropAll();
        }
        store.close();
    }

    /** Stops listening and closes the store. */
    @Override
    public void close() {
        app.stop();
        store.close();
    }
}
