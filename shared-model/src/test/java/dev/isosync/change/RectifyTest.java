package dev.isosync.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every branch of LoopBack's {@code Change.prototype.rectify} (PROTOCOL.md 1.6) as {@link Rectify} computes it. */
class RectifyTest {
    private static Rectify rectify(Change current, String newRev, long checkpoint) {
        return Rectify.of(current, "Todo", "t1", newRev, checkpoint, false);
    }

    private static Change saved(Rectify r) {
        assertEquals(Rectify.Action.SAVE, r.action());
        return r.change();
    }

    private static Change stored(String rev, long checkpoint) {
        return Change.of("Todo", "t1", rev, checkpoint);
    }

    @Test
    void firstRevisionIsACreateWithAbsentPrev() {
        Change c = saved(rectify(null, "A", 1));
        assertEquals("A", c.rev());
        assertFalse(c.hasPrev());
        assertEquals(Long.valueOf(1), c.checkpoint());
        assertEquals("Todo", c.modelName());
        assertEquals("t1", c.modelId());
        assertEquals(ChangeType.CREATE, c.type());
    }

    @Test
    void noRevisionAndNoRecordRemovesTheRow() {
        Rectify r = rectify(null, null, 1);
        assertEquals(Rectify.Action.REMOVE, r.action());
        assertNull(r.change());
    }

    @Test
    void sameRevisionKeepsTheRowAndItsCheckpoint() {
        Change current = stored("A", 1).withPrev("P");
        Rectify r = rectify(current, "A", 5);
        assertEquals(Rectify.Action.KEEP, r.action());
        assertSame(current, r.change());
        Change tombstone = stored(null, 1).withPrev("A");
        assertEquals(Rectify.Action.KEEP, rectify(tombstone, null, 5).action());
    }

    @Test
    void sameRevisionWithAnotherEchoFlagSavesOnlyTheFlag() {
        Change current = stored("A", 1).withPrev("P");
        Change c = saved(Rectify.of(current, "Todo", "t1", "A", 5, true));
        assertEquals(current.withEcho(true), c);
        assertEquals(Long.valueOf(1), c.checkpoint(), "the checkpoint is not touched");
        Change back = saved(Rectify.of(c, "Todo", "t1", "A", 6, false));
        assertEquals(current, back);
    }

    @Test
    void newRevisionInTheSameCheckpointKeepsPrev() {
        Change fromCreate = saved(rectify(stored("A", 2), "B", 2));
        assertEquals("B", fromCreate.rev());
        assertFalse(fromCreate.hasPrev(), "still a create");
        Change fromUpdate = saved(rectify(stored("B", 2).withPrev("A"), "C", 2));
        assertEquals("C", fromUpdate.rev());
        assertEquals("A", fromUpdate.prev());
        assertEquals(Long.valueOf(2), fromUpdate.checkpoint());
    }

    @Test
    void newRevisionInALaterCheckpointMovesPrev() {
        Change c = saved(rectify(stored("A", 1), "B", 2));
        assertEquals("B", c.rev());
        assertTrue(c.hasPrev());
        assertEquals("A", c.prev());
        assertEquals(Long.valueOf(2), c.checkpoint());
        assertEquals(ChangeType.UPDATE, c.type());
    }

    @Test
    void newRevisionAfterATombstoneIsACreateWithNullPrev() {
        Change c = saved(rectify(stored(null, 1).withPrev("A"), "B", 2));
        assertEquals("B", c.rev());
        assertTrue(c.hasPrev());
        assertNull(c.prev());
        assertEquals(ChangeType.CREATE, c.type());
    }

    @Test
    void deleteInTheSameCheckpointKeepsPrev() {
        Change created = saved(rectify(stored("A", 1), null, 1));
        assertNull(created.rev());
        assertFalse(created.hasPrev());
        assertEquals(ChangeType.UNKNOWN, created.type(), "created and deleted in one checkpoint");
        Change updated = saved(rectify(stored("B", 2).withPrev("A"), null, 2));
        assertNull(updated.rev());
        assertEquals("A", updated.prev());
        assertEquals(ChangeType.DELETE, updated.type());
    }

    @Test
    void deleteInALaterCheckpointMovesPrevToTheLastRevision() {
        Change c = saved(rectify(stored("B", 2).withPrev("A"), null, 3));
        assertNull(c.rev());
        assertEquals("B", c.prev());
        assertEquals(Long.valueOf(3), c.checkpoint());
        assertEquals(ChangeType.DELETE, c.type());
    }

    @Test
    void deleteOverAnEmptyRevisionKeepsATruthyPrev() {
        Change c = saved(rectify(stored("", 1).withPrev("A"), null, 2));
        assertNull(c.rev());
        assertEquals("A", c.prev());
        assertEquals(Long.valueOf(2), c.checkpoint());
    }

    @Test
    void deleteWithNeitherRevisionNorPrevRemovesTheRow() {
        assertEquals(Rectify.Action.REMOVE, rectify(stored("", 1), null, 2).action());
        assertEquals(Rectify.Action.REMOVE, rectify(stored("", 1).withPrev(null), null, 2).action());
        assertEquals(Rectify.Action.REMOVE, rectify(stored("", 1).withPrev(""), null, 2).action());
    }

    @Test
    void aRowWithoutCheckpointCountsAsAnotherCheckpoint() {
        Change c = saved(rectify(Change.of("Todo", "t1", "A", null), "B", 4));
        assertEquals("A", c.prev());
        assertEquals(Long.valueOf(4), c.checkpoint());
    }

    @Test
    void theRowTakesTheModelNameAndEchoFlagOfTheWrite() {
        Change c = Rectify.of(Change.of("Other", "t1", "A", 1L), "Todo", "t1", "B", 2, true).change();
        assertEquals("Todo", c.modelName());
        assertTrue(c.isEcho());
        Change local = Rectify.of(c, "Todo", "t1", "C", 2, false).change();
        assertFalse(local.isEcho());
    }

    @Test
    void observedLoopBackSequence() {
        // create t1 at cp1; POST /checkpoint; PATCH; PATCH again; PATCH with identical data (PROTOCOL.md 1.6 [RUN])
        Change c = saved(rectify(null, "A", 1));
        c = saved(rectify(c, "B", 2));
        assertEquals("A", c.prev());
        c = saved(rectify(c, "C", 2));
        assertEquals("C", c.rev());
        assertEquals("A", c.prev());
        assertEquals(Long.valueOf(2), c.checkpoint());
        assertEquals(Rectify.Action.KEEP, rectify(c, "C", 2).action());
    }
}
