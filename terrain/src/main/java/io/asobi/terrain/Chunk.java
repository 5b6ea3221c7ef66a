package io.asobi.terrain;

/**
 * The chunk format, Asobi's helper format ({@code asobi_terrain}): {@value #SIZE}×{@value #SIZE} tiles of
 * {@value #TILE_BYTES} bytes each, {@code tileId:u16 big-endian, flags:u8, elevation:u8}, row-major (y outer,
 * x inner), {@value #RAW_BYTES} bytes raw. On the wire the raw bytes are zlib-compressed ({@link ChunkCodec}).
 * <p>
 * Chunk coordinates {@code (cx, cy)} are ints in {@code [-MAX_COORD, MAX_COORD]}; tile {@code (x, y)} of chunk
 * {@code (cx, cy)} is world tile {@code (cx × 64 + x, cy × 64 + y)}. Static helpers only.
 */
public final class Chunk
{
    /** Tiles along each side of a chunk. */
    public static final int SIZE = 64;

    /** log2 of {@link #SIZE}: world tile to chunk coordinate is a shift. */
    public static final int SIZE_SHIFT = 6;

    /** Bytes per tile. */
    public static final int TILE_BYTES = 4;

    /** Tiles per chunk. */
    public static final int TILES = SIZE * SIZE;

    /** Bytes of a raw (uncompressed) chunk: 16,384. */
    public static final int RAW_BYTES = TILES * TILE_BYTES;

    /** Largest accepted chunk coordinate magnitude, 2^20: world tiles then fit in ±2^26. */
    public static final int MAX_COORD = 1 << 20;

    /** Largest tile id (u16). */
    public static final int MAX_TILE_ID = 0xFFFF;

    private Chunk()
    {
    }

    /**
     * Is {@code c} a valid chunk coordinate?
     *
     * @param c chunk coordinate.
     * @return true if {@code |c| <= MAX_COORD}.
     */
    public static boolean isValidCoord(final int c)
    {
        return c >= -MAX_COORD && c <= MAX_COORD;
    }

    /**
     * Check a chunk's coordinates.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @throws IllegalArgumentException naming the coordinates if either is out of range.
     */
    public static void checkCoords(final int cx, final int cy)
    {
        if (!isValidCoord(cx) || !isValidCoord(cy))
        {
            throw new IllegalArgumentException(
                "chunk coords must be in -" + MAX_COORD + ".." + MAX_COORD + ": (" + cx + ", " + cy + ")");
        }
    }

    /**
     * Check a tile's coordinates inside a chunk.
     *
     * @param x tile x.
     * @param y tile y.
     * @throws IllegalArgumentException if either is outside {@code 0..63}.
     */
    public static void checkTile(final int x, final int y)
    {
        if (x < 0 || x >= SIZE || y < 0 || y >= SIZE)
        {
            throw new IllegalArgumentException("tile coords must be in 0.." + (SIZE - 1) + ": (" + x + ", " + y + ")");
        }
    }

    /**
     * Pack chunk coordinates into one long key (cx high, cy low).
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return the key.
     */
    public static long key(final int cx, final int cy)
    {
        return ((long)cx << 32) | (cy & 0xFFFF_FFFFL);
    }

    /**
     * Chunk x of a {@link #key}.
     *
     * @param key packed coordinates.
     * @return chunk x.
     */
    public static int keyX(final long key)
    {
        return (int)(key >> 32);
    }

    /**
     * Chunk y of a {@link #key}.
     *
     * @param key packed coordinates.
     * @return chunk y.
     */
    public static int keyY(final long key)
    {
        return (int)key;
    }

    /**
     * The chunk coordinate holding a world tile coordinate (floor division by {@value #SIZE}).
     *
     * @param tile world tile coordinate.
     * @return chunk coordinate, possibly out of the valid range.
     */
    public static int chunkOfTile(final long tile)
    {
        final long c = tile >> SIZE_SHIFT;
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, c));
    }

    /**
     * Byte offset of tile {@code (x, y)} in a raw chunk.
     *
     * @param x tile x, 0..63.
     * @param y tile y, 0..63.
     * @return offset of its first byte.
     */
    public static int offset(final int x, final int y)
    {
        return ((y << SIZE_SHIFT) + x) * TILE_BYTES;
    }

    /**
     * Tile id at {@code (x, y)}.
     *
     * @param raw raw chunk.
     * @param x   tile x.
     * @param y   tile y.
     * @return tile id, 0..65535.
     */
    public static int tileId(final byte[] raw, final int x, final int y)
    {
        final int o = offset(x, y);
        return ((raw[o] & 0xFF) << 8) | (raw[o + 1] & 0xFF);
    }

    /**
     * Flags at {@code (x, y)}.
     *
     * @param raw raw chunk.
     * @param x   tile x.
     * @param y   tile y.
     * @return flags, 0..255.
     */
    public static int flags(final byte[] raw, final int x, final int y)
    {
        return raw[offset(x, y) + 2] & 0xFF;
    }

    /**
     * Elevation at {@code (x, y)}.
     *
     * @param raw raw chunk.
     * @param x   tile x.
     * @param y   tile y.
     * @return elevation, 0..255.
     */
    public static int elevation(final byte[] raw, final int x, final int y)
    {
        return raw[offset(x, y) + 3] & 0xFF;
    }

    /**
     * Write one tile.
     *
     * @param raw       raw chunk.
     * @param x         tile x, 0..63.
     * @param y         tile y, 0..63.
     * @param tileId    0..65535 (only the low 16 bits are written).
     * @param flags     0..255 (low 8 bits).
     * @param elevation 0..255 (low 8 bits).
     */
    public static void setTile(
        final byte[] raw, final int x, final int y, final int tileId, final int flags, final int elevation)
    {
        putTile(raw, offset(x, y), tileId, flags, elevation);
    }

    static void putTile(final byte[] raw, final int offset, final int tileId, final int flags, final int elevation)
    {
        raw[offset] = (byte)(tileId >>> 8);
        raw[offset + 1] = (byte)tileId;
        raw[offset + 2] = (byte)flags;
        raw[offset + 3] = (byte)elevation;
    }

    static void checkRaw(final byte[] raw)
    {
        if (raw.length < RAW_BYTES)
        {
            throw new IllegalArgumentException("a raw chunk buffer needs " + RAW_BYTES + " bytes: " + raw.length);
        }
    }
}
