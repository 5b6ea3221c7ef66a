package io.asobi.world;

import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkSink;
import io.asobi.terrain.ChunkStore;
import io.asobi.terrain.CompressedChunk;
import io.asobi.terrain.ViewerStream;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.nio.charset.StandardCharsets;

/**
 * Streams a terrain world's chunks to its members: one {@link ChunkStore} per world (byte-bounded cache, closed with
 * the world) and one {@link ViewerStream} per member, centred on the tile under the member's entity (one world unit
 * is one tile, clamped to the world's extent). Each broadcast tick every attached member gets at most
 * {@link WorldTerrain#chunksPerTick()} chunks it lacks, nearest first, as {@code world.terrain {coords:[cx,cy],
 * data}}; a frame is encoded once per chunk per tick however many members need it. Chunks outside the world's
 * extent are never sent.
 * <p>
 * <b>Note:</b> used on the world's tick thread only.
 */
final class TerrainStreamer implements ChunkSink, AutoCloseable
{
    private static final byte[] FRAME_HEAD =
        "{\"type\":\"world.terrain\",\"payload\":{\"coords\":[".getBytes(StandardCharsets.US_ASCII);

    private final WorldInstance world;
    private final ChunkStore store;
    private final int radiusChunks;
    private final int chunksPerTick;
    private final int extentChunks;
    private final double maxCoord;
    private final Long2ObjectHashMap<byte[]> framesThisTick = new Long2ObjectHashMap<>();
    private final LongArrayList failedThisPoll = new LongArrayList();
    private Member target;
    private int sentToTarget;
    long sentFrames;

    TerrainStreamer(final WorldInstance world, final WorldTerrain terrain)
    {
        this.world = world;
        this.store = new ChunkStore(new ChunkStore.Context()
            .provider(terrain.provider())
            .cacheCapacityBytes(terrain.cacheCapacityBytes()));
        this.radiusChunks = terrain.radiusChunksFor(world.config);
        this.chunksPerTick = terrain.chunksPerTick();
        this.extentChunks = WorldTerrain.extentChunks(world.config);
        this.maxCoord = Math.nextDown((double)extentChunks * Chunk.SIZE);
    }

    ViewerStream newStream()
    {
        return new ViewerStream(radiusChunks, WorldTerrain.HYSTERESIS_CHUNKS);
    }

    ChunkStore store()
    {
        return store;
    }

    int radiusChunks()
    {
        return radiusChunks;
    }

    int extentChunks()
    {
        return extentChunks;
    }

    /**
     * Start of a broadcast tick: frames encoded for an earlier tick are dropped.
     */
    void beginTick()
    {
        framesThisTick.clear();
    }

    /**
     * Re-centre a member's stream on its entity and send it up to the budget of chunks it lacks.
     *
     * @param member an attached member with an entity.
     * @param x      entity x in world units.
     * @param y      entity y in world units.
     */
    void stream(final Member member, final double x, final double y)
    {
        final ViewerStream stream = member.terrainStream;
        stream.moveToTile(tileOf(x), tileOf(y));
        target = member;
        sentToTarget = 0;
        try
        {
            // chunks outside the extent are consumed by the stream but not sent: poll again until the budget is met
            while (sentToTarget < chunksPerTick && stream.poll(chunksPerTick - sentToTarget, this) > 0)
            {
                continue;
            }
        }
        finally
        {
            target = null;
            // failed chunks are forgotten only now, so the polls above cannot retry them in a loop
            for (int i = 0, n = failedThisPoll.size(); i < n; i++)
            {
                final long key = failedThisPoll.getLong(i);
                stream.forget(Chunk.keyX(key), Chunk.keyY(key));
            }
            failedThisPoll.clear();
        }
    }

    public void onChunk(final int cx, final int cy)
    {
        if (cx < 0 || cy < 0 || cx >= extentChunks || cy >= extentChunks)
        {
            return;
        }
        final long key = Chunk.key(cx, cy);
        byte[] frame = framesThisTick.get(key);
        if (null == frame)
        {
            final CompressedChunk chunk;
            try
            {
                chunk = store.chunk(cx, cy);
            }
            catch (final RuntimeException ex)
            {
                failedThisPoll.addLong(key);
                world.logicError("terrain chunk " + cx + "," + cy, ex);
                return;
            }
            frame = frame(chunk);
            framesThisTick.put(key, frame);
        }
        world.emit(target.id, frame);
        sentToTarget++;
        sentFrames++;
    }

    /**
     * The complete {@code world.terrain} envelope of a chunk.
     *
     * @param chunk the chunk.
     * @return UTF-8 JSON.
     */
    static byte[] frame(final CompressedChunk chunk)
    {
        final String data = chunk.base64();
        final byte[] coords = (chunk.cx() + "," + chunk.cy() + "],\"data\":\"").getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = new byte[FRAME_HEAD.length + coords.length + data.length() + 3];
        System.arraycopy(FRAME_HEAD, 0, frame, 0, FRAME_HEAD.length);
        int offset = FRAME_HEAD.length;
        System.arraycopy(coords, 0, frame, offset, coords.length);
        offset += coords.length;
        for (int i = 0, n = data.length(); i < n; i++)
        {
            frame[offset++] = (byte)data.charAt(i);
        }
        frame[offset++] = '"';
        frame[offset++] = '}';
        frame[offset] = '}';
        return frame;
    }

    private long tileOf(final double position)
    {
        if (!(position > 0))
        {
            return 0;
        }
        return (long)Math.floor(Math.min(position, maxCoord));
    }

    public void close()
    {
        framesThisTick.clear();
        store.close();
    }
}
