package io.asobi.persistence;

/**
 * A {@link Journal} whose bad documents cannot simply be dropped: names the journal index of the first bad one.
 */
public final class JournalCorruptException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final long index;
    private final String detail;

    /**
     * @param index  journal index of the first bad document.
     * @param detail what is wrong.
     */
    public JournalCorruptException(final long index, final String detail)
    {
        super("corrupt journal document at index " + index + " (0x" + Long.toHexString(index) + "): " + detail);
        this.index = index;
        this.detail = detail;
    }

    /**
     * Journal index of the first bad document.
     *
     * @return the index.
     */
    public long index()
    {
        return index;
    }

    /**
     * What is wrong, without the index prefix of the message.
     *
     * @return the detail.
     */
    public String detail()
    {
        return detail;
    }
}
