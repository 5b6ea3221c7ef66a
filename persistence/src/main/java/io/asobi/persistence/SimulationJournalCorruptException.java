package io.asobi.persistence;

/**
 * A simulation journal document that is truncated or inconsistent; names the document's journal index.
 */
public final class SimulationJournalCorruptException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final long index;

    /**
     * @param index  journal index of the bad document.
     * @param detail what is wrong.
     */
    public SimulationJournalCorruptException(final long index, final String detail)
    {
        super("corrupt simulation journal document at index " + index + " (0x" + Long.toHexString(index) + "): " +
            detail);
        this.index = index;
    }

    /**
     * Journal index of the bad document.
     *
     * @return the index.
     */
    public long index()
    {
        return index;
    }
}
