package dev.isosync.server.admin;

import java.nio.file.Path;

/** The admin store on an H2 file database under {@code target/}, as the server runs by default. */
class H2AdminStoreTest extends JdbcAdminStoreContract {
    private static final String URL = "jdbc:h2:file:" + Path.of("target", "h2-admin-store-test", "db").toAbsolutePath();

    @Override
    String url() {
        return URL;
    }
}
