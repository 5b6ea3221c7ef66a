package io.asobi.world;

import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkSink;
import io.asobi.terrain.ChunkStore;
import io.asobi.terrain.CompressedChunk;
import io.asobi.terrain.EditLog;
import io.asobi.terrain.EditSnapshot;
import io.asobi.terrain.TerrainEdit;
import io.asobi.terrain.ViewerStream;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Streams a terrain world's chunks to its members and holds its edits ({@link WorldTerrainAccess}): one
 * {@link ChunkStore} per world (byte-bounded cache plus the edit overlay, closed with the world) and one
 * {@link ViewerStream} per member, centred on the tile under the member's entity (one world unit is one tile,
 * clamped to the world's extent). Each broadcast tick every attached member is offered at most
 * {@link WorldTerrain#chunksPerTick()} chunks it lacks, nearest first; those ready are sent as
 * {@code world.terrain {coords:[cx,cy], data}}, those not built yet are requested from the {@link TerrainLoader}
 * executor and offered again on a later tick, so the tick thread never generates a chunk for streaming. A frame is
 * encoded once per chunk per tick however many members need it. Chunks outside the world's extent are never sent.
 * <p>
 * Edits ({@link #setTile}) go through the store's {@link EditLog} to the journal hook ({@link #editLog(EditLog)}),
 * are listed for the step ({@link #drainEdits}), and make every member holding the chunk receive it again at the
 * next broadcast tick. The whole overlay is {@link #snapshotEdits()} / {@link #restoreEdits(byte[])}.
 * <p>
 * <b>Note:</b> used on the world's tick thread only.
 */
final class TerrainStreamer implements ChunkSink, WorldTerrainAccess, AutoCloseable
{
    private static final byte[] FRAME_HEAD =
        "{\"type\":\"world.terrain\",\"payload\":{\"coords\":[".getBytes(StandardCharsets.US_ASCII);

    private final WorldInstance world;
    private final ChunkStore store;
    private final int radiusChunks;
    private final int chunksPerTick;
    private final int extentChunks;
    private final long extentTiles;
    private final double maxCoord;
    private final Long2ObjectHashMap<byte[]> framesThisTick = new Long2ObjectHashMap<>();
    private final LongArrayList retryAfterPoll = new LongArrayList();
    private final LongHashSet editedSinceBroadcast = new LongHashSet();
    private final LongArrayList editedThisBroadcast = new LongArrayList();
    private final ArrayList<TerrainEdit> stepEdits = new ArrayList<>();
    private final byte[] raw = new byte[Chunk.RAW_BYTES];
    private long rawKey;
    private boolean hasRaw;
    private Executor executor;
    private EditLog editLog = EditLog.NONE;
    private boolean isJournalFailure;
    private int editsThisStep;
    private Member target;
    private int sentToTarget;
    private int pendingForTarget;
    long sentFrames;

    TerrainStreamer(final WorldInstance world, final WorldTerrain terrain)
    {
        this.world = world;
        this.store = new ChunkStore(new ChunkStore.Context()
            .provider(terrain.provider())
            .cacheCapacityBytes(terrain.cacheCapacityBytes())
            .editLog(this::journal));
        this.radiusChunks = terrain.radiusChunksFor(world.config);
        this.chunksPerTick = terrain.chunksPerTick();
        this.extentChunks = WorldTerrain.extentChunks(world.config);
        this.extentTiles = (long)extentChunks * Chunk.SIZE;
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

    public int extentChunks()
    {
        return extentChunks;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Journal and snapshot hooks of the world runtime

    /**
     * Where each accepted edit is recorded, before it takes effect, on the tick thread (the world journal); if it
     * throws, the edit is refused with {@link #JOURNAL_FAILED}. Default {@link EditLog#NONE}.
     *
     * @param editLog the log.
     */
    void editLog(final EditLog editLog)
    {
        this.editLog = Objects.requireNonNull(editLog, "editLog");
    }

    /**
     * Start of a world step: the per-tick edit budget is renewed and the step's edit list emptied.
     */
    void beginStep()
    {
        editsThisStep = 0;
        stepEdits.clear();
    }

    /**
     * Hand over the edits made since {@link #beginStep()} (at most {@value #MAX_EDITS_PER_TICK}), in the order
     * they took effect, and forget them.
     *
     * @param sink receives each edit.
     * @return how many.
     */
    int drainEdits(final Consumer<? super TerrainEdit> sink)
    {
        final int count = stepEdits.size();
        for (int i = 0; i < count; i++)
        {
            sink.accept(stepEdits.get(i));
        }
        stepEdits.clear();
        return count;
    }

    /**
     * Apply an edit recorded earlier (journal replay): as {@link #setTile}, without the per-tick budget, without
     * calling the {@link #editLog(EditLog)} and without listing it for {@link #drainEdits}.
     *
     * @param edit the edit.
     * @return null if applied, else the reason as {@link #setTile}.
     */
    String applyEdit(final TerrainEdit edit)
    {
        if (!isInWorld(edit.cx(), edit.cy()))
        {
            return OUT_OF_BOUNDS;
        }
        try
        {
            store.restoreEdits(List.of(edit));
        }
        catch (final IllegalStateException ex)
        {
            return EDIT_LIMIT_REACHED;
        }
        edited(edit);
        return null;
    }

    /**
     * The whole edit overlay of the world, as {@link EditSnapshot} bytes (the same overlay always gives the same
     * bytes).
     *
     * @return the bytes.
     */
    byte[] snapshotEdits()
    {
        return EditSnapshot.encode(store.allEdits());
    }

    /**
     * Replace the edit overlay by one {@link #snapshotEdits()} returned; members holding a changed chunk receive it
     * again. Not journaled.
     *
     * @param bytes the snapshot.
     * @throws IllegalArgumentException if the bytes are not a valid snapshot of this world (malformed, an edit
     *                                  outside the world, too many edits); nothing changes then.
     */
    void restoreEdits(final byte[] bytes)
    {
        final List<TerrainEdit> edits = EditSnapshot.decode(bytes, store.context().maxEditedTiles());
        for (final TerrainEdit edit : edits)
        {
            if (!isInWorld(edit.cx(), edit.cy()))
            {
                throw new IllegalArgumentException("terrain edit outside the world's " + extentChunks + "×" +
                    extentChunks + " chunks: " + edit);
            }
        }
        for (final long key : store.replaceEdits(edits))
        {
            chunkChanged(key);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // WorldTerrainAccess

    public CompressedChunk chunk(final int cx, final int cy)
    {
        return isInWorld(cx, cy) ? store.chunk(cx, cy) : null;
    }

    public boolean preload(final int cx, final int cy)
    {
        if (!isInWorld(cx, cy))
        {
            return false;
        }
        store.chunkIfReady(cx, cy, executor());
        return true;
    }

    public long tile(final long x, final long y)
    {
        if (x < 0 || y < 0 || x >= extentTiles || y >= extentTiles)
        {
            return -1;
        }
        final int cx = (int)(x >> Chunk.SIZE_SHIFT);
        final int cy = (int)(y >> Chunk.SIZE_SHIFT);
        final long key = Chunk.key(cx, cy);
        if (!hasRaw || rawKey != key)
        {
            hasRaw = false;
            store.readRaw(cx, cy, raw);
            rawKey = key;
            hasRaw = true;
        }
        final int tx = (int)(x & (Chunk.SIZE - 1));
        final int ty = (int)(y & (Chunk.SIZE - 1));
        return ((long)Chunk.tileId(raw, tx, ty) << 16) | ((long)Chunk.flags(raw, tx, ty) << 8) |
            Chunk.elevation(raw, tx, ty);
    }

    public String setTile(final long x, final long y, final int tileId, final int flags, final int elevation)
    {
        if (x < 0 || y < 0 || x >= extentTiles || y >= extentTiles)
        {
            return OUT_OF_BOUNDS;
        }
        if (tileId < 0 || tileId > Chunk.MAX_TILE_ID || flags < 0 || flags > 0xFF || elevation < 0 ||
            elevation > 0xFF)
        {
            return INVALID_TILE;
        }
        if (editsThisStep >= MAX_EDITS_PER_TICK)
        {
            return RATE_LIMITED;
        }
        final String error = apply(TerrainEdit.ofWorldTile(x, y, tileId, flags, elevation));
        if (null == error)
        {
            editsThisStep++;
        }
        return error;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Streaming

    /**
     * Start of a broadcast tick: frames encoded for an earlier tick are dropped, and the chunks edited since the
     * last broadcast tick are to be sent again to the members holding them.
     */
    void beginTick()
    {
        framesThisTick.clear();
        editedThisBroadcast.clear();
        final LongHashSet.LongIterator it = editedSinceBroadcast.iterator();
        while (it.hasNext())
        {
            editedThisBroadcast.addLong(it.nextValue());
        }
        editedSinceBroadcast.clear();
    }

    /**
     * Re-centre a member's stream on its entity, drop the edited chunks it holds, and offer it up to the budget of
     * chunks it lacks: the ready ones are sent, the others requested and offered again next time.
     *
     * @param member an attached member with an entity.
     * @param x      entity x in world units.
     * @param y      entity y in world units.
     */
    void stream(final Member member, final double x, final double y)
    {
        final ViewerStream stream = member.terrainStream;
        stream.moveToTile(tileOf(x), tileOf(y));
        for (int i = 0, n = editedThisBroadcast.size(); i < n; i++)
        {
            final long key = editedThisBroadcast.getLong(i);
            stream.forget(Chunk.keyX(key), Chunk.keyY(key));
        }
        target = member;
        sentToTarget = 0;
        pendingForTarget = 0;
        try
        {
            // chunks outside the extent are consumed by the stream but not offered: poll again until the budget is met
            int budget;
            while ((budget = chunksPerTick - sentToTarget - pendingForTarget) > 0 && stream.poll(budget, this) > 0)
            {
                continue;
            }
        }
        finally
        {
            target = null;
            // chunks not ready are forgotten only now, so the polls above cannot offer them again in a loop
            for (int i = 0, n = retryAfterPoll.size(); i < n; i++)
            {
                final long key = retryAfterPoll.getLong(i);
                stream.forget(Chunk.keyX(key), Chunk.keyY(key));
            }
            retryAfterPoll.clear();
        }
    }

    public void onChunk(final int cx, final int cy)
    {
        if (!isInWorld(cx, cy))
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
                chunk = store.chunkIfReady(cx, cy, executor());
            }
            catch (final RuntimeException ex)
            {
                retryAfterPoll.addLong(key);
                pendingForTarget++;
                world.logicError("terrain chunk " + cx + "," + cy, ex);
                return;
            }
            if (null == chunk)
            {
                retryAfterPoll.addLong(key);
                pendingForTarget++;
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

    public void close()
    {
        framesThisTick.clear();
        store.close();
        if (null != executor)
        {
            TerrainLoader.release(executor);
            executor = null;
        }
    }

    private String apply(final TerrainEdit edit)
    {
        isJournalFailure = false;
        try
        {
            store.applyEdit(edit);
        }
        catch (final RuntimeException ex)
        {
            if (isJournalFailure)
            {
                world.logicError("terrain edit journal", ex);
                return JOURNAL_FAILED;
            }
            return EDIT_LIMIT_REACHED;
        }
        if (stepEdits.size() < MAX_EDITS_PER_TICK)
        {
            stepEdits.add(edit);
        }
        edited(edit);
        return null;
    }

    private void edited(final TerrainEdit edit)
    {
        final long key = edit.chunkKey();
        editedSinceBroadcast.add(key);
        framesThisTick.remove(key);
        if (hasRaw && rawKey == key)
        {
            edit.applyTo(raw);
        }
    }

    private void journal(final TerrainEdit edit)
    {
        try
        {
            editLog.append(edit);
        }
        catch (final RuntimeException ex)
        {
            isJournalFailure = true;
            throw ex;
        }
    }

    private void chunkChanged(final long key)
    {
        editedSinceBroadcast.add(key);
        framesThisTick.remove(key);
        if (hasRaw && rawKey == key)
        {
            hasRaw = false;
        }
    }

    private boolean isInWorld(final int cx, final int cy)
    {
        return cx >= 0 && cy >= 0 && cx < extentChunks && cy < extentChunks;
    }

    private Executor executor()
    {
        if (null == executor)
        {
            executor = TerrainLoader.acquire();
        }
        return executor;
    }

    private long tileOf(final double position)
    {
        if (!(position > 0))
        {
            return 0;
        }
        return (long)Math.floor(Math.min(position, maxCoord));
    }
}
