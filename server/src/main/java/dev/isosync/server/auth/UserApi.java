package dev.isosync.server.auth;

import dev.isosync.server.http.JsonAnswers;
import dev.isosync.server.http.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LoopBack's User endpoints under {@code /api/Users}:
 *
 * <ul>
 *   <li>{@code POST /api/Users} with {@code {"email","password","username"?}}: registers; 200 with
 *       {@code {"id","username","email"}}, 422 naming each invalid or taken property.</li>
 *   <li>{@code POST /api/Users/login} with {@code {"email"|"username","password","ttl"?}}: 200 with
 *       {@code {"id":<token>,"ttl","created","userId"}}; 401 {@code LOGIN_FAILED}.</li>
 *   <li>{@code POST /api/Users/logout} with the token in any transport: 204, and the token is revoked.</li>
 * </ul>
 */
public final class UserApi {
    /** The REST path, LoopBack's plural of {@code User}. */
    public static final String BASE = "/api/Users";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;
    private final RequestAccess access;
    private final long bodyLimit;

    /**
     * @param bodyLimit largest request body, in bytes
     */
    public UserApi(Accounts accounts, RequestAccess access, long bodyLimit) {
        this.accounts = accounts;
        this.access = access;
        this.bodyLimit = bodyLimit;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post(BASE + "/login", this::login);
        routes.post(BASE + "/logout", this::logout);
        routes.post(BASE, this::create);
    }

    private void create(Context ctx) {
        access.requireUserEndpoint(ctx, Operation.REGISTER);
        User user = accounts.register(Requests.objectBody(ctx, bodyLimit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.id());
        out.put("username", user.username());
        out.put("email", user.email());
        JsonAnswers.send(ctx, out);
    }

    private void login(Context ctx) {
        access.requireUserEndpoint(ctx, Operation.LOGIN);
        Accounts.Login login = accounts.login(Requests.objectBody(ctx, bodyLimit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", login.token());
        out.put("ttl", login.stored().ttl());
        out.put("created", ISO_MILLIS.format(Instant.ofEpochMilli(login.stored().created())));
        out.put("userId", login.stored().userId());
        JsonAnswers.send(ctx, out);
    }

    private void logout(Context ctx) {
        access.requireUserEndpoint(ctx, Operation.LOGOUT);
        accounts.logout(access.caller(ctx));
        ctx.status(204);
    }
}
