package dev.isosync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.json.JsonException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A response's body is parsed once, however often it is read, and a remote names the request of a bad one. */
class HttpResponseTest {
    @Test
    void theBodyIsParsedOnceAndTheSameValueGivenEachTime() {
        HttpTransport.Response r = new HttpTransport.Response(200, "{\"a\":[1,2]}");
        Object first = r.json();
        assertEquals(Map.of("a", List.of(1.0, 2.0)), first);
        assertSame(first, r.json());
    }

    @Test
    void anEmptyBodyIsNoValue() {
        assertNull(new HttpTransport.Response(204, "").json());
    }

    @Test
    void aBodyThatIsNotJsonFailsEachTimeItIsRead() {
        HttpTransport.Response r = new HttpTransport.Response(200, "{\"a\":");
        JsonException first = assertThrows(JsonException.class, r::json);
        JsonException again = assertThrows(JsonException.class, r::json);
        assertEquals(first.getMessage(), again.getMessage());
        assertTrue(first.getMessage().contains("end of input"), first.getMessage());
    }

    @Test
    void aRemoteNamesTheRequestWhoseAnswerIsNotJson() {
        HttpTransport broken = (method, path, body) -> new HttpTransport.Response(200, "not json");
        SyncException e = assertThrows(SyncException.class,
                () -> new RemoteReplica(broken, Todo.DEFINITION).currentCheckpoint());
        assertEquals(502, e.statusCode());
        assertTrue(e.getMessage().contains("GET /api/Todos/checkpoint gave an unexpected answer: not json"),
                e.getMessage());
    }
}
