package io.asobi.terrain;

/**
 * Generates the raw tiles of a chunk from its coordinates alone.
 * <p>
 * Contract: {@link #generate(int, int, byte[])} writes all {@value Chunk#RAW_BYTES} bytes; the result depends only
 * on the provider's configuration and the coordinates (never on time, call order or the machine), so a chunk can be
 * dropped from any cache and generated again identically. Implementations are called from many threads at once
 * and must be thread safe (the built-in ones are immutable).
 */
public interface TerrainProvider
{
    /**
     * Fill {@code raw} with the chunk at {@code (cx, cy)}.
     *
     * @param cx  chunk x, valid per {@link Chunk#checkCoords}.
     * @param cy  chunk y, valid per {@link Chunk#checkCoords}.
     * @param raw destination of at least {@value Chunk#RAW_BYTES} bytes; all of the first {@value Chunk#RAW_BYTES}
     *            are written.
     * @throws IllegalArgumentException if the coordinates are out of range or {@code raw} is short.
     */
    void generate(int cx, int cy, byte[] raw);

    /**
     * The chunk at {@code (cx, cy)} in a new array.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return {@value Chunk#RAW_BYTES} raw bytes.
     * @throws IllegalArgumentException if the coordinates are out of range.
     */
    default byte[] generate(final int cx, final int cy)
    {
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        generate(cx, cy, raw);
        return raw;
    }
}
