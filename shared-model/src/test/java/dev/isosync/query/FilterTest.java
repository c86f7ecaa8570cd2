package dev.isosync.query;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.contract.Note;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** LoopBack filters: parsing against a model, matching records (nulls included), and 400s that name the problem. */
class FilterTest {
    private static final ModelDefinition TODO = Todo.DEFINITION;
    private static final Map<String, Object> A = obj("{'id':'t1','title':'a','completed':false,'created':1}");
    private static final Map<String, Object> B = obj("{'id':'t2','title':'b','completed':true,'created':2.5}");
    private static final Map<String, Object> UNSET = obj("{'id':'t3','title':'c','completed':false,'created':null}");

    private static Where where(String singleQuoted) {
        return Where.parse(TODO, Json.parse(singleQuoted.replace('\'', '"')));
    }

    /** Which of A, B, UNSET match, as a string like "A-U". */
    private static String matching(String singleQuotedWhere) {
        Where w = where(singleQuotedWhere);
        return (w.matches(A) ? "A" : "-") + (w.matches(B) ? "B" : "-") + (w.matches(UNSET) ? "U" : "-");
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                         | ABU",
        "{'title':'a'}                              | A--",
        "{'created':1}                              | A--",
        "{'created':null}                           | --U",
        "{'completed':false}                        | A-U",
        "{'created':{'neq':1}}                      | -BU",
        "{'created':{'neq':null}}                   | AB-",
        "{'created':{'gt':1}}                       | -B-",
        "{'created':{'gte':1}}                      | AB-",
        "{'created':{'lt':2.5}}                     | A--",
        "{'created':{'lte':2.5}}                    | AB-",
        "{'created':{'gt':null}}                    | ---",
        "{'created':{'between':[1,2]}}              | A--",
        "{'created':{'between':[1,2.5]}}            | AB-",
        "{'created':{'inq':[2.5,7]}}                | -B-",
        "{'created':{'inq':[null,1]}}               | A-U",
        "{'created':{'inq':[]}}                     | ---",
        "{'created':{'nin':[1]}}                    | -BU",
        "{'created':{'nin':[null]}}                 | AB-",
        "{'created':{'nin':[]}}                     | ABU",
        "{'title':{'gt':'a'}}                       | -BU",
        "{'completed':{'gt':false}}                 | -B-",
        "{'title':'a','completed':false}            | A--",
        "{'and':[{'title':'a'},{'created':1}]}      | A--",
        "{'or':[{'title':'a'},{'created':null}]}    | A-U",
        "{'or':[]}                                  | ---",
        "{'and':[]}                                 | ABU",
        "{'or':[{'and':[{'completed':false},{'created':{'gt':0}}]},{'title':'b'}]} | AB-",
        "{'id':{'inq':['t1','t3']}}                 | A-U",
    })
    void whereMatchesAsLoopBackDoes(String where, String expected) {
        assertEquals(expected, matching(where));
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        Map<String, Object> intCreated = obj("{'id':'t1','title':'a','completed':false}");
        intCreated.put("created", 1);
        assertTrue(where("{'created':1}").matches(intCreated));
        assertTrue(where("{'created':{'inq':[1]}}").matches(intCreated));
    }

    @Test
    void datesCompareAsTheirIsoStrings() {
        Where w = Where.parse(Note.DEFINITION, obj("{'due':{'between':['2020-01-01T00:00:00.000Z','2020-12-31T23:59:59.999Z']}}"));
        assertTrue(w.matches(obj("{'id':'n1','due':'2020-06-01T00:00:00.000Z'}")));
        assertFalse(w.matches(obj("{'id':'n1','due':'2021-06-01T00:00:00.000Z'}")));
        assertFalse(w.matches(obj("{'id':'n1','due':null}")));
    }

    private static SyncException assertBadFilter(String singleQuotedFilter, String... mentions) {
        Object json = Json.parse(singleQuotedFilter.replace('\'', '"'));
        SyncException e = assertThrows(SyncException.class, () -> Filter.parse(TODO, json));
        assertEquals(400, e.statusCode());
        assertEquals("INVALID_FILTER", e.code());
        assertTrue(e.getMessage().contains("Todo"), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message should mention " + m + ": " + e.getMessage());
        }
        return e;
    }

    @Test
    void badWhereClausesAre400NamingTheProblem() {
        assertBadFilter("{'where':{'colour':'red'}}", "\"colour\"");
        assertBadFilter("{'where':{'title':{'like':'a%'}}}", "\"like\"", "\"title\"");
        assertBadFilter("{'where':{'title':{'eq':'a'}}}", "\"eq\"");
        assertBadFilter("{'where':{'title':{'gt':'a','lt':'c'}}}", "exactly one operator");
        assertBadFilter("{'where':{'created':{'inq':1}}}", "\"inq\"", "array");
        assertBadFilter("{'where':{'created':{'between':[1,2,3]}}}", "\"between\"", "two values");
        assertBadFilter("{'where':{'completed':'yes'}}", "\"completed\"", "boolean", "\"yes\"");
        assertBadFilter("{'where':{'created':'soon'}}", "\"created\"", "number", "\"soon\"");
        assertBadFilter("{'where':{'created':{'inq':[1,'x']}}}", "\"created\"", "\"x\"");
        assertBadFilter("{'where':{'title':{'a':1}}}", "\"a\"");
        assertBadFilter("{'where':{'title':['a']}}", "\"title\"");
        assertBadFilter("{'where':{'and':{'title':'a'}}}", "\"and\"", "array");
        assertBadFilter("{'where':[1]}", "where must be an object");
        assertBadFilter("{'where':{'or':[{'or':[{'or':[{'or':[{'or':[{'or':[{'or':[{'or':[{'or':[{'title':'a'}]}]}]}]}]}]}]}]}]}}",
                "deeper than 8");
    }

    @Test
    void hiddenPropertiesCannotBeQueried() {
        SyncException e = assertThrows(SyncException.class,
                () -> Filter.parse(Note.DEFINITION, obj("{'where':{'secret':'s'}}")));
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().contains("\"secret\""), e.getMessage());
        assertThrows(SyncException.class, () -> Filter.parse(Note.DEFINITION, obj("{'order':'secret'}")));
        assertThrows(SyncException.class, () -> Filter.parse(Note.DEFINITION, obj("{'fields':['secret']}")));
    }

    @Test
    void tooManyTermsAre400() {
        StringBuilder inq = new StringBuilder("{'where':{'created':{'inq':[");
        for (int i = 0; i <= Where.MAX_TERMS; i++) {
            inq.append(i == 0 ? "" : ",").append(i);
        }
        assertBadFilter(inq.append("]}}}").toString(), "more than 1000 terms");
    }

    @Test
    void badFilterKeysAndPagingAre400() {
        assertBadFilter("{'colour':1}", "unknown filter key \"colour\"");
        assertBadFilter("{'limit':-1}", "\"limit\"");
        assertBadFilter("{'limit':'10'}", "\"limit\"", "number");
        assertBadFilter("{'skip':1.5}", "\"skip\"");
        assertBadFilter("{'order':'title sideways'}", "title sideways");
        assertBadFilter("{'order':'colour'}", "\"colour\"");
        assertBadFilter("{'order':5}", "\"order\"");
        assertBadFilter("{'fields':['colour']}", "\"colour\"");
        assertBadFilter("{'fields':{'title':'yes'}}", "true or false");
        assertBadFilter("{'include':'owner'}", "\"include\"");
        SyncException notObject = assertThrows(SyncException.class, () -> Filter.parse(TODO, Arrays.asList(1.0)));
        assertEquals(400, notObject.statusCode());
    }

    @Test
    void filterPartsAreParsed() {
        Filter f = Filter.parse(TODO, obj("{'where':{'completed':false},'order':['created DESC','title'],'limit':10,"
                + "'offset':5,'fields':{'id':true,'title':true},'include':null}"));
        assertTrue(f.where().matches(A));
        assertFalse(f.where().matches(B));
        assertEquals(2, f.order().size());
        assertEquals("created", f.order().get(0).property().name());
        assertTrue(f.order().get(0).descending());
        assertFalse(f.order().get(1).descending());
        assertEquals(10, f.limit());
        assertEquals(5, f.skip());
        assertEquals(Arrays.asList("id", "title"), f.fields());
        assertEquals(obj("{'id':'t1','title':'a'}"), f.project(A));
        assertEquals(Arrays.asList("id", "title", "completed"),
                Filter.parse(TODO, obj("{'fields':{'created':false}}")).fields(), "false-only fields exclude");
    }

    @Test
    void noFilterIsEverything() {
        assertSame(Filter.ALL, Filter.parse(TODO, null));
        assertSame(Where.ALL, Where.parse(TODO, null));
        Filter empty = Filter.parse(TODO, obj("{}"));
        assertEquals(-1, empty.limit());
        assertEquals(0, empty.skip());
        assertNull(empty.fields());
        assertSame(A, empty.project(A));
        assertTrue(Filter.ALL.where().matches(UNSET));
    }

    @Test
    void aParsedFilterKeepsItsJsonForRemotes() {
        Map<String, Object> json = obj("{'where':{'title':'a'}}");
        assertEquals(json, Filter.parse(TODO, json).json());
        assertNull(Filter.where(where("{'title':'a'}")).json());
    }
}
