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
import dev.isosync.server.admin.WriteAccess;
import dev.isosync.server.auth.Accounts;
import dev.isosync.server.auth.MemoryUserStore;
import dev.isosync.server.auth.RequestAccess;
import dev.isosync.server.auth.UserApi;
import dev.isosync.server.auth.UserStore;
import dev.isosync.server.http.ChangeStream;
import dev.isosync.server.http.ErrorResponses;
import dev.isosync.server.http.JettyErrors;
import dev.isosync.server.http.ModelApi;
import dev.isosync.server.store.JdbcAdminStore;
import dev.isosync.server.store.JdbcStore;
import dev.isosync.server.store.JdbcUserStore;
import dev.isosync.store.Store;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.plugin.bundled.CorsPlugin;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the models' REST and replication API over one store, the browser client at
 * {@code /}, the User endpoints under {@code /api/Users}, and the admin console at {@code /admin} with its API
 * under {@code /admin/api/}, both behind the admin token or an admin user's. Every model endpoint is guarded by
 * the ACLs of {@link ServerConfig#security()}. Stateless between requests; everything, the users, tokens and
 * admin console's records included, is in the store's database.
 */
public final class SyncServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);

    private final Store store;
    private final AdminStore adminStore;
    private final UserStore userStore;
    private final AdminToken adminToken;
    private final Javalin app;

    private SyncServer(Store store, AdminStore adminStore, UserStore userStore, AdminToken adminToken, Javalin app) {
        this.store = store;
        this.adminStore = adminStore;
        this.userStore = userStore;
        this.adminToken = adminToken;
        this.app = app;
    }

    /**
     * Opens the store (creating its tables, the users' and the admin console's), starts listening, and returns
     * the running server. Without a configured admin token it generates one and logs it. From then on this JVM's
     * revisions are hashed by the JDK ({@link JdkRevisions}).
     *
     * @throws IllegalArgumentException when the ACLs name a model the server does not serve, or a model's plural
     *     is {@code Users} (the User endpoints' path)
     */
    public static SyncServer start(ServerConfig config) {
        JdkRevisions.install();
        List<ModelDefinition> models = config.models(); // once: the store and the APIs share these definitions
        List<String> served = new ArrayList<>();
        for (ModelDefinition m : models) {
            if (("/api/" + m.plural()).equals(UserApi.BASE)) {
                throw new IllegalArgumentException("Model " + m.name() + " uses the path " + UserApi.BASE
                        + ", which the User endpoints need; give it another plural");
            }
            served.add(m.name());
        }
        config.security().checkModels(served);
        Store store = config.jdbcUrl().equals(ServerConfig.MEMORY_DB) ? new MemoryStore()
                : JdbcStore.open(config.jdbcUrl(), models, config.tablePrefix());
        try {
            AdminStore adminStore = store instanceof JdbcStore ? JdbcAdminStore.open((JdbcStore) store)
                    : new MemoryAdminStore();
            UserStore userStore = store instanceof JdbcStore ? JdbcUserStore.open((JdbcStore) store)
                    : new MemoryUserStore();
            boolean generated = config.adminToken() == null;
            AdminToken token = generated ? AdminToken.generate() : AdminToken.of(config.adminToken());
            RequestAccess access = new RequestAccess(new Accounts(userStore, config.security(), config.clock()));
            // conflicts are filed only for callers the ACLs let write the model (and whom the config's hook lets)
            WriteAccess writeAccess = (ctx, model) -> access.mayWrite(ctx, model)
                    && config.writeAccess().mayWrite(ctx, model);
            SyncRecorder recorder = new SyncRecorder(adminStore, config.clock(), writeAccess);
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.http.maxRequestSize = Math.max(config.replicationBodyLimit(), config.bodyLimit());
                // Jetty drops a request line over its header size; room for four times our limit lets ours name it
                cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(
                        Math.max(http.getRequestHeaderSize(), 4 * config.limits().maxQueryLength() + 16384)));
                // requests Jetty refuses before any route runs are answered in the envelope too
                cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
                cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyErrors()));
                if (!config.corsOrigins().isEmpty()) {
                    cfg.registerPlugin(new CorsPlugin(cors -> cors.addRule(rule -> {
                        for (String origin : config.corsOrigins()) {
                            rule.allowHost(origin);
                        }
                    })));
                }
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
                cfg.routes.before(ctx -> config.limits().checkQuery(ctx));
                // first: the guard must run ahead of everything under /admin, the console's static files included
                new AdminAuth(token, access).register(cfg.routes);
                new UserApi(access.accounts(), access, config.bodyLimit()).register(cfg.routes);
                List<ModelApi> apis = new ArrayList<>();
                for (ModelDefinition model : models) {
                    LocalReplica replica = new LocalReplica(store, model);
                    ClientConflictApi inbox = new ClientConflictApi(replica, recorder, config, access);
                    ModelApi api = new ModelApi(replica, new ChangeStream(), config, recorder, access)
                            .withResolutions(inbox::resolutions);
                    api.register(cfg.routes);
                    inbox.register(cfg.routes);
                    apis.add(api);
                }
                new AdminApi(apis, store, recorder, config).register(cfg.routes);
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
            return new SyncServer(store, adminStore, userStore, token, app);
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

    /** Where users and access tokens are kept. */
    public UserStore userStore() {
        return userStore;
    }

    /** The admin token in force: the configured one, or the one generated at start. */
    public String adminToken() {
        return adminToken.value();
    }

    /** Stops listening, drops every table of the store, the users and the admin console, and closes it (tests clean up with it). */
    public void closeAndDrop() {
        app.stop();
        if (adminStore instanceof JdbcAdminStore) {
            ((JdbcAdminStore) adminStore).dropAll();
        }
        if (userStore instanceof JdbcUserStore) {
            ((JdbcUserStore) userStore).dropAll();
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
