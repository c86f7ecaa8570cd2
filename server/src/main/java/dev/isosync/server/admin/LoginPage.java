package dev.isosync.server.admin;

/**
 * The page an admin page answers without the credential: a form that posts the token to
 * {@code /admin/login}. Fixed text only, never anything from the request, and no script or inline style, so
 * it works under the admin pages' Content-Security-Policy.
 */
final class LoginPage {
    private LoginPage() {
    }

    /**
     * @param failed whether a wrong token was just sent
     */
    static String html(boolean failed) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "  <meta charset=\"utf-8\">\n"
                + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "  <title>isosync admin: sign in</title>\n"
                + "</head>\n"
                + "<body>\n"
                + "  <h1>isosync admin</h1>\n"
                + (failed ? "  <p role=\"alert\">That token is not the admin token.</p>\n" : "")
                + "  <form method=\"post\" action=\"/admin/login\">\n"
                + "    <label for=\"token\">Admin token</label>\n"
                + "    <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>\n"
                + "    <button type=\"submit\">Sign in</button>\n"
                + "  </form>\n"
                + "  <p>The token is set with <code>--admin-token</code>; without it, the server generates one at "
                + "start and logs it.</p>\n"
                + "</body>\n"
                + "</html>\n";
    }
}
