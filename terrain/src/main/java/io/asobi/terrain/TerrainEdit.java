package io.asobi.terrain;

/**
 * One tile set to new values: tile {@code (x, y)} of chunk {@code (cx, cy)} becomes {@code (tileId, flags,
 * elevation)}, whatever the provider generated. An edit overwrites the whole tile, so the last edit of a tile
 * decides it.
 *
 * @param cx        chunk x, valid per {@link Chunk#checkCoords}.
 * @param cy        chunk y.
 * @param x         tile x in the chunk, 0..63.
 * @param y         tile y in the chunk, 0..63.
 * @param tileId    0..65535.
 * @param flags     0..255.
 * @param elevation 0..255.
 */
public record TerrainEdit(int cx, int cy, int x, int y, int tileId, int flags, int elevation)
{
    /**
     * Validate.
     *
     * @throws IllegalArgumentException naming the first value out of range.
     */
    public TerrainEdit
    {
        Chunk.checkCoords(cx, cy);
        Chunk.checkTile(x, y);
        checkTileValues(tileId, flags, elevation);
    }

    /**
     * The edit of world tile {@code (worldX, worldY)}.
     *
     * @param worldX    world tile x.
     * @param worldY    world tile y.
     * @param tileId    0..65535.
     * @param flags     0..255.
     * @param elevation 0..255.
     * @return the edit of that tile in its chunk.
     * @throws IllegalArgumentException if the tile's chunk is out of range or a value is.
     */
    public static TerrainEdit ofWorldTile(
        final long worldX, final long worldY, final int tileId, final int flags, final int elevation)
    {
        return new TerrainEdit(
            Chunk.chunkOfTile(worldX), Chunk.chunkOfTile(worldY),
            (int)(worldX & (Chunk.SIZE - 1)), (int)(worldY & (Chunk.SIZE - 1)),
            tileId, flags, elevation);
    }

    /**
     * The packed key of the edited chunk, as {@link Chunk#key}.
     *
     * @return the chunk key.
     */
    public long chunkKey()
    {
        return Chunk.key(cx, cy);
    }

    /**
     * Index of the edited tile in its chunk, {@code y × 64 + x}.
     *
     * @return 0..4095.
     */
    public int tileIndex()
    {
        return (y << Chunk.SIZE_SHIFT) + x;
    }

    /**
     * Write this edit's tile into a raw chunk (which should be chunk {@code (cx, cy)}).
     *
     * @param raw raw chunk of at least {@value Chunk#RAW_BYTES} bytes.
     */
    public void applyTo(final byte[] raw)
    {
        Chunk.checkRaw(raw);
        Chunk.setTile(raw, x, y, tileId, flags, elevation);
    }

    static void checkTileValues(final int tileId, final int flags, final int elevation)
    {
        if (tileId < 0 || tileId > Chunk.MAX_TILE_ID)
        {
            throw new IllegalArgumentException("tileId must be in 0.." + Chunk.MAX_TILE_ID + ": " + tileId);
        }
        if (flags < 0 || flags > 0xFF)
        {
            throw new IllegalArgumentException("flags must be in 0..255: " + flags);
        }
        if (elevation < 0 || elevation > 0xFF)
        {
            throw new IllegalArgumentException("elevation must be in 0..255: " + elevation);
        }
    }
}
