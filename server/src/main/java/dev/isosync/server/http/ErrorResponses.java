package dev.isosync.server.http;

import dev.isosync.error.SyncException;
import dev.isosync.server.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to LoopBack's error envelope in one place (PROTOCOL.md 4.4). A {@link SyncException}
 * keeps its status and details; anything else is a server fault, logged and answered as a bare 500.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Installs the exception and not-found handlers. */
    public static void register(RoutesConfig routes) {
        routes.exception(SyncException.class, (e, ctx) -> send(ctx, e));
        routes.exception(StoreException.class, (e, ctx) -> send(ctx, storeFailure(e, ctx)));
        routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, new SyncException(e.getStatus(),
                "Error", null, e.getMessage(), null)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, new SyncException(500, "Error", null, "Internal Server Error", null));
        });
    }

    /**
     * A database failure: a lost race for the same record is the client's to retry (409); an unreachable or
     * deadlocked database is a 503; anything else is a server fault. The SQL detail is logged, never sent.
     */
    static SyncException storeFailure(StoreException e, Context ctx) {
        String state = e.sqlState() == null ? "" : e.sqlState();
        if (e.isConstraintViolation()) {
            return new SyncException(409, "Error", "WRITE_CONFLICT",
                    "A concurrent write to the same record won; retry the request", null);
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        if (state.startsWith("08") || state.startsWith("40")) {
            return SyncException.unavailable("The database is unavailable or busy; retry the request", null);
        }
        return new SyncException(500, "Error", null, "Internal Server Error", null);
    }

    /** Writes the envelope of {@code e} as the response. */
    public static void send(Context ctx, SyncException e) {
        ctx.status(e.statusCode());
        JsonAnswers.send(ctx, e.toEnvelope());
    }
}
