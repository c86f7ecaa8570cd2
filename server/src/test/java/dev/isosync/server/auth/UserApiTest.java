package dev.isosync.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration, login and logout under /api/Users, the ACL file's checks, and the admin role. */
class UserApiTest {
    static final String ACL = "{\"roles\":{\"admin\":[\"root@example.com\"]},\"acls\":{\"Todo\":["
            + "{\"principalType\":\"ROLE\",\"principalId\":\"$everyone\",\"permission\":\"DENY\"},"
            + "{\"principalType\":\"USER\",\"principalId\":\"una\",\"accessType\":\"READ\",\"permission\":\"ALLOW\"}]}}";
    private SecureServer server;

    @BeforeEach
    void start() {
        server = SecureServer.h2(ACL);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SecureServer.Response register(String body) {
        return server.send("POST", "/api/Users", body);
    }

    @Test
    void registrationAnswersTheUserAndKeepsOnlyAHashOfThePassword() {
        SecureServer.Response r = register("{\"username\":\"una\",\"email\":\"Una@Example.com\","
                + "\"password\":\"correct horse\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("id", "username", "email"), List.copyOf(r.json().keySet()));
        assertEquals("una@example.com", r.json().get("email"), "emails are kept in lower case");
        assertFalse(r.body().contains("correct horse"));
        User stored = server.server.userStore().userByEmail("una@example.com");
        assertTrue(stored.passwordHash().startsWith("$2a$10$"), "a salted bcrypt hash");
        assertFalse(stored.passwordHash().contains("correct horse"));
    }

    @Test
    void invalidRegistrationsAre422NamingTheFieldAndStoreNothing() {
        assertInvalid(register("{\"password\":\"long enough\"}"), "email", "presence");
        assertInvalid(register("{\"email\":\"not-an-email\",\"password\":\"long enough\"}"), "email", "custom.email");
        assertInvalid(register("{\"email\":\"a@example.com\",\"password\":\"short\"}"), "password", "length");
        assertInvalid(register("{\"email\":\"a@example.com\"}"), "password", "presence");
        assertInvalid(register("{\"email\":\"a@example.com\",\"password\":\"long enough\",\"admin\":true}"), "admin",
                "unknown-property");
        assertInvalid(register("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(73) + "\"}"), "password",
                "length");
        assertEquals(400, register("[]").status());
        assertEquals(null, server.server.userStore().userByEmail("a@example.com"));
        SecureServer.Response shortPassword = register("{\"email\":\"a@example.com\",\"password\":\"secret7\"}");
        assertFalse(shortPassword.body().contains("secret7"), "a password is never echoed: " + shortPassword.body());
    }

    @Test
    void aTakenEmailOrUsernameIs422() {
        server.register("una", "una@example.com", "password-1");
        assertInvalid(register("{\"email\":\"UNA@example.com\",\"password\":\"password-2\"}"), "email", "uniqueness");
        assertInvalid(register("{\"username\":\"una\",\"email\":\"other@example.com\",\"password\":\"password-2\"}"),
                "username", "uniqueness");
    }

    @SuppressWarnings("unchecked")
    private static void assertInvalid(SecureServer.Response r, String property, String code) {
        assertEquals(422, r.status(), r.body());
        Map<String, Object> error = (Map<String, Object>) r.json().get("error");
        assertEquals("ValidationError", error.get("name"), r.body());
        Map<String, Object> codes = (Map<String, Object>) ((Map<String, Object>) error.get("details")).get("codes");
        assertEquals(List.of(code), codes.get(property), r.body());
    }

    @Test
    void loginAnswersLoopBacksTokenAndFailsAlikeForAnUnknownUserAndAWrongPassword() {
        String id = server.register("una", "una@example.com", "password-1");
        SecureServer.Response r = server.send("POST", "/api/Users/login",
                "{\"email\":\"UNA@example.com\",\"password\":\"password-1\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("id", "ttl", "created", "userId"), List.copyOf(r.json().keySet()));
        assertEquals(64, ((String) r.json().get("id")).length());
        assertEquals((double) SecurityConfig.DEFAULT_TOKEN_TTL, r.json().get("ttl"), "two weeks, as LoopBack");
        assertEquals(id, r.json().get("userId"));
        SecureServer.Response wrong = server.send("POST", "/api/Users/login",
                "{\"username\":\"una\",\"password\":\"password-2\"}");
        SecureServer.Response unknown = server.send("POST", "/api/Users/login",
                "{\"username\":\"nobody\",\"password\":\"password-2\"}");
        assertEquals(401, wrong.status());
        assertEquals("{\"error\":{\"statusCode\":401,\"name\":\"Error\",\"message\":\"login failed\","
                + "\"code\":\"LOGIN_FAILED\"}}", wrong.body());
        assertEquals(wrong.body(), unknown.body());
        assertEquals(400, server.send("POST", "/api/Users/login", "{\"password\":\"x\"}").status());
        assertEquals(422, server.send("POST", "/api/Users/login",
                "{\"username\":\"una\",\"password\":\"password-1\",\"ttl\":-5}").status());
    }

    @Test
    void logoutRevokesTheTokenAndNeedsOne() {
        server.register("una", "una@example.com", "password-1");
        String token = server.login("una", "password-1");
        assertEquals(200, server.as(token, "GET", "/api/Todos", null).status(), "una may read by name");
        assertEquals(401, server.send("POST", "/api/Users/logout", null).status());
        assertEquals(204, server.as(token, "POST", "/api/Users/logout", null).status());
        assertEquals(401, server.as(token, "GET", "/api/Todos", null).status());
        assertEquals(200, server.as(token, "POST", "/api/Users/login",
                "{\"username\":\"una\",\"password\":\"password-1\"}").status(),
                "a stale token does not stop a new login");
    }

    @Test
    void aUserWithTheAdminRoleMayUseTheAdminApiAndOthersMayNot() {
        server.register("root", "root@example.com", "password-1");
        server.register("una", "una@example.com", "password-1");
        String root = server.login("root", "password-1");
        String una = server.login("una", "password-1");
        assertEquals(200, server.as(root, "GET", "/admin/api/overview", null).status());
        assertEquals(200, server.send("GET", "/admin/api/overview?access_token=" + root, null).status());
        assertEquals(401, server.as(una, "GET", "/admin/api/overview", null).status());
        assertEquals(401, server.send("GET", "/admin/api/overview", null).status());
        assertEquals(200, server.send("GET", "/admin/api/overview", null, "Authorization",
                "Bearer " + server.server.adminToken()).status(), "the admin token stays the bootstrap credential");
        assertEquals(204, server.as(root, "POST", "/api/Users/logout", null).status());
        assertEquals(401, server.as(root, "GET", "/admin/api/overview", null).status());
    }

    @Test
    void registrationCanBeClosedByTheAclFile() {
        try (SecureServer closed = SecureServer.h2("{\"acls\":{\"User\":[{\"principalType\":\"ROLE\","
                + "\"principalId\":\"$everyone\",\"property\":\"create\",\"permission\":\"DENY\"}]}}")) {
            assertEquals(401, closed.send("POST", "/api/Users",
                    "{\"email\":\"a@example.com\",\"password\":\"long enough\"}").status());
        }
    }

    @Test
    void aBadAclFileIsRefusedNamingTheProblem() {
        assertMessage("{\"acls\":{\"Todo\":[{\"principalType\":\"ROLE\",\"principalId\":\"$everyone\","
                + "\"permission\":\"MAYBE\"}]}}", "\"permission\" must be one of [ALLOW, DENY]");
        assertMessage("{\"acls\":{\"Todo\":[{\"principalType\":\"ROLE\",\"principalId\":\"$nobody\","
                + "\"permission\":\"DENY\"}]}}", "unknown built-in role \"$nobody\"");
        assertMessage("{\"acls\":{\"Todo\":[{\"principalType\":\"ROLE\",\"principalId\":\"$everyone\","
                + "\"accessType\":\"DELETE\",\"permission\":\"DENY\"}]}}", "\"accessType\" must be one of");
        assertMessage("{\"tokenTtl\":0}", "\"tokenTtl\" must be a whole number of seconds");
        assertMessage("{\"role\":{}}", "unknown setting \"role\"");
        IllegalArgumentException unknownModel = assertThrows(IllegalArgumentException.class, () -> SyncServer.start(
                TestDatabases.h2Server().security(SecurityConfig.parse("{\"acls\":{\"Todos\":[]}}", "f"))));
        assertEquals("The ACL file names model \"Todos\", which the server does not serve; it serves [Todo] (and "
                + "\"User\", \"*\")", unknownModel.getMessage().replace("[]", ""));
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecurityConfig.parse(json, "acl.json"));
        assertTrue(e.getMessage().startsWith("acl.json"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
