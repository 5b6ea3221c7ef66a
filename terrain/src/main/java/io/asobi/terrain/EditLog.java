package io.asobi.terrain;

/**
 * Where a {@link ChunkStore} records each edit before it takes effect: the world runtime implements it to journal
 * terrain edits with its zone inputs, and on restart feeds the journaled edits back through
 * {@link ChunkStore#restoreEdits(Iterable)}, which rebuilds every edited chunk (generated chunk + its edits in
 * order = the chunk). Storage-agnostic.
 * <p>
 * Contract: {@link #append} is called once per accepted edit, in the order edits take effect, on the thread that
 * applies it; if it throws, the edit is not applied and the exception reaches the caller.
 */
@FunctionalInterface
public interface EditLog
{
    /** A log that records nothing: edits live only as long as the store. */
    EditLog NONE = edit -> {};

    /**
     * Record an edit durably (or not, for {@link #NONE}) before the store applies it.
     *
     * @param edit the validated edit.
     */
    void append(TerrainEdit edit);
}
