package io.asobi.ecs;

/**
 * Layout of an entity handle: an {@code int} packing a slot index and a generation.
 * <pre>
 *   31        24 23                                   0
 *  +------------+--------------------------------------+
 *  | generation |              slot index              |
 *  +------------+--------------------------------------+
 * </pre>
 * A slot's generation is bumped when its entity is destroyed, so an old handle to a recycled slot is stale.
 * Slots are recycled in FIFO order, so a handle can only be mistaken for a live one after its slot has been
 * reused {@value #GENERATION_COUNT} times; with many free slots that takes far longer than that many destroys.
 * {@link #NULL} is never issued.
 */
public final class EntityIds
{
    /** Bits of the slot index. */
    public static final int INDEX_BITS = 24;
    /** Mask of the slot index. */
    public static final int INDEX_MASK = (1 << INDEX_BITS) - 1;
    /** Number of distinct generations per slot. */
    public static final int GENERATION_COUNT = 256;
    /** Largest slot index handed out; the all-ones handle is reserved for {@link #NULL}. */
    public static final int MAX_INDEX = INDEX_MASK - 1;
    /** A handle that never refers to an entity. */
    public static final int NULL = -1;

    private EntityIds()
    {
    }

    /**
     * @param entity handle.
     * @return its slot index.
     */
    public static int index(final int entity)
    {
        return entity & INDEX_MASK;
    }

    /**
     * @param entity handle.
     * @return its generation, 0..255.
     */
    public static int generation(final int entity)
    {
        return entity >>> INDEX_BITS;
    }

    /**
     * @param index      slot index, 0..{@link #MAX_INDEX}.
     * @param generation 0..255.
     * @return the packed handle.
     */
    public static int pack(final int index, final int generation)
    {
        return (generation << INDEX_BITS) | index;
    }

    /**
     * @param entity handle.
     * @return a readable form, {@code index:generation}.
     */
    public static String toString(final int entity)
    {
        return NULL == entity ? "NULL" : index(entity) + ":" + generation(entity);
    }
}
