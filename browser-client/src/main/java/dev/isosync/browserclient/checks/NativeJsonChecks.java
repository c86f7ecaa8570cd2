package dev.isosync.browserclient.checks;

import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.browserclient.store.NativeJson;
import dev.isosync.browserclient.store.NativeRevisions;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.model.Revisions;
import dev.isosync.replica.LocalReplica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.teavm.jso.JSBody;

/**
 * Checks of the server's answers as the browser parses them ({@link NativeJson}): the views it gives must be the
 * values the shared parser gives, behave as maps and lists do, and never let a change made through a view reach a
 * record stored from it.
 */
final class NativeJsonChecks {
    /** JSON texts that stress what differs between JavaScript objects and Java maps. */
    private static final List<String> TEXTS = Arrays.asList(
            "{\"id\":\"t1\",\"title\":\"a\",\"completed\":false,\"created\":1767323045006}",
            "{\"b\":1,\"a\":[1,2.5,-0,1e21,5e-324,-1.7976931348623157e308,123456789012345678901234567890],\"c\":null}",
            "{\"__proto__\":{\"x\":1},\"constructor\":\"c\",\"toString\":2,\"hasOwnProperty\":true}",
            "{\"10\":\"ten\",\"2\":\"two\",\"z\":\"last\",\"\":\"empty key\"}",
            "{\"s\":\"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0001 \\u2028\",\"lone\":\"\\ud800\"}",
            "[[],{},[{}],[[[1]]],\"\",0,true,false,null]",
            "\"just a string\"", "42", "true", "null",
            "{\"nested\":{\"deeper\":{\"list\":[{\"k\":\"v\"},[null,{\"n\":-0.5}]]}}}");

    private NativeJsonChecks() {
    }

    static List<BrowserCheck> all() {
        List<BrowserCheck> checks = new ArrayList<>();
        checks.add(new BrowserCheck("viewsAreTheSharedParsersValues",
                NativeJsonChecks::viewsAreTheSharedParsersValues));
        checks.add(new BrowserCheck("viewsChangeAsMapsAndListsDo", NativeJsonChecks::viewsChangeAsMapsAndListsDo));
        checks.add(new BrowserCheck("aRecordStoredFromAViewIsACopy", NativeJsonChecks::aRecordStoredFromAViewIsACopy));
        checks.add(new BrowserCheck("textThatIsNotJsonFails", NativeJsonChecks::textThatIsNotJsonFails));
        checks.add(new BrowserCheck("doublesAreWrittenAsJavaWritesThem",
                NativeJsonChecks::doublesAreWrittenAsJavaWritesThem));
        return checks;
    }

    /** Equal both ways, with equal hash codes, written as the same JSON, and hashed to the same revision. */
    private static void viewsAreTheSharedParsersValues() {
        for (String text : TEXTS) {
            Object shared = Json.parse(text);
            Object view = NativeJson.parse(text);
            expect(shared == null ? view == null : shared.equals(view) && view.equals(shared),
                    "the view of " + text + " equals the shared parser's value: " + view);
            expect(shared == null || shared.hashCode() == view.hashCode(), "the same hash code for " + text);
            // the same JSON but for the order of keys: JavaScript puts array-index keys ("2", "10") first
            expect(Objects.equals(Json.parse(Json.write(view)), Json.parse(Json.write(shared))),
                    "the view of " + text + " is written as the same JSON: " + Json.write(view));
            expect(NativeRevisions.of(view).equals(Revisions.portable(shared)),
                    "the view of " + text + " has the revision of the shared parser's value");
        }
        Map<?, ?> object = (Map<?, ?>) NativeJson.parse(TEXTS.get(2));
        expect(object.size() == 4 && object.containsKey("__proto__") && object.get("constructor").equals("c")
                && !object.containsKey("valueOf"), "members named like Object's own are data, and only those: "
                + object.keySet());
        expect(((Map<?, ?>) object.get("__proto__")).get("x").equals(1.0), "__proto__ is a member like any other");
    }

    @SuppressWarnings("unchecked")
    private static void viewsChangeAsMapsAndListsDo() {
        Map<String, Object> map = (Map<String, Object>) NativeJson.parse("{\"a\":1,\"b\":[1,2],\"c\":\"x\"}");
        expect(map.put("a", 2.0).equals(1.0) && map.get("a").equals(2.0), "put answers the old value and replaces");
        expect(map.put("d", Collections.singletonMap("k", "v")) == null
                && map.get("d").equals(Collections.singletonMap("k", "v")), "put adds a member, a map as an object");
        expect(map.remove("c").equals("x") && !map.containsKey("c") && map.remove("c") == null,
                "remove answers the old value once");
        Iterator<Map.Entry<String, Object>> members = map.entrySet().iterator();
        Map.Entry<String, Object> first = members.next();
        first.setValue("one");
        expect(map.get("a").equals("one"), "an entry's setValue writes the object");
        members.remove();
        expect(!map.containsKey("a") && map.size() == 2, "the iterator removes the member it gave: " + map);
        List<Object> list = (List<Object>) map.get("b");
        list.add("three");
        list.add(0, "zero");
        expect(list.set(1, 10.0).equals(1.0), "set answers the old item");
        expect(list.remove(2).equals(2.0), "remove answers the removed item");
        expect(list.equals(Arrays.asList("zero", 10.0, "three")), "the list changed in place: " + list);
        expect(map.get("b").equals(Arrays.asList("zero", 10.0, "three")), "the change is in the object: " + map);
        expect(Json.write(map).equals("{\"b\":[\"zero\",10,\"three\"],\"d\":{\"k\":\"v\"}}"),
                "written as changed: " + Json.write(map));
        try {
            list.get(3);
            throw new AssertionError("an index past the end must fail");
        } catch (IndexOutOfBoundsException expected) {
            // as a list must
        }
    }

    /**
     * The store copies what a view sees: a change made through the view afterwards reaches neither the stored record
     * nor its revision, nor what the same transaction reads back (it keeps the entries it wrote).
     */
    @SuppressWarnings("unchecked")
    private static void aRecordStoredFromAViewIsACopy() {
        IndexedDbStore store = IndexedDbStore.open(ChecksPage.freshName("native-json"),
                Collections.singletonList(Todo.DEFINITION));
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            Map<String, Object> data = (Map<String, Object>) NativeJson.parse(
                    "{\"id\":\"v1\",\"title\":\"as sent\",\"completed\":false,\"created\":1767323045006}");
            todos.create(data);
            String revision = todos.findLastChange("v1").rev();
            data.put("title", "changed afterwards");
            Map<String, Object> stored = todos.findById("v1");
            expect("as sent".equals(stored.get("title")), "the stored record is as it was written: " + stored);
            expect(revision.equals(Todo.DEFINITION.revisionOf(stored)), "its revision is of what was stored");
            Map<String, Object> second = (Map<String, Object>) NativeJson.parse(
                    "{\"id\":\"v2\",\"title\":\"as sent\",\"completed\":false,\"created\":1}");
            Object readBack = store.write(tx -> {
                tx.insert(Todo.DEFINITION, second);
                second.put("title", "changed in the transaction");
                return tx.findById(Todo.DEFINITION, "v2").get("title");
            });
            expect("as sent".equals(readBack), "the transaction reads back what it wrote: " + readBack);
            expect("as sent".equals(todos.findById("v2").get("title")), "and stored it");
        } finally {
            store.close();
        }
    }

    private static void textThatIsNotJsonFails() {
        for (String text : Arrays.asList("{", "[1,]", "{'a':1}", "nul", "1 2", "")) {
            try {
                NativeJson.parse(text);
                throw new AssertionError("not JSON, yet parsed: " + text);
            } catch (JsonException e) {
                expect(e.getMessage().startsWith("Not JSON: "), "the message says why: " + e.getMessage());
            }
        }
    }

    /**
     * Every way from a double to text gives what {@code Double.toString} gives on the JVM (the expected texts are the
     * JVM's): the compiled client formats doubles with JavaScript's digits
     * ({@link dev.isosync.browserclient.store.JavaDoubleText}), not with TeaVM's formatter.
     */
    private static void doublesAreWrittenAsJavaWritesThem() {
        double[] values = {1.0, -0.0, 0.0, 100.5, 1e7, 9999999.0, 9999999.5, 1.2345e-5, 0.001, 9.999e-4, 0.1 + 0.2,
            1e21, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 123456789012.0, 1767323045006.0, -42.25, 2.5e-300, 1e-7, 9007199254740992.0,
            0.00123, 1234567.0, 100.0, 0.1, 2e-323, 1e23, 2e23};
        String[] expected = {"1.0", "-0.0", "0.0", "100.5", "1.0E7", "9999999.0", "9999999.5", "1.2345E-5", "0.001",
            "9.999E-4", "0.30000000000000004", "1.0E21", "4.9E-324", "1.7976931348623157E308",
            "-1.7976931348623157E308", "NaN", "Infinity", "-Infinity", "1.23456789012E11", "1.767323045006E12",
            "-42.25", "2.5E-300", "1.0E-7", "9.007199254740992E15", "0.00123", "1234567.0", "100.0", "0.1", "2.0E-323",
            "1.0E23", "2.0E23"};
        for (int i = 0; i < values.length; i++) {
            double d = values[i];
            Object boxed = d;
            List<String> texts = Arrays.asList(Double.toString(d), String.valueOf(d), "" + d, boxed.toString(),
                    String.valueOf(boxed), new StringBuilder("<").append(d).append('>').toString(),
                    new StringBuilder("<>").insert(1, d).toString());
            List<String> want = new ArrayList<>(Collections.nCopies(5, expected[i]));
            want.addAll(Collections.nCopies(2, "<" + expected[i] + ">"));
            expect(texts.equals(want), "the text of the double " + expected[i] + " is Java's: " + texts);
        }
        // any double: its text reads back as it, in as few digits as can (but two)
        Random random = new Random(20261127L);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d)) {
                continue;
            }
            String text = String.valueOf(d);
            expect(number(text) == d && text.startsWith("-") == (d < 0), "the text " + text + " reads back as the"
                    + " double of bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
            String digits = text.replaceFirst("^-", "").replaceFirst("E.*$", "").replace(".", "")
                    .replaceFirst("^0+", "").replaceFirst("(.)0+$", "$1");
            expect(digits.length() <= Math.max(2, shortestDigits(d)), "the text " + text + " has no more digits"
                    + " than the double of bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + " needs");
        }
    }

    @JSBody(params = "text", script = "return Number(text);")
    private static native double number(String text);

    @JSBody(params = "d", script = "return Math.abs(d).toExponential().split('e')[0].replace('.', '').length;")
    private static native int shortestDigits(double d);

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
