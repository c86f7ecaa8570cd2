package dev.isosync.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules of change records: type, equality of revisions, isBasedOn, conflictsWith (PROTOCOL.md 1.3, 2.5). */
class ChangeTest {
    private static final String ABSENT = "<absent>";
    private static final String NULL = "<null>";

    /** A change from the table's notation: {@code <null>} is null, {@code <absent>} an absent prev. */
    private static Change change(String rev, String prev) {
        Change c = Change.of("Todo", "t1", NULL.equals(rev) ? null : rev, 1L);
        if (ABSENT.equals(prev)) {
            return c;
        }
        return c.withPrev(NULL.equals(prev) ? null : prev);
    }

    @ParameterizedTest(name = "rev {0}, prev {1} -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "a      | b        | UPDATE",
        "a      | <null>   | CREATE",
        "a      | <absent> | CREATE",
        "a      | ''       | CREATE",
        "<null> | b        | DELETE",
        "''     | b        | DELETE",
        "<null> | <null>   | UNKNOWN",
        "<null> | <absent> | UNKNOWN",
        "<null> | ''       | UNKNOWN",
        "''     | ''       | UNKNOWN",
        "''     | <absent> | UNKNOWN",
    })
    void typeFollowsTheTruthinessOfRevAndPrev(String rev, String prev, ChangeType expected) {
        assertEquals(expected, change(rev, prev).type());
    }

    @Test
    void changeTypesHaveLoopBacksWireNames() {
        assertEquals("create", ChangeType.CREATE.wireName());
        assertEquals("update", ChangeType.UPDATE.wireName());
        assertEquals("delete", ChangeType.DELETE.wireName());
        assertEquals("unknown", ChangeType.UNKNOWN.wireName());
        for (ChangeType t : ChangeType.values()) {
            assertEquals(t, ChangeType.fromWire(t.wireName()));
        }
        assertNull(ChangeType.fromWire("Create"));
        assertNull(ChangeType.fromWire("remove"));
    }

    @Test
    void sameRevisionComparesRevisionsOnly() {
        assertTrue(change("a", "x").sameRevision(change("a", "y")));
        assertTrue(change("a", ABSENT).sameRevision(Change.of("LocalTodo", "t1", "a", 9L)));
        assertFalse(change("a", "x").sameRevision(change("b", "x")));
        assertTrue(change(NULL, "x").sameRevision(change(NULL, "y")), "two tombstones are equal");
        assertTrue(change("", "x").sameRevision(change(NULL, "y")), "an empty revision counts as none");
        assertFalse(change("a", "x").sameRevision(change(NULL, "a")));
    }

    @Test
    void isBasedOnIsStrictEqualityWithAbsentMatchingNothing() {
        assertTrue(change("b", "a").isBasedOn(change("a", ABSENT)));
        assertFalse(change("b", "x").isBasedOn(change("a", ABSENT)));
        assertTrue(change("b", NULL).isBasedOn(change(NULL, "a")), "a null prev is based on a tombstone");
        assertFalse(change("b", ABSENT).isBasedOn(change(NULL, "a")), "an absent prev is based on nothing");
        assertFalse(change("b", "").isBasedOn(change(NULL, "a")), "'' !== null");
        assertFalse(change("b", NULL).isBasedOn(change("", "a")), "null !== ''");
    }

    @Test
    void conflictsWithFollowsLoopBack() {
        Change target = change("a", "base");
        assertFalse(change("a", "zzz").conflictsWith(target), "same revision");
        assertFalse(change("b", "a").conflictsWith(target), "based on the target");
        assertTrue(change("b", "base").conflictsWith(target), "both changed the same base");
        assertTrue(change("b", ABSENT).conflictsWith(target), "a create against existing data");
        assertFalse(change(NULL, "a").conflictsWith(target), "a delete of exactly the target's revision");
        assertTrue(change(NULL, "base").conflictsWith(target), "a delete of an older revision");

        Change tombstone = change(NULL, "a");
        assertFalse(change(NULL, "other").conflictsWith(tombstone), "both deleted");
        assertTrue(change("b", "a").conflictsWith(tombstone), "an update of what the target deleted");
        assertTrue(change("b", ABSENT).conflictsWith(tombstone), "a create with absent prev never resurrects");
        assertFalse(change("b", NULL).conflictsWith(tombstone), "a create made on top of the tombstone");
    }

    @Test
    void prevPresenceIsPartOfEquality() {
        Change absent = change("a", ABSENT);
        Change nulled = change("a", NULL);
        assertNotEquals(absent, nulled);
        assertFalse(absent.hasPrev());
        assertTrue(nulled.hasPrev());
        assertNull(nulled.prev());
        assertEquals(absent, nulled.withoutPrev());
        assertEquals(absent.hashCode(), nulled.withoutPrev().hashCode());
        assertEquals(change("a", "p"), change("a", "p"));
        assertNotEquals(change("a", "p"), change("a", "p").withEcho(true));
        assertNotEquals(change("a", "p"), change("a", "p").withModelName("LocalTodo"));
    }

    @Test
    void withersReturnNewChangesAndLeaveTheOriginal() {
        Change c = Change.of("Todo", "t1", "a", 1L);
        Change d = c.withRev("b").withPrev("a").withCheckpoint(2L).withEcho(true).withModelName("LocalTodo");
        assertEquals("a", c.rev());
        assertFalse(c.hasPrev());
        assertEquals(Long.valueOf(1), c.checkpoint());
        assertFalse(c.isEcho());
        assertEquals("Todo", c.modelName());
        assertEquals("b", d.rev());
        assertEquals("a", d.prev());
        assertEquals(Long.valueOf(2), d.checkpoint());
        assertTrue(d.isEcho());
        assertEquals("LocalTodo", d.modelName());
        assertEquals("t1", d.modelId());
    }

    @Test
    void checkpointMayBeMissingFromAWireChange() {
        Change c = Change.of(null, "t1", "a", null);
        assertNull(c.checkpoint());
        assertEquals(7, c.checkpointOr(7));
        assertEquals(3, c.withCheckpoint(3L).checkpointOr(7));
    }

    @Test
    void modelIdIsRequired() {
        assertThrows(NullPointerException.class, () -> Change.of("Todo", null, "a", 1L));
    }

    @Test
    void toStringShowsAbsentAndNullPrevDifferently() {
        assertTrue(change("a", ABSENT).toString().contains("prev=absent"));
        assertTrue(change("a", NULL).toString().contains("prev=null"));
    }
}
