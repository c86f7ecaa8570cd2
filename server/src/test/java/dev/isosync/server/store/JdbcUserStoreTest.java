package dev.isosync.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.isosync.demo.Todo;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.auth.AccessToken;
import dev.isosync.server.auth.User;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The user and token tables on H2, PostgreSQL and MariaDB: uniqueness, lookups, token removal. */
class JdbcUserStoreTest {
    @ParameterizedTest
    @ValueSource(strings = {"h2", TestDatabases.POSTGRESQL, TestDatabases.MARIADB})
    void usersAreUniqueByEmailAndUsernameAndTokensCanBeRevoked(String db) {
        String url = db.equals("h2") ? "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : db;
        JdbcStore store = JdbcStore.open(url, List.of(Todo.DEFINITION), TestDatabases.prefix());
        JdbcUserStore users = JdbcUserStore.open(store);
        try {
            User una = new User("u1", "una", "una@example.com", "$2a$10$hash", 1L);
            assertNull(users.addUser(una));
            assertNull(users.addUser(new User("u2", null, "anon@example.com", "$2a$10$hash", 2L)));
            assertNull(users.addUser(new User("u3", null, "anon2@example.com", "$2a$10$hash", 3L)),
                    "many users without a username");
            assertEquals("email", users.addUser(new User("u4", "other", "una@example.com", "$2a$10$h", 4L)));
            assertEquals("username", users.addUser(new User("u5", "una", "new@example.com", "$2a$10$h", 5L)));
            assertEquals(una, users.userById("u1"));
            assertEquals(una, users.userByEmail("una@example.com"));
            assertEquals(una, users.userByUsername("una"));
            assertNull(users.userByUsername("UNA"), "usernames are compared exactly");
            AccessToken token = new AccessToken("d".repeat(64), "u1", 60, 1000L);
            users.addToken(token);
            assertEquals(token, users.token("d".repeat(64)));
            users.removeToken("d".repeat(64));
            assertNull(users.token("d".repeat(64)));
        } finally {
            users.dropAll();
            store.dropAll();
            store.close();
        }
    }
}
