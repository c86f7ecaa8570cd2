package dev.isosync.server;

import dev.isosync.demo.Todo;
import dev.isosync.model.ModelDefinition;
import dev.isosync.server.admin.AdminToken;
import dev.isosync.server.admin.WriteAccess;
import dev.isosync.server.auth.SecurityConfig;
import dev.isosync.server.http.RequestLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How to run a server: where to listen, which database, which models, the request limits, the origins browsers
 * may call it from, users and ACLs, and the admin console's credential and stale-client threshold.
 */
public final class ServerConfig {
    /** The embedded default: an H2 file database under {@code ./data}, nothing to install. */
    public static final String DEFAULT_DB = "jdbc:h2:file:./data/isosync;DB_CLOSE_ON_EXIT=FALSE";
    /** The database URL that keeps everything in memory (tests, demos). */
    public static final String MEMORY_DB = "memory";
    /**
     * Clients that have not synced for this long are shown as stale in the admin console, unless a request says
     * otherwise.
     */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(1);

    private String host = "0.0.0.0";
    private int port = 3000;
    private String jdbcUrl = DEFAULT_DB;
    private List<ModelDefinition> models = Collections.singletonList(Todo.DEFINITION);
    private long replicationBodyLimit = 64L * 1024 * 1024;
    private long bodyLimit = 1024L * 1024;
    private String tablePrefix = "";
    private String adminToken;
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private Clock clock = Clock.systemUTC();
    private WriteAccess writeAccess = WriteAccess.EVERYONE;
    private SecurityConfig security = SecurityConfig.open();
    private RequestLimits limits = RequestLimits.defaults();
    private List<String> corsOrigins = Collections.emptyList();

    public ServerConfig host(String value) {
        this.host = value;
        return this;
    }

    /** The port; 0 picks a free one ({@link SyncServer#port()} tells which). */
    public ServerConfig port(int value) {
        this.port = value;
        return this;
    }

    /** A JDBC URL (H2, PostgreSQL, MariaDB) or {@link #MEMORY_DB}. */
    public ServerConfig jdbcUrl(String value) {
        this.jdbcUrl = value;
        return this;
    }

    /** The models served, each under {@code /api/<plural>}. */
    public ServerConfig models(List<ModelDefinition> value) {
        this.models = Collections.unmodifiableList(new ArrayList<>(value));
        return this;
    }

    /** Largest body of diff, create-updates and bulk-update, in bytes (PROTOCOL.md 9.1.6). */
    public ServerConfig replicationBodyLimit(long bytes) {
        this.replicationBodyLimit = bytes;
        return this;
    }

    /** Largest body of every other endpoint, in bytes. */
    public ServerConfig bodyLimit(long bytes) {
        this.bodyLimit = bytes;
        return this;
    }

    /** A prefix for every table name, so that several stores can share one database (tests do). */
    public ServerConfig tablePrefix(String value) {
        this.tablePrefix = value;
        return this;
    }

    /**
     * The admin credential ({@link AdminToken#problem} says what it may be). {@code null}, the default, makes
     * the server generate a random one at start and log it, so nothing is open by default.
     *
     * @throws IllegalArgumentException for a token that is too short or has characters a header or cookie
     *     cannot carry
     */
    public ServerConfig adminToken(String value) {
        if (value != null) {
            AdminToken.of(value);
        }
        this.adminToken = value;
        return this;
    }

    /**
     * How long a client may go without syncing (pulling or pushing) before the admin console marks it stale; one
     * hour by default.
     */
    public ServerConfig staleAfter(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("staleAfter must not be negative, got " + value);
        }
        this.staleAfter = value;
        return this;
    }

    /** The clock of the admin console's records (tests set a fixed one). */
    public ServerConfig clock(Clock value) {
        this.clock = value;
        return this;
    }

    /**
     * Who else decides whether a caller may write a model, beside the ACLs of {@link #security}; the conflicts
     * of callers who may not are never filed in the admin inbox. By default the ACLs alone decide.
     */
    public ServerConfig writeAccess(WriteAccess value) {
        this.writeAccess = value;
        return this;
    }

    /**
     * Users' token lifetimes, roles and the models' ACLs (the {@code --acl} file); {@link SecurityConfig#open()},
     * the default, lets everyone do everything.
     */
    public ServerConfig security(SecurityConfig value) {
        this.security = value;
        return this;
    }

    /**
     * Items per replication array, characters per string and per query string ({@link RequestLimits#defaults()}
     * by default, which lets a stock LoopBack client push 10,000 todos in one request).
     */
    public ServerConfig limits(RequestLimits value) {
        this.limits = value;
        return this;
    }

    /**
     * Origins ({@code https://app.example.com}) whose browser pages may call the API: they are answered CORS
     * preflights and headers. None by default, so only pages the server itself serves can call it from a browser.
     *
     * @throws IllegalArgumentException for an origin that is not {@code scheme://host[:port]}
     */
    public ServerConfig corsOrigins(List<String> value) {
        for (String origin : value) {
            if (!origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("CORS origin must be scheme://host[:port], got \"" + origin + "\"");
            }
        }
        this.corsOrigins = Collections.unmodifiableList(new ArrayList<>(value));
        return this;
    }

    public RequestLimits limits() {
        return limits;
    }

    /** The origins allowed to call the API from a browser; empty means same-origin only. Never null. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    public SecurityConfig security() {
        return security;
    }

    public String tablePrefix() {
        return tablePrefix;
    }

    /** The configured admin token, or {@code null} when the server generates one. */
    public String adminToken() {
        return adminToken;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public Clock clock() {
        return clock;
    }

    public WriteAccess writeAccess() {
        return writeAccess;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The models served, each with the owner property the ACL file gives it ({@link SecurityConfig#scoped}). */
    public List<ModelDefinition> models() {
        return security.scoped(models);
    }

    public long replicationBodyLimit() {
        return replicationBodyLimit;
    }

    public long bodyLimit() {
        return bodyLimit;
    }
}
