package dev.isosync.model;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.contract.Note;
import dev.isosync.demo.Todo;
import dev.isosync.demo.TodoCodec;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model definitions: records with every property, defaults, hidden properties, strict validation, revisions. */
class ModelDefinitionTest {
    private static final ModelDefinition TODO = Todo.DEFINITION;

    private static List<String> names(ModelDefinition m) {
        List<String> out = new ArrayList<>();
        for (Property p : m.properties()) {
            out.add(p.name());
        }
        return out;
    }

    @Test
    void builderDeclaresAStringIdFirstAndKeepsDeclarationOrder() {
        assertEquals("Todo", TODO.name());
        assertEquals("Todos", TODO.plural());
        assertEquals("id", TODO.idName());
        assertEquals(Arrays.asList("id", "title", "completed", "created"), names(TODO));
        assertEquals(PropertyType.STRING, TODO.property("id").type());
        assertTrue(TODO.property("title").isRequired());
        assertEquals(Boolean.FALSE, TODO.property("completed").defaultValue());
        assertNull(TODO.property("nope"));
        assertEquals("Notes", Note.DEFINITION.plural(), "the plural defaults to the name plus s");
        assertTrue(Note.DEFINITION.property("secret").isHidden());
    }

    @Test
    void builderRefusesMistakes() {
        assertThrows(IllegalArgumentException.class, () -> ModelDefinition.builder(""));
        assertThrows(IllegalArgumentException.class, () -> ModelDefinition.builder(null));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ModelDefinition.builder("M").property(Property.of("a", PropertyType.STRING))
                        .property(Property.of("a", PropertyType.NUMBER)));
        assertTrue(twice.getMessage().contains("'a'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelDefinition.builder("M").property(Property.of("id", PropertyType.STRING)));
        assertThrows(IllegalArgumentException.class, () -> Property.of("a", PropertyType.NUMBER).withDefault("x"));
        assertThrows(IllegalArgumentException.class, () -> Property.of("", PropertyType.NUMBER));
        assertThrows(IllegalArgumentException.class, () -> Property.of("a", null));
    }

    @Test
    void newRecordHasEveryPropertyWithDefaultsAndNulls() {
        Map<String, Object> r = TODO.newRecord(obj("{'title':'a','id':'t1'}"));
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"), r);
        assertEquals(Arrays.asList("id", "title", "completed", "created"), new ArrayList<>(r.keySet()));
        Map<String, Object> explicitNull = TODO.newRecord(obj("{'id':'t1','title':'a','completed':null}"));
        assertNull(explicitNull.get("completed"), "an explicit null is kept, the default only fills absence");
    }

    @Test
    void newRecordGeneratesAnIdWhenThereIsNone() {
        Map<String, Object> r = TODO.newRecord(obj("{'title':'a'}"));
        assertNotNull(r.get("id"));
        assertEquals(36, ((String) r.get("id")).length());
        Map<String, Object> nullId = TODO.newRecord(obj("{'id':null,'title':'a'}"));
        assertNotNull(nullId.get("id"));
    }

    @Test
    void replacementKeepsStoredHiddenPropertiesUnlessNamed() {
        ModelDefinition note = Note.DEFINITION;
        Map<String, Object> stored = note.newRecord(obj("{'id':'n1','body':'x','tags':['a'],'secret':'s'}"));
        Map<String, Object> replaced = note.replacement(stored, obj("{'id':'n1','body':'y'}"));
        assertEquals(obj("{'id':'n1','body':'y','pinned':false,'due':null,'tags':null,'meta':null,'secret':'s'}"), replaced);
        Map<String, Object> named = note.replacement(stored, obj("{'id':'n1','body':'y','secret':null}"));
        assertNull(named.get("secret"));
    }

    @Test
    void replacementAndPatchCannotChangeTheId() {
        Map<String, Object> stored = TODO.newRecord(obj("{'id':'t1','title':'a'}"));
        ValidationException e = assertThrows(ValidationException.class,
                () -> TODO.replacement(stored, obj("{'id':'t2','title':'b'}")));
        assertEquals("immutable", e.errors().get(0).code());
        assertThrows(ValidationException.class, () -> TODO.patched(stored, obj("{'id':'t2'}")));
    }

    @Test
    void patchedChangesOnlyNamedProperties() {
        Map<String, Object> stored = TODO.newRecord(obj("{'id':'t1','title':'a','created':5}"));
        assertEquals(obj("{'id':'t1','title':'a','completed':true,'created':5}"),
                TODO.patched(stored, obj("{'completed':true}")));
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':5}"), stored, "the stored map is not modified");
    }

    @Test
    void visibleLeavesOutHiddenProperties() {
        Map<String, Object> stored = Note.DEFINITION.newRecord(obj("{'id':'n1','body':'x','secret':'s'}"));
        assertEquals(Arrays.asList("id", "body", "pinned", "due", "tags", "meta"),
                new ArrayList<>(Note.DEFINITION.visible(stored).keySet()));
    }

    @Test
    void revisionsMatchLoopBackVectors() {
        assertEquals("cfa1f9be556e475d7a488fe62162d165876a983d",
                TODO.revisionOf(TODO.newRecord(obj("{'id':'t1','title':'a'}"))));
        assertEquals("e915c72b2c0dbd47e99166ae67c7ecfa871454e9",
                TODO.revisionOf(TODO.newRecord(obj("{'id':'t2','title':'b','completed':true,'created':1764115200123}"))));
        ModelDefinition m = ModelDefinition.builder("M").property(Property.of("title", PropertyType.STRING))
                .property(Property.of("u", PropertyType.STRING)).build();
        assertEquals("ef10fa6d48781fff7039fbb02c7eb8a924c5511b", m.revisionOf(m.newRecord(obj("{'id':'y','title':'t'}"))),
                "persistUndefinedAsNull: u is hashed as null");
    }

    @Test
    void revisionOfTheMixedVectorLeavesOutTheHiddenProperty() {
        ModelDefinition m = ModelDefinition.builder("Mixed")
                .property(Property.of("title", PropertyType.STRING))
                .property(Property.of("d", PropertyType.DATE))
                .property(Property.of("n", PropertyType.NUMBER))
                .property(Property.of("obj", PropertyType.OBJECT))
                .property(Property.of("tags", PropertyType.ARRAY))
                .property(Property.of("secret", PropertyType.STRING).hidden())
                .build();
        Map<String, Object> data = obj("{'id':'x','d':'2020-01-02T03:04:05.006Z','n':1.5,'obj':{'z':1,'a':{'y':[1,2],'b':null}},"
                + "'tags':['b','a'],'secret':'never hashed'}");
        data.put("title", "h\u00e9llo \"q\"\n\u2028");
        assertEquals("479eece5f5a917c0286658c8b44ef13e9a18497b", m.revisionOf(m.newRecord(data)));
    }

    @Test
    void changeIdIsTheHashOfModelNameAndId() {
        assertEquals("2bb6492ce284c2c660c29a92c95dc07c75c6986f", TODO.changeIdFor("t1"));
    }

    @Test
    void checkValuesNamesEveryProblem() {
        List<ValidationError> errors = TODO.checkValues(obj("{'title':1,'completed':'yes','created':'soon','colour':'red'}"));
        List<String> props = new ArrayList<>();
        for (ValidationError e : errors) {
            props.add(e.property() + ":" + e.code());
        }
        assertEquals(Arrays.asList("title:type", "completed:type", "created:type", "colour:unknown-property"), props);
        assertEquals(Collections.emptyList(), TODO.checkValues(obj("{'title':null,'created':null}")),
                "null is allowed by type; required is checked on records");
    }

    @Test
    void validationMessageNamesModelIdPropertyAndValue() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TODO.newRecord(obj("{'id':'t1','title':'a','completed':'yes'}")));
        assertEquals(422, e.statusCode());
        assertEquals("ValidationError", e.errorName());
        assertTrue(e.getMessage().contains("`Todo`"), e.getMessage());
        assertTrue(e.getMessage().contains("\"t1\""), e.getMessage());
        assertTrue(e.getMessage().contains("`completed` must be a boolean"), e.getMessage());
        assertTrue(e.getMessage().contains("\"yes\""), e.getMessage());
        Map<String, Object> details = e.details();
        assertEquals("Todo", details.get("context"));
        assertEquals(Collections.singletonMap("completed", Arrays.asList("type")), details.get("codes"));
    }

    @Test
    void missingPropertyIsReportedAsUndefined() {
        ValidationException e = assertThrows(ValidationException.class, () -> TODO.newRecord(obj("{'id':'t1'}")));
        ValidationError error = e.errors().get(0);
        assertEquals("title", error.property());
        assertEquals("presence", error.code());
        assertFalse(error.valuePresent());
        assertTrue(e.getMessage().contains("(value: undefined)"), e.getMessage());
    }

    @Test
    void idsAreOneTo255CharactersWithoutControlCharactersOrLoneSurrogates() {
        assertNull(ModelDefinition.idProblem("t1"));
        assertNull(ModelDefinition.idProblem(String.join("", Collections.nCopies(255, "x"))));
        assertNull(ModelDefinition.idProblem("\ud83d\ude00"));
        assertNull(ModelDefinition.idProblem("with space and \u00e9"));
        assertNotNull(ModelDefinition.idProblem(""));
        assertNotNull(ModelDefinition.idProblem(String.join("", Collections.nCopies(256, "x"))));
        assertNotNull(ModelDefinition.idProblem("a\tb"));
        assertNotNull(ModelDefinition.idProblem("a\u007fb"));
        assertNotNull(ModelDefinition.idProblem("a\ud800"));
        assertNotNull(ModelDefinition.idProblem("\udc00a"));
        assertNotNull(ModelDefinition.idProblem(5.0));
        assertNotNull(ModelDefinition.idProblem(null));
    }

    @Test
    void unstorableStringsAreRefusedAnywhereInAValue() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("k\u0000", "v");
        Map<String, Object> data = obj("{'id':'n1','body':'x'}");
        data.put("meta", meta);
        assertThrows(ValidationException.class, () -> Note.DEFINITION.newRecord(data));
        data.put("meta", Collections.singletonMap("k", Arrays.asList("ok", Collections.singletonMap("deep", "\ud800"))));
        ValidationException e = assertThrows(ValidationException.class, () -> Note.DEFINITION.newRecord(data));
        assertEquals("meta", e.errors().get(0).property());
    }

    @Test
    void propertyTypesAcceptOnlyTheirJsonType() {
        assertTrue(PropertyType.NUMBER.accepts(1.5));
        assertTrue(PropertyType.NUMBER.accepts(3));
        assertFalse(PropertyType.NUMBER.accepts(Double.NaN));
        assertFalse(PropertyType.NUMBER.accepts(Double.POSITIVE_INFINITY));
        assertFalse(PropertyType.NUMBER.accepts("1"));
        assertFalse(PropertyType.BOOLEAN.accepts("true"));
        assertFalse(PropertyType.STRING.accepts(1.0));
        assertTrue(PropertyType.DATE.accepts("2016-02-29T00:00:00.000Z"));
        assertFalse(PropertyType.DATE.accepts("2020-01-02T03:04:05Z"), "milliseconds are required");
        assertFalse(PropertyType.DATE.accepts("2020-13-02T03:04:05.000Z"));
        assertFalse(PropertyType.DATE.accepts("2020-01-02 03:04:05.000Z"));
        assertFalse(PropertyType.DATE.accepts("2020-01-02T24:00:00.000Z"));
        assertFalse(PropertyType.DATE.accepts(1577934245006.0));
        assertTrue(PropertyType.OBJECT.accepts(new LinkedHashMap<>()));
        assertFalse(PropertyType.OBJECT.accepts(new ArrayList<>()));
        assertTrue(PropertyType.ARRAY.accepts(new ArrayList<>()));
        assertTrue(PropertyType.ANY.accepts("x"));
    }

    @Test
    void todoCodecRoundTrips() {
        Todo todo = new Todo("t1", "a", true, 1764115200123.0);
        Map<String, Object> record = TodoCodec.toRecord(todo);
        assertEquals(todo, TodoCodec.fromRecord(TODO.newRecord(record)));
        assertEquals("e915c72b2c0dbd47e99166ae67c7ecfa871454e9",
                TODO.revisionOf(TODO.newRecord(TodoCodec.toRecord(new Todo("t2", "b", true, 1764115200123.0)))));
        Todo unsaved = new Todo(null, "x", false, null);
        assertFalse(TodoCodec.toRecord(unsaved).containsKey("id"));
        assertEquals(new Todo("t3", "x", false, null), TodoCodec.fromRecord(TODO.newRecord(obj("{'id':'t3','title':'x'}"))));
    }

    @Test
    void withOwnerAddsAHiddenOwnerThatChangesNeitherTheRevisionNorWhatClientsSee() {
        ModelDefinition scoped = TODO.withOwner("ownerId");
        assertEquals("ownerId", scoped.ownerName());
        assertNull(TODO.ownerName(), "the original is unchanged");
        assertEquals("Todos", scoped.plural());
        List<String> expected = new ArrayList<>(names(TODO));
        expected.add("ownerId");
        assertEquals(expected, names(scoped));
        Map<String, Object> record = TODO.newRecord(obj("{'id':'t1','title':'milk'}"));
        Map<String, Object> owned = new LinkedHashMap<>(record);
        owned.put("ownerId", "42");
        assertEquals(record, scoped.visible(owned));
        assertEquals(TODO.revisionOf(record), scoped.revisionOf(owned));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> scoped.withOwner("other"));
        assertEquals("model 'Todo' already has the owner 'ownerId'", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TODO.withOwner("title"), "a property of that name");
    }
}
