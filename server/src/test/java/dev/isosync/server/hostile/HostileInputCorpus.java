package dev.isosync.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.server.http.RequestLimits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hostile-input corpus over every endpoint of one real server: each property generates requests of one
 * category and checks that an invalid one is answered 4xx in LoopBack's error envelope and leaves the record,
 * change and checkpoint tables as they were, that a valid one is answered as specified, and that nothing is ever
 * a 5xx. A subclass chooses the database and, through {@code @PropertyDefaults}, how many requests each category
 * sends.
 *
 * <p>The server runs with small limits so that over-limit bodies, arrays, strings and query strings are cheap to
 * send; the defaults themselves are tested in {@code RequestLimitsTest}.
 */
abstract class HostileInputCorpus {
    static final int BODY_LIMIT = 16 * 1024;
    static final RequestLimits LIMITS = new RequestLimits(200, 2048, 4096);
    static final String SEED_ID = "seed1";
    /** The admin console's credential, sent on every request under {@code /admin}. */
    static final String ADMIN_TOKEN = "hostile-corpus-admin-token";

    private static final Map<Class<?>, Fixture> FIXTURES = new ConcurrentHashMap<>();

    /** The database the corpus runs on: a fresh one on each call. */
    abstract ServerConfig database();

    private Fixture fixture() {
        return FIXTURES.computeIfAbsent(getClass(), k -> Fixture.start(database().bodyLimit(BODY_LIMIT)
                .replicationBodyLimit(4 * BODY_LIMIT).limits(LIMITS).adminToken(ADMIN_TOKEN)));
    }

    /** Stops the subclass's server, prints its table and checks the corpus's size. */
    static void finish(Class<?> subclass, int minimumSize) {
        Fixture f = FIXTURES.remove(subclass);
        if (f == null) {
            return;
        }
        String table = f.tally.table("Hostile-input corpus on " + subclass.getSimpleName() + " ("
                + f.tally.total() + " requests)");
        System.out.println(table);
        f.close();
        assertTrue(f.tally.total() >= minimumSize, "corpus of " + f.tally.total() + " requests is under "
                + minimumSize + "\n" + table);
    }

    // ---- categories of invalid requests ----

    @Property
    void malformedJsonIsRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("malformedJson") String body) {
        refused(e, "malformed", path(e, SEED_ID), body.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void truncatedJsonIsRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("validBody") String body,
            @ForAll("fraction") double cut) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int length = 1 + (int) (cut * (bytes.length - 2)); // at least one byte, never the whole body
        refused(e, "truncated", path(e, SEED_ID), java.util.Arrays.copyOf(bytes, length));
    }

    @Property
    void wrongTypesAreRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("wrongTypeValue") Object value) {
        refused(e, "wrong-type", path(e, SEED_ID), Json.write(wrongShape(e, value)).getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void invalidUtf8IsRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("invalidUtf8") byte[] bad) {
        byte[] head = "{\"title\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        refused(e, "invalid-utf8", path(e, SEED_ID), body);
    }

    @Property
    void duplicateKeysAreRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("propertyName") String key) {
        String body = e.replication() && !e.takesUpdates()
                ? "[{\"modelId\":\"d1\",\"rev\":\"r\",\"" + key + "\":1,\"" + key + "\":2}]"
                : "{\"id\":\"d1\",\"title\":\"t\",\"" + key + "\":1,\"" + key + "\":2}";
        refused(e, "duplicate-key", path(e, SEED_ID), body.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void deepNestingIsRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("depth") int depth,
            @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        refused(e, "deep-nesting", path(e, SEED_ID), ("{\"id\":\"n1\",\"title\":" + nested + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void deepFiltersAreRefused(@ForAll("filteredEndpoints") Endpoint e, @ForAll("depth") int depth) {
        String where = "{\"or\":[".repeat(Math.min(depth, 60)) + "{\"title\":\"x\"}" + "]}".repeat(Math.min(depth,
                60));
        refused(e, "deep-filter", path(e, SEED_ID) + "?since=-1&filter=" + encode("{\"where\":" + where + "}"), null);
    }

    @Property
    void hugeBodiesAreRefused(@ForAll("bodyEndpoints") Endpoint e, @ForAll("hugeKind") int kind) {
        byte[] body;
        if (kind == 0) { // over the byte limit
            body = ("{\"id\":\"h1\",\"title\":\"" + "x".repeat(5 * BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        } else if (kind == 1) { // a string over the string limit, under the byte limit
            body = ("{\"id\":\"h1\",\"title\":\"" + "y".repeat(LIMITS.maxStringLength() + 1) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else { // a replication array over the item limit
            StringBuilder items = new StringBuilder();
            for (int i = 0; i <= LIMITS.maxItems(); i++) {
                items.append(i == 0 ? "" : ",").append("{\"modelId\":\"m").append(i).append("\",\"rev\":\"r\"}");
            }
            body = (e.takesUpdates() ? "{\"updates\":[" + items.toString().replace("{\"modelId\"",
                    "{\"type\":\"create\",\"change\":{\"modelId\"").replace("\"rev\":\"r\"}", "\"rev\":\"r\"}}") + "]}"
                    : "[" + items + "]").getBytes(StandardCharsets.UTF_8);
            if (!e.replication()) {
                body = ("{\"id\":\"h1\",\"title\":" + new String(body, StandardCharsets.UTF_8).replace("[", "[1,")
                        + "}").getBytes(StandardCharsets.UTF_8);
            }
        }
        refused(e, "huge-body", path(e, SEED_ID), body);
    }

    @Property
    void hugeQueriesAreRefused(@ForAll("anyEndpoint") Endpoint e, @ForAll("hugeQueryLength") int length) {
        refused(e, "huge-query", path(e, SEED_ID) + "?filter=" + "a".repeat(length), null);
    }

    @Property
    void badFiltersAreRefused(@ForAll("filteredEndpoints") Endpoint e, @ForAll("badFilter") String filter) {
        refused(e, "bad-filter", path(e, SEED_ID) + "?since=-1&filter=" + encode(filter), null);
    }

    @Property
    void nonNumericSinceIsRefused(@ForAll("sinceEndpoints") Endpoint e, @ForAll("nonNumericSince") String since) {
        refused(e, "bad-since", path(e, SEED_ID) + "?since=" + encode(since),
                e.takesBody() ? e.emptyBody().getBytes(StandardCharsets.UTF_8) : null);
    }

    // ---- hostile but valid ----

    @Property
    void sqlMetacharactersInFilterValuesAreOnlyData(@ForAll("filteredReads") Endpoint e,
            @ForAll("sqlMeta") String value) {
        Answer a = unchanged(e, "sql-filter", path(e, SEED_ID) + "?since=-1&filter="
                + encode(Json.write(Map.of("where", Map.of("title", value)))), null);
        if (value.indexOf('\u0000') >= 0) {
            assertEquals(422, a.status, a.body); // PostgreSQL cannot hold U+0000, so no store is asked to
        } else if (e.path().endsWith("findOne")) {
            assertEquals(value.equals("O'Brien") ? 200 : 404, a.status, a.body);
        } else {
            assertEquals(200, a.status, a.body);
        }
    }

    @Property
    void sqlMetacharactersInIdsAreOnlyData(@ForAll("idEndpoints") Endpoint e, @ForAll("sqlMeta") String id) {
        String body = e.takesBody() ? "{\"title\":\"t\"}" : null;
        if (e.path().endsWith("changes/last") && e.takesBody()) {
            body = "{\"rev\":\"r\"}";
        }
        Answer a = unchanged(e, "sql-id", path(e, id), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        // 400: a path Jetty will not decode (a NUL byte, say) is refused before any route runs
        assertTrue(a.status == 200 || a.status == 400 || a.status == 404 || a.status == 422,
                e.label() + " " + id + ": " + a);
    }

    @Property
    void sqlMetacharactersInAdminParametersAreOnlyData(@ForAll("adminParameters") Endpoint e,
            @ForAll("sqlMeta") String value) {
        Answer a = unchanged(e, "sql-admin-parameter", e.path() + encode(value), null);
        if (value.indexOf('\u0000') >= 0) {
            assertEquals(422, a.status, a.body);
        } else {
            // a state or model it does not know is a 400 naming it; a model with no activity is an empty answer
            assertTrue(a.status == 200 || a.status == 400, e.label() + " " + value + ": " + a);
        }
    }

    @Property
    void enormousSinceIsAnEmptyAnswer(@ForAll("sinceReads") Endpoint e, @ForAll("enormousSince") String since) {
        Answer a = unchanged(e, "huge-since", path(e, SEED_ID) + "?since=" + since,
                e.takesBody() ? e.emptyBody().getBytes(StandardCharsets.UTF_8) : null);
        assertEquals(200, a.status, a.body);
    }

    @Property
    void awkwardButValidRequestsSucceed(@ForAll("nonBmpTitle") String title) {
        Fixture f = fixture();
        Endpoint changes = new Endpoint("GET", "/api/Todos/changes", false, false);
        Answer all = unchanged(changes, "awkward-valid", "/api/Todos/changes?since=-1", null);
        assertEquals(200, all.status, all.body);
        assertTrue(all.body.contains("\"modelId\":\"seed1\""), all.body);
        Endpoint find = new Endpoint("GET", "/api/Todos", false, false);
        Answer obrien = unchanged(find, "awkward-valid", "/api/Todos?filter="
                + encode("{\"where\":{\"title\":\"O'Brien\"}}"), null);
        assertEquals("[{\"id\":\"seed1\",\"title\":\"O'Brien\",\"completed\":false,\"created\":null}]",
                obrien.body);
        Endpoint create = new Endpoint("POST", "/api/Todos", true, false);
        String id = "nb" + Integer.toHexString(title.hashCode()) + System.nanoTime();
        Answer created = f.send("POST", "/api/Todos", Json.write(Map.of("id", id, "title", title))
                .getBytes(StandardCharsets.UTF_8));
        f.tally.count(create, "awkward-valid", created.status);
        assertEquals(200, created.status, created.body);
        Answer read = f.send("GET", "/api/Todos/" + id, null);
        f.tally.count(new Endpoint("GET", "/api/Todos/{id}", false, false), "awkward-valid", read.status);
        assertEquals(title, ((Map<?, ?>) Json.parse(read.body)).get("title"));
    }

    // ---- generators ----

    /** Titles with characters outside the Basic Multilingual Plane (surrogate pairs in Java and JavaScript). */
    @Provide
    Arbitrary<String> nonBmpTitle() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(0).ofMaxLength(6)
                .map(s -> s + "\uD83D\uDE00 \uD834\uDD1E " + new String(Character.toChars(0x20000 + s.length())));
    }


    @Provide
    Arbitrary<Endpoint> bodyEndpoints() {
        return Arbitraries.of(Endpoint.WITH_BODY);
    }

    @Provide
    Arbitrary<Endpoint> adminParameters() {
        return Arbitraries.of(Endpoint.ADMIN_PARAMETERS);
    }

    @Provide
    Arbitrary<Endpoint> anyEndpoint() {
        return Arbitraries.of(Endpoint.ALL);
    }

    @Provide
    Arbitrary<Endpoint> filteredEndpoints() {
        return Arbitraries.of(Endpoint.FILTERED);
    }

    /** The filtered endpoints a valid request leaves the tables alone on (a pull's start bumps the checkpoint). */
    @Provide
    Arbitrary<Endpoint> filteredReads() {
        return Arbitraries.of(Endpoint.FILTERED.stream().filter(e -> !e.bumpsCheckpoint()).toList());
    }

    /** The endpoints taking since that a valid request leaves the tables alone on. */
    @Provide
    Arbitrary<Endpoint> sinceReads() {
        return Arbitraries.of(Endpoint.WITH_SINCE.stream().filter(e -> !e.bumpsCheckpoint()).toList());
    }

    @Provide
    Arbitrary<Endpoint> idEndpoints() {
        return Arbitraries.of(Endpoint.BY_ID);
    }

    @Provide
    Arbitrary<Endpoint> sinceEndpoints() {
        return Arbitraries.of(Endpoint.WITH_SINCE);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<Integer> depth() {
        return Arbitraries.integers().between(66, 400);
    }

    @Provide
    Arbitrary<Integer> hugeKind() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<Integer> hugeQueryLength() {
        return Arbitraries.integers().between(LIMITS.maxQueryLength() + 1, 4 * LIMITS.maxQueryLength());
    }

    /** Text that is not JSON: random characters after an opening brace, or JSON's near misses. */
    @Provide
    Arbitrary<String> malformedJson() {
        Arbitrary<String> random = Arbitraries.strings().withChars("{}[]\":,'\\ \t\nabcnulltrue0123456789.-+eE")
                .ofMinLength(1).ofMaxLength(60).map(s -> "{" + s);
        Arbitrary<String> nearMisses = Arbitraries.of("{'id':'a'}", "{\"title\":\"a\",}", "[1,2,]", "{title:\"a\"}",
                "{\"title\":\"a\"} x", "{\"title\":NaN}", "{\"title\":undefined}", "{\"a\":01}", "{\"a\":.5}",
                "{\"a\":\"\\x41\"}", "{\"a\":\"tab\there\"}", "/* c */ {}", "{\"a\":1}{\"b\":2}", "\u00ef\u00bb\u00bf{}",
                "{\"a\":\"\\ud800\"", "{\"a\":tru}", "{\"a\" 1}", "{,}", "[", "]");
        return Arbitraries.oneOf(random, nearMisses).filter(s -> !parses(s));
    }

    /** A well-formed body of the kind some endpoint takes, to be cut short. */
    @Provide
    Arbitrary<String> validBody() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(t -> Json.write(Map.of(
                "updates", List.of(Map.of("type", "create", "change", Map.of("modelId", t, "rev", "r"),
                        "data", Map.of("id", t, "title", t)))))).flatMap(bulk -> Arbitraries.of(bulk,
                "{\"id\":\"t1\",\"title\":\"a title\",\"completed\":true}",
                "[{\"modelId\":\"t1\",\"rev\":\"r1\",\"prev\":null,\"checkpoint\":1}]",
                "{\"email\":\"a@example.com\",\"password\":\"secret\"}"));
    }

    @Provide
    Arbitrary<Object> wrongTypeValue() {
        return Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) (double) i),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.of((Object) List.of(1, "a"), Map.of("nested", 1), List.of()));
    }

    /** A body of the right outer shape whose every field has the wrong type. */
    private static Object wrongShape(Endpoint e, Object v) {
        switch (e.path()) {
            case "/api/Todos/diff":
            case "/api/Todos/create-updates":
                return List.of(Map.of("modelId", v, "rev", v, "checkpoint", "x"));
            case "/api/Todos/bulk-update":
            case "/sync/Todos/push":
                return Map.of("updates", List.of(Map.of("type", v, "change", v, "data", v)));
            case "/sync/Todos/conflicts":
                return Map.of("conflicts", v);
            case "/api/Users":
            case "/api/Users/login":
                return Map.of("email", v, "password", v);
            case "/api/Todos/{id}/changes/last":
                return Map.of("rev", v, "prev", v, "checkpoint", "x");
            default:
                return Map.of("id", "w1", "title", v, "completed", "yes");
        }
    }

    @Provide
    Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xf4, (byte) 0x90,
                        (byte) 0x80, (byte) 0x80})
                .flatMap(bad -> Arbitraries.strings().alpha().ofMaxLength(8).map(pad -> {
                    byte[] p = pad.getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[p.length + bad.length];
                    System.arraycopy(p, 0, out, 0, p.length);
                    System.arraycopy(bad, 0, out, p.length, bad.length);
                    return out;
                }));
    }

    @Provide
    Arbitrary<String> propertyName() {
        return Arbitraries.oneOf(Arbitraries.of("id", "title", "completed", "rev", "modelId", "email", "updates"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> sqlMeta() {
        Arbitrary<String> fixed = Arbitraries.of("O'Brien", "'", "''", "\"", "`", ";", "--", "/*", "*/", "%", "_",
                "\\", "' OR '1'='1", "'; DROP TABLE \"Todo\"; --", "\" OR 1=1 --", "1; DELETE FROM \"Todo_change\"",
                "%' OR title LIKE '%", "\\'; --", "$1", "?", ":name", "\u0000", "x\u0000y", "NULL", "null",
                "' UNION SELECT * FROM \"checkpoint\" --", "\uD83D\uDE00'", "\u00e9'\u00e9");
        Arbitrary<String> random = Arbitraries.strings().withChars("'\";-%_\\/*`$?:()=<> ORANDorand1")
                .ofMinLength(1).ofMaxLength(40);
        return Arbitraries.oneOf(fixed, random).filter(s -> !s.equals("seed1"));
    }

    @Provide
    Arbitrary<String> badFilter() {
        Arbitrary<String> unknownProperty = sqlMeta().map(k -> Json.write(Map.of("where", Map.of(k, 1))))
                .filter(s -> !s.contains("\"title\"") && !s.contains("\"completed\"") && !s.contains("\"created\"")
                        && !s.contains("\"id\""));
        Arbitrary<String> fixed = Arbitraries.of("{\"where\":[]}", "{\"where\":\"title = 'a'\"}",
                "{\"where\":{\"title\":{\"regexp\":\"a\"}}}", "{\"where\":{\"title\":{\"like\":{}}}}",
                "{\"limit\":-1}", "{\"limit\":\"ten\"}", "{\"limit\":1e300}", "{\"skip\":-5}", "{\"skip\":1.5}",
                "{\"order\":\"title; DROP TABLE x\"}", "{\"order\":\"nope ASC\"}", "{\"order\":5}",
                "{\"fields\":{\"nope\":true}}", "{\"include\":\"owner\"}", "{\"where\":{\"or\":{}}}",
                "{\"where\":{\"and\":[1]}}", "{\"where\":{\"title\":{\"inq\":\"a\"}}}",
                "{\"where\":{\"completed\":{\"between\":[1]}}}", "{\"where\":{\"title\":{\"gt\":{}}}}", "[]",
                "\"filter\"", "{\"where\":{\"title\":{\"inq\":" + Json.write(java.util.Collections.nCopies(1001, "x"))
                        + "}}}", "{\"where\":{\"title\":{\"inq\":[\"a\"],\"nin\":{}}}}", "{\"a\":1,\"a\":2}",
                "{\"where\":{\"title\":\"a\"", "{\"where\":{\"title\":\"a\\ud800\"}");
        return Arbitraries.oneOf(unknownProperty, fixed);
    }

    @Provide
    Arbitrary<String> nonNumericSince() {
        return Arbitraries.oneOf(Arbitraries.of("soon", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x10",
                "1d", "2f", "1,5", "1 2", "--1", "true", "null", "[1]", "{}", "1'; DROP TABLE x; --", "\u0661"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).filter(s -> !isJavaNumber(s)));
    }

    @Provide
    Arbitrary<String> enormousSince() {
        return Arbitraries.oneOf(Arbitraries.of("99999999999999999999999999", "9223372036854775807",
                "9223372036854775808", "1e300", "1.7976931348623157e308", "18446744073709551616"),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(15),
                        java.math.BigInteger.TEN.pow(60)).map(Object::toString));
    }

    // ---- sending and checking ----

    /** Sends a request that must be refused: 4xx, LoopBack's envelope, nothing written. */
    private void refused(Endpoint e, String category, String pathAndQuery, byte[] body) {
        Answer a = unchanged(e, category, pathAndQuery, body);
        if (a.status < 400 || a.status >= 500) {
            fail(e.label() + " [" + category + "] must be refused with a 4xx, got " + a);
        }
    }

    /** Sends a request that must write nothing; checks the envelope of any refusal and that it is not a 5xx. */
    private Answer unchanged(Endpoint e, String category, String pathAndQuery, byte[] body) {
        Fixture f = fixture();
        String before = f.snapshot();
        Answer a = f.send(e.method(), pathAndQuery, body);
        f.tally.count(e, category, a.status);
        assertTrue(a.status < 500, e.label() + " [" + category + "] answered a server error: " + a);
        if (a.status >= 400) {
            try {
                assertEnvelope(a);
            } catch (AssertionError error) {
                throw new AssertionError(e.label() + " [" + category + "] " + pathAndQuery.substring(0,
                        Math.min(200, pathAndQuery.length())) + ": " + error.getMessage(), error);
            }
        }
        assertEquals(before, f.snapshot(), e.label() + " [" + category + "] changed the tables: " + a);
        return a;
    }

    private static void assertEnvelope(Answer a) {
        Object json;
        try {
            json = Json.parse(a.body);
        } catch (JsonException e) {
            throw new AssertionError("refusal not in LoopBack's envelope: " + a, e);
        }
        assertTrue(json instanceof Map && ((Map<?, ?>) json).get("error") instanceof Map, "no envelope: " + a);
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) json).get("error");
        assertEquals((double) a.status, ((Number) error.get("statusCode")).doubleValue(), a.toString());
        assertTrue(error.get("message") instanceof String && !((String) error.get("message")).isBlank(),
                "no message: " + a);
    }

    private static String path(Endpoint e, String id) {
        return e.path().replace("{id}", encode(id).replace("+", "%20"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean parses(String s) {
        try {
            Json.parse(s);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    private static boolean isJavaNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A response's status and body. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** One running server with its seed data, the client that calls it and the tally of what it answered. */
    static final class Fixture {
        final SyncServer server;
        final HttpClient http = HttpClient.newHttpClient();
        final TableSnapshot tables;
        final CorpusTally tally = new CorpusTally();

        private Fixture(SyncServer server, TableSnapshot tables) {
            this.server = server;
            this.tables = tables;
        }

        static Fixture start(ServerConfig config) {
            SyncServer server = SyncServer.start(config);
            try {
                Fixture f = new Fixture(server, new TableSnapshot(config.jdbcUrl(), config.tablePrefix()));
                f.send("POST", "/api/Todos", "{\"id\":\"seed1\",\"title\":\"O'Brien\"}".getBytes(StandardCharsets.UTF_8));
                f.send("POST", "/api/Todos", "{\"id\":\"seed2\",\"title\":\"\uD834\uDD1E clef\"}"
                        .getBytes(StandardCharsets.UTF_8));
                f.send("POST", "/api/Todos/checkpoint", null);
                return f;
            } catch (java.sql.SQLException e) {
                server.closeAndDrop();
                throw new IllegalStateException(e);
            }
        }

        String snapshot() {
            try {
                return tables.take();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        Answer send(String method, String pathAndQuery, byte[] body) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + pathAndQuery)).method(method, publisher).header("Content-Type", "application/json");
            if (pathAndQuery.startsWith("/admin")) {
                builder.header("Authorization", "Bearer " + ADMIN_TOKEN);
            }
            HttpRequest request = builder.build();
            try {
                HttpResponse<String> r;
                try {
                    r = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    // Jetty closes the connection after a request it refuses unread; the client may already have
                    // reused it for this one, which then never reached the server: send it again, once
                    r = http.send(request, HttpResponse.BodyHandlers.ofString());
                }
                return new Answer(r.statusCode(), r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void close() {
            try {
                tables.close();
            } catch (java.sql.SQLException e) {
                // the server's own close below is what matters
            }
            server.closeAndDrop();
        }
    }
}
