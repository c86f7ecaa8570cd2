package dev.isosync.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar isosync-server.jar [--port N] [--db URL]}: runs the server until it is stopped. */
@Command(name = "isosync-server", mixinStandardHelpOptions = true,
        description = "Serves the isosync demo app and its LoopBack-compatible replication API.")
public final class Main implements Callable<Integer> {
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

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        SyncServer server = SyncServer.start(new ServerConfig().host(host).port(port).jdbcUrl(db)
                .bodyLimit(bodyLimit).replicationBodyLimit(replicationBodyLimit));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("isosync server listening on http://localhost:" + server.port() + "/ (database: "
                + db.replaceAll("password=[^&;]*", "password=***") + ")");
        return 0;
    }
}
