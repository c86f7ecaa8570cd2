package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of what is recorded: which paths are a client's, client ids, and differing fields. */
class SyncRecorderTest {
    @Test
    void theModelApiAndTheSyncExtensionsAreTrackedButNotTheChangeStream() {
        for (String path : Arrays.asList("/api/Todos", "/api/Todos/diff", "/api/Nope", "/sync/Todos/changes",
                "/sync/Todos/conflicts")) {
            assertTrue(SyncRecorder.isClientPath(path), path);
        }
        for (String path : Arrays.asList("/", "/index.html", "/admin/", "/admin/api/overview",
                "/api/Todos/change-stream", "/apiary")) {
            assertFalse(SyncRecorder.isClientPath(path), path);
        }
    }

    @Test
    void clientIdsAreShortAndPlain() {
        assertNull(ClientIdentity.clientIdProblem("3f2a9c1e-8b7d-4e5f-9a0b-1c2d3e4f5a6b"));
        assertNull(ClientIdentity.clientIdProblem("device-a.1_~"));
        for (String bad : Arrays.asList("", "x".repeat(201), "token:abc", "a b", "é", "a/b")) {
            assertTrue(ClientIdentity.clientIdProblem(bad) != null, bad);
        }
    }

    @Test
    void aTokenIsKnownByAHashNeverByItself() {
        String fp = ClientIdentity.fingerprint("secret-token");
        assertEquals(16, fp.length());
        assertFalse(fp.contains("secret"));
        assertEquals(fp, ClientIdentity.fingerprint("secret-token"));
        assertFalse(fp.equals(ClientIdentity.fingerprint("secret-token2")));
    }

    @Test
    void differingFieldsCompareValuesNotTheirSpelling() {
        Map<String, Object> server = todo("a", false);
        Map<String, Object> client = todo("b", false);
        assertEquals(Arrays.asList("title"), ConflictJson.differingFields(Todo.DEFINITION, server,
                new ClientVersion(client)));
        Map<String, Object> same = todo("a", false);
        same.put("created", 1.0);
        server.put("created", 1L);
        assertEquals(Arrays.asList(), ConflictJson.differingFields(Todo.DEFINITION, server, new ClientVersion(same)),
                "1 and 1.0 are one number");
        assertEquals(Arrays.asList("id", "title", "completed", "created"),
                ConflictJson.differingFields(Todo.DEFINITION, null, new ClientVersion(client)));
        assertEquals(Arrays.asList("id", "title", "completed", "created"),
                ConflictJson.differingFields(Todo.DEFINITION, server, ClientVersion.DELETED));
        assertEquals(Arrays.asList(), ConflictJson.differingFields(Todo.DEFINITION, null, ClientVersion.DELETED));
        assertNull(ConflictJson.differingFields(Todo.DEFINITION, server, null), "unknown when the client sent nothing");
    }

    @Test
    void adminTokensCompareWholeAndHideThemselves() {
        AdminToken token = AdminToken.of("0123456789abcdef");
        assertTrue(token.matches("0123456789abcdef"));
        assertFalse(token.matches("0123456789abcde"));
        assertFalse(token.matches("0123456789abcdef0"));
        assertFalse(token.matches(null));
        assertFalse(token.toString().contains("0123"));
        assertEquals(43, AdminToken.generate().value().length());
        assertNull(AdminToken.problem(AdminToken.generate().value()));
    }

    private static Map<String, Object> todo(String title, boolean completed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "t1");
        m.put("title", title);
        m.put("completed", completed);
        m.put("created", null);
        return m;
    }
}
