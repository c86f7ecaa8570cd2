package dev.isosync.server;

import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.http.ChangeStream;
import dev.isosync.server.http.ErrorResponses;
import dev.isosync.server.http.ModelApi;
import dev.isosync.server.store.JdbcStore;
import dev.isosync.store.Store;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;

/**
 * The running server: the models' REST and replication API over one store, the browser client at
 * {@code /} and the admin console at {@code /admin}. Stateless between requests; everything is in the store.
 */
public final class SyncServer implements AutoCloseable {
    private final Store store;
    private final Javalin app;

    private SyncServer(Store store, Javalin app) {
        this.store = store;
        this.app = app;
    }

    /** Opens the store (creating its tables), starts listening, and returns the running server. */
    public static SyncServer start(ServerConfig config) {
        Store store = config.jdbcUrl().equals(ServerConfig.MEMORY_DB) ? new MemoryStore()
                : JdbcStore.open(config.jdbcUrl(), config.models(), config.tablePrefix());
        try {
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
                for (ModelDefinition model : config.models()) {
                    LocalReplica replica = new LocalReplica(store, model);
                    new ModelApi(replica, new ChangeStream(), config).register(cfg.routes);
                }
            }).start(config.host(), config.port());
            return new SyncServer(store, app);
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

    /** Stops listening, drops every table of the store, and closes it (tests clean up with it). */
    public void closeAndDrop() {
        app.stop();
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
