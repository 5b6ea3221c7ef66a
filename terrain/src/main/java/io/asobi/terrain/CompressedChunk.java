package io.asobi.terrain;

import java.nio.ByteBuffer;

/**
 * A chunk as it goes to clients: its coordinates, its zlib bytes and their base64 text (the {@code data} of
 * {@code world.terrain {coords:[cx,cy], data}}), computed once and shared by every viewer. Immutable.
 */
public final class CompressedChunk
{
    /** Estimated bytes of an instance's object headers and references, counted against the cache bound. */
    static final int OVERHEAD_BYTES = 128;

    private final int cx;
    private final int cy;
    private final byte[] data;
    private final String base64;

    CompressedChunk(final int cx, final int cy, final byte[] data, final String base64)
    {
        this.cx = cx;
        this.cy = cy;
        this.data = data;
        this.base64 = base64;
    }

    /**
     * Chunk x.
     *
     * @return chunk x.
     */
    public int cx()
    {
        return cx;
    }

    /**
     * Chunk y.
     *
     * @return chunk y.
     */
    public int cy()
    {
        return cy;
    }

    /**
     * Compressed length.
     *
     * @return bytes of the zlib stream.
     */
    public int length()
    {
        return data.length;
    }

    byte[] data()
    {
        return data;
    }

    /**
     * A copy of the zlib stream.
     *
     * @return a new array.
     */
    public byte[] bytes()
    {
        return data.clone();
    }

    /**
     * Copy the zlib stream into a caller's buffer.
     *
     * @param dst    destination with {@link #length()} bytes of room from {@code offset}.
     * @param offset where to write.
     */
    public void getBytes(final byte[] dst, final int offset)
    {
        System.arraycopy(data, 0, dst, offset, data.length);
    }

    /**
     * A read-only view of the zlib stream, for writing to a channel without a copy.
     *
     * @return a new read-only buffer over the shared bytes.
     */
    public ByteBuffer asReadOnlyBuffer()
    {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /**
     * The zlib stream in standard base64 with padding, as {@code world.terrain}'s {@code data}.
     *
     * @return base64 text.
     */
    public String base64()
    {
        return base64;
    }

    /**
     * What this chunk costs a cache: its bytes, its base64 text (one byte per character) and an estimate of its
     * object overhead.
     *
     * @return bytes.
     */
    public int footprintBytes()
    {
        return data.length + base64.length() + OVERHEAD_BYTES;
    }

    /** {@inheritDoc} */
    public String toString()
    {
        return "CompressedChunk{cx=" + cx + ", cy=" + cy + ", length=" + data.length + '}';
    }
}
