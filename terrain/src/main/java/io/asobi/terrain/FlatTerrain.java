package io.asobi.terrain;

/**
 * Every tile of every chunk the same: one tile id, flags and elevation. Immutable.
 */
public final class FlatTerrain implements TerrainProvider
{
    private final int tileId;
    private final int flags;
    private final int elevation;

    /**
     * Flat walkable terrain.
     *
     * @param tileId    0..65535.
     * @param elevation 0..255.
     * @throws IllegalArgumentException if out of range.
     */
    public FlatTerrain(final int tileId, final int elevation)
    {
        this(tileId, Tiles.FLAG_WALKABLE, elevation);
    }

    /**
     * Flat terrain with given flags.
     *
     * @param tileId    0..65535.
     * @param flags     0..255.
     * @param elevation 0..255.
     * @throws IllegalArgumentException if out of range.
     */
    public FlatTerrain(final int tileId, final int flags, final int elevation)
    {
        TerrainEdit.checkTileValues(tileId, flags, elevation);
        this.tileId = tileId;
        this.flags = flags;
        this.elevation = elevation;
    }

    /** {@inheritDoc} */
    public void generate(final int cx, final int cy, final byte[] raw)
    {
        Chunk.checkCoords(cx, cy);
        Chunk.checkRaw(raw);
        for (int o = 0; o < Chunk.RAW_BYTES; o += Chunk.TILE_BYTES)
        {
            Chunk.putTile(raw, o, tileId, flags, elevation);
        }
    }

    /** {@inheritDoc} */
    public String toString()
    {
        return "FlatTerrain{tileId=" + tileId + ", flags=" + flags + ", elevation=" + elevation + '}';
    }
}
