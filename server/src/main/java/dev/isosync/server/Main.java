package dev.isosync.server;

import dev.isosync.server.admin.AdminToken;
import dev.isosync.server.auth.SecurityConfig;
import dev.isosync.server.http.RequestLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar isosync-server.jar [--port N] [--db URL] [--acl FILE] [--admin-token T] [--stale-after S]
 * [--cors-origin O]... [--max-items N] [--max-string-length N] [--max-query-length N]}:
 * runs the server until it is stopped.
 */
@Command(name = "isosync-server", mixinStandardHelpOptions = true,
        description = "Serves the isosync demo app and its LoopBack-compatible replication API.")
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 3000;

    @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--db", description = "JDBC URL of an H2, PostgreSQL or MariaDB database, or 'memory' "
            + "(default: an H2 file database under ./data).")
    String db = ServerConfig.DEFAULT_DB;

    @Option(names = "--body-limit", description = "Largest request body of ordinary endpoints, bytes (default ${DEFAULT-VALUE}).")
    long bodyLimit = 1024L * 1024;

    @Option(names = "--replication-body-limit", description = "Largest body of diff, create-updates and "
            + "bulk-update, bytes (default ${DEFAULT-VALUE}).")
    long replicationBodyLimit = 64L * 1024 * 1024;

    @Option(names = "--max-items", description = "Most items in one diff, create-updates or bulk-update "
            + "(default ${DEFAULT-VALUE}).")
    int maxItems = RequestLimits.DEFAULT_MAX_ITEMS;

    @Option(names = "--max-string-length", description = "Most characters in one string of a request body "
            + "(default ${DEFAULT-VALUE}).")
    int maxStringLength = RequestLimits.DEFAULT_MAX_STRING_LENGTH;

    @Option(names = "--max-query-length", description = "Most characters in a query string (default "
            + "${DEFAULT-VALUE}).")
    int maxQueryLength = RequestLimits.DEFAULT_MAX_QUERY_LENGTH;

    @Option(names = "--cors-origin", description = "An origin (https://app.example.com) whose pages may call the "
            + "API from a browser; repeat for several (default: none, same-origin only).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--admin-token", defaultValue = "${env:ISOSYNC_ADMIN_TOKEN}", description = "Token of the "
            + "admin console and API: 16 to 512 letters, digits or - _ . ~ + / = (default: the environment "
            + "variable ISOSYNC_ADMIN_TOKEN, else a random one generated and logged at start).")
    String adminToken;

    @Option(names = "--acl", description = "JSON file of users' token lifetimes, roles and the models' ACLs "
            + "(README, \"Security\"); without it everyone may do everything.")
    Path acl;

    @Option(names = "--stale-after", description = "Seconds a client may go without syncing (pulling or pushing) "
            + "before the admin console marks it stale (default ${DEFAULT-VALUE}).")
    long staleAfter = ServerConfig.DEFAULT_STALE_AFTER.getSeconds();

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        if (adminToken != null && AdminToken.problem(adminToken) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--admin-token "
                    + AdminToken.problem(adminToken));
        }
        if (staleAfter < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stale-after must not be negative, got "
                    + staleAfter);
        }
        SecurityConfig security;
        try {
            security = acl == null ? SecurityConfig.open() : SecurityConfig.load(acl);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--acl: " + e.getMessage());
        }
        RequestLimits limits;
        try {
            limits = new RequestLimits(maxItems, maxStringLength, maxQueryLength);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerConfig config = new ServerConfig().host(host).port(port).jdbcUrl(db).bodyLimit(bodyLimit)
                .replicationBodyLimit(replicationBodyLimit).adminToken(adminToken)
                .staleAfter(Duration.ofSeconds(staleAfter)).security(security).limits(limits);
        SyncServer server;
        try {
            config.corsOrigins(corsOrigins);
            server = SyncServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("isosync server listening on http://localhost:" + server.port() + "/ (database: "
                + db.replaceAll("password=[^&;]*", "password=***") + ")");
        return 0;
    }
}
