package io.asobi.world;

import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkStore;
import io.asobi.terrain.FlatTerrain;
import io.asobi.terrain.NoiseTerrain;
import io.asobi.terrain.TerrainProvider;
import io.asobi.terrain.ViewerStream;

/**
 * The terrain of a world mode ({@link WorldConfig#terrain()}): which provider generates its chunks and how they are
 * streamed to players as {@code world.terrain {coords:[cx,cy], data}} (asobi-spec §4.5, §6 Terrain).
 * <p>
 * One world unit is one tile: a world spans tiles {@code 0 ≤ x, y < gridSize × zoneSize}, so chunks
 * {@code 0 ≤ cx, cy < ceil(gridSize × zoneSize / 64)}; chunks outside that extent are never sent.
 *
 * @param kind               {@link #FLAT} or {@link #NOISE}.
 * @param tileId             tile id of a flat terrain, 0..65535 (ignored for noise).
 * @param elevation          elevation of a flat terrain, 0..255 (ignored for noise).
 * @param seed               seed of a noise terrain (ignored for flat).
 * @param radiusChunks       chunks streamed around the player's chunk, 0..{@value ViewerStream#MAX_RADIUS_CHUNKS},
 *                           or {@link #DEFAULT_RADIUS} for the view ring's extent ({@link #radiusChunksFor}).
 * @param chunksPerTick      chunks sent to one player per broadcast tick, 1..{@value #MAX_CHUNKS_PER_TICK}.
 * @param cacheCapacityBytes bound of the world's chunk cache, at least
 *                           {@value ChunkStore.Context#CACHE_CAPACITY_BYTES_MIN}.
 */
public record WorldTerrain(
    String kind,
    int tileId,
    int elevation,
    long seed,
    int radiusChunks,
    int chunksPerTick,
    long cacheCapacityBytes)
{
    /** Every tile the same ({@link FlatTerrain}). */
    public static final String FLAT = "flat";
    /** Seeded fractal value noise ({@link NoiseTerrain}). */
    public static final String NOISE = "noise";
    /** {@link #radiusChunks()} value meaning "the view ring's extent in chunks". */
    public static final int DEFAULT_RADIUS = -1;
    /** Default chunks per player per broadcast tick. */
    public static final int DEFAULT_CHUNKS_PER_TICK = 4;
    /** Largest accepted chunks per player per broadcast tick. */
    public static final int MAX_CHUNKS_PER_TICK = 256;
    /** Default bound of a world's chunk cache: 16 MiB. */
    public static final long DEFAULT_CACHE_CAPACITY_BYTES = 16L * 1024 * 1024;
    /** Hysteresis of every player's stream, in chunks: walking over a chunk edge and back resends nothing. */
    public static final int HYSTERESIS_CHUNKS = 1;

    /**
     * Flat terrain: every tile {@code tileId} at {@code elevation}, walkable.
     *
     * @param tileId    0..65535.
     * @param elevation 0..255.
     * @return the terrain with default streaming.
     */
    public static WorldTerrain flat(final int tileId, final int elevation)
    {
        return new WorldTerrain(FLAT, tileId, elevation, 0, DEFAULT_RADIUS, DEFAULT_CHUNKS_PER_TICK,
            DEFAULT_CACHE_CAPACITY_BYTES);
    }

    /**
     * Noise terrain with default parameters.
     *
     * @param seed the seed.
     * @return the terrain with default streaming.
     */
    public static WorldTerrain noise(final long seed)
    {
        return new WorldTerrain(NOISE, 0, 0, seed, DEFAULT_RADIUS, DEFAULT_CHUNKS_PER_TICK,
            DEFAULT_CACHE_CAPACITY_BYTES);
    }

    /**
     * @param radiusChunks  chunks around the player ({@link #DEFAULT_RADIUS} for the view ring's extent).
     * @param chunksPerTick chunks per player per broadcast tick.
     * @return a copy with that streaming.
     */
    public WorldTerrain withStreaming(final int radiusChunks, final int chunksPerTick)
    {
        return new WorldTerrain(kind, tileId, elevation, seed, radiusChunks, chunksPerTick, cacheCapacityBytes);
    }

    /**
     * @param cacheCapacityBytes bound of the chunk cache.
     * @return a copy with that bound.
     */
    public WorldTerrain withCacheCapacityBytes(final long cacheCapacityBytes)
    {
        return new WorldTerrain(kind, tileId, elevation, seed, radiusChunks, chunksPerTick, cacheCapacityBytes);
    }

    /**
     * Why this terrain cannot be used.
     *
     * @return a message naming the first invalid setting, or null if valid.
     */
    public String problem()
    {
        if (!FLAT.equals(kind) && !NOISE.equals(kind))
        {
            return "terrain kind must be \"flat\" or \"noise\": " + kind;
        }
        if (FLAT.equals(kind) && (tileId < 0 || tileId > Chunk.MAX_TILE_ID))
        {
            return "terrain tileId must be in 0.." + Chunk.MAX_TILE_ID + ": " + tileId;
        }
        if (FLAT.equals(kind) && (elevation < 0 || elevation > 255))
        {
            return "terrain elevation must be in 0..255: " + elevation;
        }
        if (radiusChunks != DEFAULT_RADIUS && (radiusChunks < 0 || radiusChunks > ViewerStream.MAX_RADIUS_CHUNKS))
        {
            return "terrain radiusChunks must be -1 (default) or in 0.." + ViewerStream.MAX_RADIUS_CHUNKS + ": " +
                radiusChunks;
        }
        if (chunksPerTick < 1 || chunksPerTick > MAX_CHUNKS_PER_TICK)
        {
            return "terrain chunksPerTick must be in 1.." + MAX_CHUNKS_PER_TICK + ": " + chunksPerTick;
        }
        if (cacheCapacityBytes < ChunkStore.Context.CACHE_CAPACITY_BYTES_MIN)
        {
            return "terrain cacheCapacityBytes must be at least " + ChunkStore.Context.CACHE_CAPACITY_BYTES_MIN +
                ": " + cacheCapacityBytes;
        }
        return null;
    }

    /**
     * A new provider for this terrain.
     *
     * @return the provider.
     */
    public TerrainProvider provider()
    {
        return NOISE.equals(kind) ? new NoiseTerrain(seed) : new FlatTerrain(tileId, elevation);
    }

    /**
     * The streaming radius in chunks for a world shape: {@link #radiusChunks()} if set, else the distance from the
     * centre of a zone to the edge of its view ring, {@code ceil((viewRadius + ½) × zoneSize / 64)}, capped at
     * {@value ViewerStream#MAX_RADIUS_CHUNKS}.
     *
     * @param config the world shape.
     * @return chunks.
     */
    public int radiusChunksFor(final WorldConfig config)
    {
        if (radiusChunks != DEFAULT_RADIUS)
        {
            return radiusChunks;
        }
        final double tiles = (config.viewRadius() + 0.5) * config.zoneSize();
        return (int)Math.min(ViewerStream.MAX_RADIUS_CHUNKS, Math.ceil(tiles / Chunk.SIZE));
    }

    /**
     * Chunks along each side of a world shape's extent: {@code ceil(gridSize × zoneSize / 64)}, capped at the
     * largest chunk coordinate.
     *
     * @param config the world shape.
     * @return chunks per side, at least 1.
     */
    public static int extentChunks(final WorldConfig config)
    {
        final double tiles = config.gridSize() * config.zoneSize();
        return (int)Math.max(1, Math.min(Chunk.MAX_COORD, Math.ceil(tiles / Chunk.SIZE)));
    }
}
