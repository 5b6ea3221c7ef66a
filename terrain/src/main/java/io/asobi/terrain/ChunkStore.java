package io.asobi.terrain;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves compressed chunks by coordinates: a chunk is its provider's output with the chunk's edits applied in
 * order, zlib-compressed and base64-encoded once, and cached in a least-recently-used cache bounded in bytes.
 * <p>
 * <b>Threads:</b> every method is thread safe. One short lock guards the cache, the edits and the in-flight
 * loads; generation and compression run outside it, on the calling thread, so a miss delays only the callers of
 * that same chunk (they wait for the one load rather than generating it again). An edit journals through the
 * {@link EditLog}, records the edit, and drops the chunk from the cache and from any in-flight load, whose result
 * then reaches its waiters but is not cached; the next request builds the edited chunk.
 * <p>
 * Edits are kept in memory for the store's life (bounded by {@link Context#maxEditedTiles()}); after a restart the
 * world runtime replays its journaled edits through {@link #restoreEdits(Iterable)}.
 */
public final class ChunkStore implements AutoCloseable
{
    /**
     * Counters at one instant.
     *
     * @param hits         requests served from the cache.
     * @param misses       requests not in the cache (including those that waited for another caller's load).
     * @param generated    chunks built (generated, edited, compressed).
     * @param evictions    chunks dropped to keep within the byte bound.
     * @param cachedBytes  sum of the cached chunks' {@link CompressedChunk#footprintBytes()}.
     * @param cachedChunks chunks in the cache.
     * @param edits        edits applied (including restored ones).
     * @param editedTiles  distinct tiles with an edit.
     * @param loadFailures loads started by {@link #chunkIfReady} that failed.
     * @param rejectedLoads loads {@link #chunkIfReady}'s executor refused.
     */
    public record Stats(
        long hits,
        long misses,
        long generated,
        long evictions,
        long cachedBytes,
        int cachedChunks,
        long edits,
        long editedTiles,
        long loadFailures,
        long rejectedLoads)
    {
    }

    private static final class Load
    {
        final CompletableFuture<CompressedChunk> result = new CompletableFuture<>();
        final long version;
        final TerrainEdit[] edits;

        Load(final long version, final TerrainEdit[] edits)
        {
            this.version = version;
            this.edits = edits;
        }
    }

    private static final class Worker
    {
        final ChunkCodec codec;
        final byte[] raw = new byte[Chunk.RAW_BYTES];

        Worker(final int level)
        {
            codec = new ChunkCodec(level);
        }
    }

    private static final TerrainEdit[] NO_EDITS = new TerrainEdit[0];

    private final Context ctx;
    private final TerrainProvider provider;
    private final EditLog editLog;
    private final ReentrantLock lock = new ReentrantLock();
    private final ChunkCache cache;
    private final Long2ObjectHashMap<ChunkEdits> editsByChunk = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Load> loads = new Long2ObjectHashMap<>();
    private final ManyToManyConcurrentArrayQueue<Worker> workers;
    private final Base64.Encoder base64 = Base64.getEncoder();

    private volatile boolean isClosed;
    private long hits;
    private long misses;
    private long generated;
    private long edits;
    private long editedTiles;
    private long loadFailures;
    private long rejectedLoads;

    /**
     * A store; concludes {@code ctx}.
     *
     * @param ctx configuration; concluded here, so it must not have been concluded before.
     */
    public ChunkStore(final Context ctx)
    {
        ctx.conclude();
        this.ctx = ctx;
        provider = ctx.provider();
        editLog = ctx.editLog();
        cache = new ChunkCache(ctx.cacheCapacityBytes());
        workers = new ManyToManyConcurrentArrayQueue<>(ctx.workerPoolSize());
    }

    /**
     * The concluded configuration.
     *
     * @return the concluded configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The chunk at {@code (cx, cy)}: from the cache, or built (provider + edits), cached and returned.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return the chunk, shared and immutable.
     * @throws IllegalArgumentException if the coordinates are out of range.
     * @throws IllegalStateException    if the store is closed, or wrapping the provider's failure.
     */
    public CompressedChunk chunk(final int cx, final int cy)
    {
        Chunk.checkCoords(cx, cy);
        final long key = Chunk.key(cx, cy);
        final Load load;
        final boolean isOwner;
        lock.lock();
        try
        {
            checkOpen();
            final CompressedChunk cached = cache.get(key);
            if (null != cached)
            {
                hits++;
                return cached;
            }
            misses++;
            final Load inFlight = loads.get(key);
            isOwner = null == inFlight;
            if (isOwner)
            {
                final ChunkEdits chunkEdits = editsByChunk.get(key);
                load = null == chunkEdits ?
                    new Load(0, NO_EDITS) : new Load(chunkEdits.version(), chunkEdits.inOrder());
                loads.put(key, load);
            }
            else
            {
                load = inFlight;
            }
        }
        finally
        {
            lock.unlock();
        }

        return isOwner ? build(cx, cy, key, load) : await(load);
    }

    /**
     * The chunk at {@code (cx, cy)} if it is cached, else null after making sure a load of it is under way on
     * {@code executor} (at most one per chunk): the caller never generates or compresses, and asks again later.
     * With an executor that runs the task at once ({@code Runnable::run}) the chunk is built before this returns
     * and returned. A load the executor refuses ({@link RejectedExecutionException}, e.g. a full queue) is dropped
     * and requested again by the next call; a load that fails is counted in {@link Stats#loadFailures()} and
     * requested again by the next call.
     *
     * @param cx       chunk x.
     * @param cy       chunk y.
     * @param executor runs the load.
     * @return the chunk, or null while it is not ready.
     * @throws IllegalArgumentException if the coordinates are out of range.
     * @throws IllegalStateException    if the store is closed.
     */
    public CompressedChunk chunkIfReady(final int cx, final int cy, final Executor executor)
    {
        Chunk.checkCoords(cx, cy);
        Objects.requireNonNull(executor, "executor");
        final long key = Chunk.key(cx, cy);
        final Load load;
        lock.lock();
        try
        {
            checkOpen();
            final CompressedChunk cached = cache.get(key);
            if (null != cached)
            {
                hits++;
                return cached;
            }
            final Load inFlight = loads.get(key);
            if (null != inFlight)
            {
                return readyResult(inFlight);
            }
            misses++;
            final ChunkEdits chunkEdits = editsByChunk.get(key);
            load = null == chunkEdits ? new Load(0, NO_EDITS) : new Load(chunkEdits.version(), chunkEdits.inOrder());
            loads.put(key, load);
        }
        finally
        {
            lock.unlock();
        }

        try
        {
            executor.execute(() -> buildQuietly(cx, cy, key, load));
        }
        catch (final RejectedExecutionException ex)
        {
            lock.lock();
            try
            {
                loads.remove(key, load);
                rejectedLoads++;
            }
            finally
            {
                lock.unlock();
            }
            load.result.completeExceptionally(ex);
            return null;
        }
        return readyResult(load);
    }

    /**
     * Decode the chunk at {@code (cx, cy)} (through the cache, as {@link #chunk}) into raw tiles.
     *
     * @param cx  chunk x.
     * @param cy  chunk y.
     * @param raw destination of at least {@value Chunk#RAW_BYTES} bytes.
     * @throws IllegalArgumentException if the coordinates are out of range or {@code raw} is short.
     */
    public void readRaw(final int cx, final int cy, final byte[] raw)
    {
        Chunk.checkRaw(raw);
        final CompressedChunk chunk = chunk(cx, cy);
        final Worker worker = acquire();
        try
        {
            final byte[] data = chunk.data();
            worker.codec.decode(data, 0, data.length, raw);
        }
        finally
        {
            release(worker);
        }
    }

    /**
     * Journal an edit through the {@link EditLog}, then apply it: the chunk is rebuilt on its next request.
     *
     * @param edit the edit.
     * @throws IllegalStateException if the store is closed or the edit would exceed
     *                               {@link Context#maxEditedTiles()}; the log is not called then.
     */
    public void applyEdit(final TerrainEdit edit)
    {
        Objects.requireNonNull(edit, "edit");
        lock.lock();
        try
        {
            record(edit, true);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * {@link #applyEdit} each edit in order; stops at the first that fails (those before it stay applied).
     *
     * @param edits the edits.
     */
    public void applyEdits(final Iterable<TerrainEdit> edits)
    {
        for (final TerrainEdit edit : edits)
        {
            applyEdit(edit);
        }
    }

    /**
     * Apply edits read back from the journal, in their journaled order, without journaling them again (the
     * restart path).
     *
     * @param edits the journaled edits.
     * @throws IllegalStateException if closed or past {@link Context#maxEditedTiles()}.
     */
    public void restoreEdits(final Iterable<TerrainEdit> edits)
    {
        for (final TerrainEdit edit : edits)
        {
            Objects.requireNonNull(edit, "edit");
            lock.lock();
            try
            {
                record(edit, false);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /**
     * The effective edits of a chunk: at most one per tile (the last), in the order they were last applied.
     * The provider's chunk with these applied in order is the chunk.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return an unmodifiable list, empty if the chunk has no edits.
     */
    public List<TerrainEdit> editsOf(final int cx, final int cy)
    {
        Chunk.checkCoords(cx, cy);
        lock.lock();
        try
        {
            final ChunkEdits chunkEdits = editsByChunk.get(Chunk.key(cx, cy));
            return null == chunkEdits ? List.of() : List.of(chunkEdits.inOrder());
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Every effective edit of the store, chunk by chunk in ascending {@link Chunk#key} order, each chunk's in the
     * order of {@link #editsOf}: the whole edit overlay, for snapshots ({@link EditSnapshot}).
     *
     * @return a new list.
     */
    public List<TerrainEdit> allEdits()
    {
        lock.lock();
        try
        {
            final long[] keys = new long[editsByChunk.size()];
            int n = 0;
            final Long2ObjectHashMap<ChunkEdits>.KeyIterator it = editsByChunk.keySet().iterator();
            while (it.hasNext())
            {
                keys[n++] = it.nextLong();
            }
            Arrays.sort(keys);
            final ArrayList<TerrainEdit> all = new ArrayList<>((int)Math.min(Integer.MAX_VALUE - 8, editedTiles));
            for (final long key : keys)
            {
                all.addAll(Arrays.asList(editsByChunk.get(key).inOrder()));
            }
            return all;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Replace the whole edit overlay by {@code edits} (applied in order, not journaled): the restore path of a
     * snapshot. Every chunk edited before or after is dropped from the cache and from in-flight loads. All or
     * nothing: if the edits would exceed {@link Context#maxEditedTiles()} nothing changes.
     *
     * @param edits the new overlay, e.g. {@link #allEdits()} of another store.
     * @return the keys of the chunks whose content may have changed (edited before or after), ascending.
     * @throws IllegalStateException    if the store is closed.
     * @throws IllegalArgumentException if the edits exceed {@link Context#maxEditedTiles()} or one is null.
     */
    public long[] replaceEdits(final List<TerrainEdit> edits)
    {
        final Long2ObjectHashMap<ChunkEdits> replacement = new Long2ObjectHashMap<>();
        long tiles = 0;
        for (final TerrainEdit edit : edits)
        {
            Objects.requireNonNull(edit, "edit");
            ChunkEdits chunkEdits = replacement.get(edit.chunkKey());
            if (null == chunkEdits)
            {
                chunkEdits = new ChunkEdits();
                replacement.put(edit.chunkKey(), chunkEdits);
            }
            if (chunkEdits.put(edit))
            {
                tiles++;
            }
        }
        if (tiles > ctx.maxEditedTiles())
        {
            throw new IllegalArgumentException(
                "terrain edit limit exceeded: " + tiles + " edited tiles > " + ctx.maxEditedTiles());
        }
        lock.lock();
        try
        {
            checkOpen();
            final org.agrona.collections.LongHashSet touched = new org.agrona.collections.LongHashSet();
            touched.addAll(editsByChunk.keySet());
            touched.addAll(replacement.keySet());
            final long[] keys = new long[touched.size()];
            int n = 0;
            final org.agrona.collections.LongHashSet.LongIterator it = touched.iterator();
            while (it.hasNext())
            {
                final long key = it.nextValue();
                keys[n++] = key;
                loads.remove(key);
                cache.remove(key);
            }
            Arrays.sort(keys);
            editsByChunk.clear();
            editsByChunk.putAll(replacement);
            this.edits += edits.size();
            editedTiles = tiles;
            return keys;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Drop a chunk from the cache (it is rebuilt on its next request); edits are kept.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     * @return true if it was cached.
     */
    public boolean invalidate(final int cx, final int cy)
    {
        Chunk.checkCoords(cx, cy);
        lock.lock();
        try
        {
            final long key = Chunk.key(cx, cy);
            loads.remove(key);
            return cache.remove(key);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The counters.
     *
     * @return a consistent snapshot.
     */
    public Stats stats()
    {
        lock.lock();
        try
        {
            return new Stats(
                hits, misses, generated, cache.evictions(), cache.bytes(), cache.size(), edits, editedTiles,
                loadFailures, rejectedLoads);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Empty the cache and free the codecs' native state; later calls throw {@link IllegalStateException}.
     * Idempotent.
     */
    public void close()
    {
        lock.lock();
        try
        {
            isClosed = true;
            cache.clear();
        }
        finally
        {
            lock.unlock();
        }
        Worker worker;
        while (null != (worker = workers.poll()))
        {
            worker.codec.close();
        }
    }

    private CompressedChunk build(final int cx, final int cy, final long key, final Load load)
    {
        final CompressedChunk chunk;
        try
        {
            chunk = generate(cx, cy, load.edits);
        }
        catch (final RuntimeException | Error ex)
        {
            lock.lock();
            try
            {
                loads.remove(key, load);
            }
            finally
            {
                lock.unlock();
            }
            load.result.completeExceptionally(ex);
            if (ex instanceof RuntimeException)
            {
                throw new IllegalStateException("building chunk (" + cx + ", " + cy + ") failed: " + ex, ex);
            }
            throw ex;
        }

        lock.lock();
        try
        {
            generated++;
            final boolean isCurrent = loads.remove(key, load);
            if (isCurrent && !isClosed && currentVersion(key) == load.version)
            {
                cache.put(key, chunk);
            }
        }
        finally
        {
            lock.unlock();
        }
        load.result.complete(chunk);
        return chunk;
    }

    private void buildQuietly(final int cx, final int cy, final long key, final Load load)
    {
        try
        {
            build(cx, cy, key, load);
        }
        catch (final RuntimeException ex)
        {
            lock.lock();
            try
            {
                loadFailures++;
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    private static CompressedChunk readyResult(final Load load)
    {
        final CompletableFuture<CompressedChunk> result = load.result;
        return result.isDone() && !result.isCompletedExceptionally() ? result.getNow(null) : null;
    }

    private CompressedChunk generate(final int cx, final int cy, final TerrainEdit[] chunkEdits)
    {
        final Worker worker = acquire();
        try
        {
            final byte[] raw = worker.raw;
            provider.generate(cx, cy, raw);
            for (final TerrainEdit edit : chunkEdits)
            {
                edit.applyTo(raw);
            }
            final byte[] data = worker.codec.encode(raw);
            return new CompressedChunk(cx, cy, data, base64.encodeToString(data));
        }
        finally
        {
            release(worker);
        }
    }

    private static CompressedChunk await(final Load load)
    {
        try
        {
            return load.result.join();
        }
        catch (final CompletionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof Error error)
            {
                throw error;
            }
            throw new IllegalStateException("loading the chunk failed in another caller", cause);
        }
    }

    private void record(final TerrainEdit edit, final boolean isJournaled)
    {
        checkOpen();
        final long key = edit.chunkKey();
        ChunkEdits chunkEdits = editsByChunk.get(key);
        final boolean isNewTile = null == chunkEdits || !chunkEdits.hasTile(edit.tileIndex());
        if (isNewTile && editedTiles >= ctx.maxEditedTiles())
        {
            throw new IllegalStateException("terrain edit limit reached: " + ctx.maxEditedTiles() + " edited tiles");
        }
        if (isJournaled)
        {
            editLog.append(edit);
        }
        if (null == chunkEdits)
        {
            chunkEdits = new ChunkEdits();
            editsByChunk.put(key, chunkEdits);
        }
        chunkEdits.put(edit);
        edits++;
        if (isNewTile)
        {
            editedTiles++;
        }
        loads.remove(key);
        cache.remove(key);
    }

    private long currentVersion(final long key)
    {
        final ChunkEdits chunkEdits = editsByChunk.get(key);
        return null == chunkEdits ? 0 : chunkEdits.version();
    }

    private void checkOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("chunk store is closed");
        }
    }

    private Worker acquire()
    {
        final Worker worker = workers.poll();
        return null != worker ? worker : new Worker(ctx.compressionLevel());
    }

    private void release(final Worker worker)
    {
        if (isClosed || !workers.offer(worker))
        {
            worker.codec.close();
        }
    }

    /**
     * Settings of a {@link ChunkStore}.
     */
    public static final class Context
    {
        /** Default cache bound: 64 MiB, about 2,000 to 10,000 chunks. */
        public static final long CACHE_CAPACITY_BYTES_DEFAULT = 64L * 1024 * 1024;

        /** Smallest cache bound: room for at least one incompressible chunk and its base64. */
        public static final long CACHE_CAPACITY_BYTES_MIN = 64 * 1024;

        /** Default bound on distinct edited tiles held in memory (about 100 bytes each). */
        public static final long MAX_EDITED_TILES_DEFAULT = 1L << 20;

        /** Default number of idle codecs kept for reuse (each ~300 KB of native zlib state). */
        public static final int WORKER_POOL_SIZE_DEFAULT = 8;

        private boolean isConcluded;
        private TerrainProvider provider;
        private EditLog editLog = EditLog.NONE;
        private long cacheCapacityBytes = CACHE_CAPACITY_BYTES_DEFAULT;
        private int compressionLevel = java.util.zip.Deflater.DEFAULT_COMPRESSION;
        private long maxEditedTiles = MAX_EDITED_TILES_DEFAULT;
        private int workerPoolSize = WORKER_POOL_SIZE_DEFAULT;

        /**
         * Validate the options; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            isConcluded = true;
            if (null == provider)
            {
                throw new IllegalArgumentException("provider must be set");
            }
            if (null == editLog)
            {
                throw new IllegalArgumentException("editLog must not be null (use EditLog.NONE)");
            }
            if (cacheCapacityBytes < CACHE_CAPACITY_BYTES_MIN)
            {
                throw new IllegalArgumentException(
                    "cacheCapacityBytes must be >= " + CACHE_CAPACITY_BYTES_MIN + ": " + cacheCapacityBytes);
            }
            ChunkCodec.checkLevel(compressionLevel);
            if (maxEditedTiles < 0)
            {
                throw new IllegalArgumentException("maxEditedTiles must be >= 0: " + maxEditedTiles);
            }
            if (workerPoolSize < 1 || workerPoolSize > 1024)
            {
                throw new IllegalArgumentException("workerPoolSize must be in 1..1024: " + workerPoolSize);
            }
            return this;
        }

        /**
         * The chunk generator (required).
         *
         * @param provider thread-safe provider.
         * @return this for a fluent API.
         */
        public Context provider(final TerrainProvider provider)
        {
            this.provider = provider;
            return this;
        }

        /**
         * The chunk generator.
         *
         * @return the provider.
         */
        public TerrainProvider provider()
        {
            return provider;
        }

        /**
         * Where edits are journaled; default {@link EditLog#NONE}.
         *
         * @param editLog the log.
         * @return this for a fluent API.
         */
        public Context editLog(final EditLog editLog)
        {
            this.editLog = editLog;
            return this;
        }

        /**
         * Where edits are journaled.
         *
         * @return the log.
         */
        public EditLog editLog()
        {
            return editLog;
        }

        /**
         * Bound on the cache in bytes (sum of {@link CompressedChunk#footprintBytes()}).
         *
         * @param cacheCapacityBytes at least {@link #CACHE_CAPACITY_BYTES_MIN}.
         * @return this for a fluent API.
         */
        public Context cacheCapacityBytes(final long cacheCapacityBytes)
        {
            this.cacheCapacityBytes = cacheCapacityBytes;
            return this;
        }

        /**
         * Bound on the cache in bytes.
         *
         * @return bytes.
         */
        public long cacheCapacityBytes()
        {
            return cacheCapacityBytes;
        }

        /**
         * zlib level of the cached chunks; default -1 ({@code Deflater.DEFAULT_COMPRESSION}, level 6).
         *
         * @param compressionLevel -1 or 0..9.
         * @return this for a fluent API.
         */
        public Context compressionLevel(final int compressionLevel)
        {
            this.compressionLevel = compressionLevel;
            return this;
        }

        /**
         * zlib level of the cached chunks.
         *
         * @return -1 or 0..9.
         */
        public int compressionLevel()
        {
            return compressionLevel;
        }

        /**
         * Bound on distinct edited tiles (edits past it are refused).
         *
         * @param maxEditedTiles at least 0.
         * @return this for a fluent API.
         */
        public Context maxEditedTiles(final long maxEditedTiles)
        {
            this.maxEditedTiles = maxEditedTiles;
            return this;
        }

        /**
         * Bound on distinct edited tiles.
         *
         * @return tiles.
         */
        public long maxEditedTiles()
        {
            return maxEditedTiles;
        }

        /**
         * Idle codecs (Deflater, Inflater and a raw buffer) kept for reuse; more concurrent loads create
         * temporary ones.
         *
         * @param workerPoolSize 1..1024.
         * @return this for a fluent API.
         */
        public Context workerPoolSize(final int workerPoolSize)
        {
            this.workerPoolSize = workerPoolSize;
            return this;
        }

        /**
         * Idle codecs kept for reuse.
         *
         * @return the pool size.
         */
        public int workerPoolSize()
        {
            return workerPoolSize;
        }
    }
}
