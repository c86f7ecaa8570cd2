package dev.isosync.server;

import dev.isosync.demo.Todo;
import dev.isosync.model.ModelDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How to run a server: where to listen, which database, which models, and the request limits. */
public final class ServerConfig {
    /** The embedded default: an H2 file database under {@code ./data}, nothing to install. */
    public static final String DEFAULT_DB = "jdbc:h2:file:./data/isosync;DB_CLOSE_ON_EXIT=FALSE";
    /** The database URL that keeps everything in memory (tests, demos). */
    public static final String MEMORY_DB = "memory";

    private String host = "0.0.0.0";
    private int port = 3000;
    private String jdbcUrl = DEFAULT_DB;
    private List<ModelDefinition> models = Collections.singletonList(Todo.DEFINITION);
    private long replicationBodyLimit = 64L * 1024 * 1024;
    private long bodyLimit = 1024L * 1024;
    private String tablePrefix = "";

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

    public String tablePrefix() {
        return tablePrefix;
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

    public List<ModelDefinition> models() {
        return models;
    }

    public long replicationBodyLimit() {
        return replicationBodyLimit;
    }

    public long bodyLimit() {
        return bodyLimit;
    }
}
