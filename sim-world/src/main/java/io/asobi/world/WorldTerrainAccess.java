package io.asobi.world;

import io.asobi.terrain.CompressedChunk;

/**
 * The terrain of one world as its game logic sees it ({@link WorldContext#terrain()}): read chunks and tiles, edit
 * tiles. One world unit is one tile; the world's tiles are {@code 0 ≤ x, y < extentChunks × 64}
 * ({@link WorldTerrain#extentChunks}), its chunks {@code 0 ≤ cx, cy < extentChunks}.
 * <p>
 * An edit takes effect at once for reads, is kept for the world's life (edited chunks are rebuilt from the
 * provider plus their edits, so cache eviction never loses one), is offered to the world's journal, and every
 * player holding the edited chunk is sent its new {@code world.terrain} frame at the next broadcast tick (one frame
 * per chunk per tick, shared by all holders). Edits are deterministic: made by logic callbacks on the tick thread,
 * they are re-made when the journal replays those callbacks.
 * <p>
 * <b>Note:</b> the world's tick thread only. Reads of a chunk that is not cached build it on the calling thread;
 * {@link #preload} builds chunks off the tick thread ahead of such reads.
 */
public interface WorldTerrainAccess
{
    /** Most tile edits one world accepts per tick; further ones answer {@link #RATE_LIMITED}. */
    int MAX_EDITS_PER_TICK = 4096;

    /** Error of {@link #setTile}: the tile is outside the world. */
    String OUT_OF_BOUNDS = "out_of_bounds";
    /** Error of {@link #setTile}: a value is out of range. */
    String INVALID_TILE = "invalid_tile";
    /** Error of {@link #setTile}: the world made {@value #MAX_EDITS_PER_TICK} edits this tick already. */
    String RATE_LIMITED = "rate_limited";
    /** Error of {@link #setTile}: the world holds as many edited tiles as its store allows. */
    String EDIT_LIMIT_REACHED = "edit_limit_reached";
    /** Error of {@link #setTile}: the world's journal refused the edit. */
    String JOURNAL_FAILED = "journal_failed";

    /**
     * Chunks along each side of the world.
     *
     * @return at least 1.
     */
    int extentChunks();

    /**
     * Chunk {@code (cx, cy)} with its edits, compressed as sent in {@code world.terrain} ({@link
     * CompressedChunk#base64()} is the frame's {@code data}).
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return the chunk, or null if it is outside the world.
     * @throws IllegalStateException if the provider fails.
     */
    CompressedChunk chunk(int cx, int cy);

    /**
     * Start building chunk {@code (cx, cy)} off the tick thread unless it is cached or under way.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return false if it is outside the world.
     */
    boolean preload(int cx, int cy);

    /**
     * Tile {@code (x, y)} packed as {@code tileId << 16 | flags << 8 | elevation}.
     *
     * @param x world tile x.
     * @param y world tile y.
     * @return the packed tile (non-negative), or -1 if outside the world.
     * @throws IllegalStateException if the provider fails.
     */
    long tile(long x, long y);

    /**
     * Set tile {@code (x, y)}; deterministic.
     *
     * @param x         world tile x.
     * @param y         world tile y.
     * @param tileId    0..65535.
     * @param flags     0..255.
     * @param elevation 0..255.
     * @return null if applied, else why not: {@link #OUT_OF_BOUNDS}, {@link #INVALID_TILE}, {@link #RATE_LIMITED},
     *         {@link #EDIT_LIMIT_REACHED} or {@link #JOURNAL_FAILED}; nothing changes then.
     */
    String setTile(long x, long y, int tileId, int flags, int elevation);

    /**
     * Tile id of a packed tile of {@link #tile}.
     *
     * @param packed the packed tile.
     * @return 0..65535.
     */
    static int tileIdOf(final long packed)
    {
        return (int)(packed >>> 16) & 0xFFFF;
    }

    /**
     * Flags of a packed tile of {@link #tile}.
     *
     * @param packed the packed tile.
     * @return 0..255.
     */
    static int flagsOf(final long packed)
    {
        return (int)(packed >>> 8) & 0xFF;
    }

    /**
     * Elevation of a packed tile of {@link #tile}.
     *
     * @param packed the packed tile.
     * @return 0..255.
     */
    static int elevationOf(final long packed)
    {
        return (int)packed & 0xFF;
    }
}
