package dev.isosync.server.admin;

import dev.isosync.error.SyncException;
import dev.isosync.server.auth.RequestAccess;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Guards everything under {@code /admin}: the console's pages and the admin API answer only a caller holding
 * the {@link AdminToken}, sent as {@code Authorization: Bearer <token>} or as the cookie
 * {@value #COOKIE} that {@code POST /admin/login} sets. Without it the API answers 401 with LoopBack's
 * envelope ({@code AUTHORIZATION_REQUIRED}) and a page answers 401 with a sign-in form. Every admin response
 * carries a Content-Security-Policy that allows nothing but the console's own files, and is never cached.
 *
 * <p>A user with the {@code admin} role (README, "Security") is let in too, with their access token in any of
 * LoopBack's transports, or in the sign-in form (the cookie then holds that token, and stops working when it
 * expires or the user logs out). The admin token stays the bootstrap credential.
 *
 * <p>The cookie is {@code HttpOnly} (scripts cannot read it), {@code SameSite=Strict} (no other site's page
 * can make the browser send it, so the API's POSTs need no CSRF token) and scoped to {@code /admin}.
 */
public final class AdminAuth {
    /** The cookie that carries the token after a sign-in. */
    public static final String COOKIE = "isosync_admin";
    /** The policy of every admin response: the console's own files only, no framing, forms to itself. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final String LOGIN = "/admin/login";
    private static final String LOGOUT = "/admin/logout";

    private final AdminToken token;
    private final RequestAccess access;

    /**
     * @param token  the admin token
     * @param access tells whether a request or token is an admin user's
     */
    public AdminAuth(AdminToken token, RequestAccess access) {
        this.token = token;
        this.access = access;
    }

    /** A page was asked for without the credential: answered with the sign-in form. */
    private static final class SignInRequired extends RuntimeException {
        SignInRequired() {
            super(null, null, false, false);
        }
    }

    /** Registers the guard (a before-handler, so it runs ahead of the console's static files) and sign-in. */
    public void register(RoutesConfig routes) {
        routes.before(this::guard);
        routes.exception(SignInRequired.class, (e, ctx) -> signInPage(ctx, HttpStatus.UNAUTHORIZED, false));
        routes.post(LOGIN, this::login);
        routes.get(LOGIN, ctx -> {
            if (authorized(ctx)) {
                ctx.redirect("/admin/", HttpStatus.SEE_OTHER);
            } else {
                signInPage(ctx, HttpStatus.OK, false);
            }
        });
        routes.post(LOGOUT, this::logout);
        routes.get(LOGOUT, this::logout);
    }

    /** Whether {@code path} is the console's: {@code /admin} and everything below it. */
    public static boolean isAdminPath(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    private void guard(Context ctx) {
        String path = ctx.path();
        if (!isAdminPath(path)) {
            return;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (path.equals(LOGIN) || path.equals(LOGOUT) || authorized(ctx)) {
            return;
        }
        if (path.equals("/admin/api") || path.startsWith("/admin/api/")) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"isosync admin\"");
            throw new SyncException(401, "Error", "AUTHORIZATION_REQUIRED", "The admin API needs the admin token: "
                    + "send \"Authorization: Bearer <token>\" or sign in at /admin/", null);
        }
        throw new SignInRequired();
    }

    /**
     * Whether the request carries the admin token (in a Bearer header or the cookie) or an admin user's access
     * token (in any of LoopBack's transports or the cookie).
     */
    boolean authorized(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && token.matches(authorization.substring(7).trim())) {
            return true;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null && !cookie.isEmpty() && (token.matches(cookie) || access.isAdminToken(cookie))) {
            return true;
        }
        return access.isAdmin(ctx);
    }

    private void login(Context ctx) {
        String sent = ctx.formParam("token");
        if (sent == null || !(token.matches(sent.trim()) || access.isAdminToken(sent.trim()))) {
            signInPage(ctx, HttpStatus.UNAUTHORIZED, true);
            return;
        }
        ctx.header("Set-Cookie", cookie(ctx, sent.trim(), false));
        ctx.redirect("/admin/", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        ctx.header("Set-Cookie", cookie(ctx, "", true));
        ctx.redirect("/admin/", HttpStatus.SEE_OTHER);
    }

    private static String cookie(Context ctx, String value, boolean expire) {
        return COOKIE + "=" + value + "; Path=/admin; HttpOnly; SameSite=Strict"
                + ("https".equals(ctx.scheme()) ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }

    private static void signInPage(Context ctx, HttpStatus status, boolean failed) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(LoginPage.html(failed));
    }
}
