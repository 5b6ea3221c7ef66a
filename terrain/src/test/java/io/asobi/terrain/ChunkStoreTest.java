package io.asobi.terrain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkStoreTest
{
    private final NoiseTerrain terrain = new NoiseTerrain(99);
    private final ChunkCodec codec = new ChunkCodec();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ExecutorService executor;

    @AfterEach
    void tearDown() throws Exception
    {
        if (null != executor)
        {
            executor.shutdownNow();
        }
        for (final AutoCloseable closeable : toClose)
        {
            closeable.close();
        }
        codec.close();
    }

    @Test
    void shouldServeTheProvidersChunkCompressedAndCacheIt()
    {
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain));

        final CompressedChunk chunk = store.chunk(2, -3);
        assertThat(chunk.cx()).isEqualTo(2);
        assertThat(chunk.cy()).isEqualTo(-3);
        assertThat(codec.decode(chunk.bytes())).isEqualTo(terrain.generate(2, -3));
        assertThat(Base64.getDecoder().decode(chunk.base64())).isEqualTo(chunk.bytes());
        assertThat(chunk.asReadOnlyBuffer().remaining()).isEqualTo(chunk.length());
        assertThat(store.chunk(2, -3)).isSameAs(chunk);

        final ChunkStore.Stats stats = store.stats();
        assertThat(stats.hits()).isOne();
        assertThat(stats.misses()).isOne();
        assertThat(stats.generated()).isOne();
        assertThat(stats.cachedChunks()).isOne();
        assertThat(stats.cachedBytes()).isEqualTo(chunk.footprintBytes());

        final byte[] raw = new byte[Chunk.RAW_BYTES];
        store.readRaw(2, -3, raw);
        assertThat(raw).isEqualTo(terrain.generate(2, -3));
        assertThatThrownBy(() -> store.chunk(Chunk.MAX_COORD + 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk coords");
    }

    @Test
    void shouldApplyEditsOverTheGeneratedChunkAndJournalThemFirst()
    {
        final List<TerrainEdit> journal = new ArrayList<>();
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain).editLog(journal::add));
        final CompressedChunk before = store.chunk(0, 0);

        final TerrainEdit first = new TerrainEdit(0, 0, 5, 6, 900, 0x80, 12);
        final TerrainEdit other = new TerrainEdit(0, 0, 63, 0, 901, 0, 0);
        final TerrainEdit again = new TerrainEdit(0, 0, 5, 6, 902, 0x81, 13);
        store.applyEdits(List.of(first, other, again));

        assertThat(journal).containsExactly(first, other, again);
        assertThat(store.editsOf(0, 0)).containsExactly(other, again);
        assertThat(store.editsOf(1, 0)).isEmpty();
        final byte[] raw = new byte[Chunk.RAW_BYTES];
        store.readRaw(0, 0, raw);
        final byte[] expected = terrain.generate(0, 0);
        other.applyTo(expected);
        again.applyTo(expected);
        assertThat(raw).isEqualTo(expected);
        assertThat(store.chunk(0, 0)).isNotSameAs(before);
        assertThat(store.stats().edits()).isEqualTo(3);
        assertThat(store.stats().editedTiles()).isEqualTo(2);
    }

    @Test
    void shouldRebuildEditedChunksFromTheJournalAfterARestart()
    {
        final List<TerrainEdit> journal = new ArrayList<>();
        final ChunkStore live = store(new ChunkStore.Context().provider(terrain).editLog(journal::add));
        for (int i = 0; i < 200; i++)
        {
            live.applyEdit(TerrainEdit.ofWorldTile(i * 7 - 300, i * 3 - 100, i, i & 0xFF, (i * 13) & 0xFF));
        }

        final List<TerrainEdit> replayedLog = new ArrayList<>();
        final ChunkStore restarted = store(new ChunkStore.Context().provider(terrain).editLog(replayedLog::add));
        restarted.restoreEdits(journal);

        assertThat(replayedLog).isEmpty();
        for (int cx = -6; cx <= 1; cx++)
        {
            for (int cy = -2; cy <= 3; cy++)
            {
                assertThat(restarted.editsOf(cx, cy)).isEqualTo(live.editsOf(cx, cy));
                assertThat(codec.decode(restarted.chunk(cx, cy).bytes()))
                    .isEqualTo(codec.decode(live.chunk(cx, cy).bytes()));
            }
        }
    }

    @Test
    void shouldNotApplyAnEditTheLogRefuses()
    {
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain).editLog(edit ->
        {
            throw new IllegalStateException("journal full");
        }));
        final CompressedChunk before = store.chunk(0, 0);

        assertThatThrownBy(() -> store.applyEdit(new TerrainEdit(0, 0, 1, 1, 5, 5, 5)))
            .isInstanceOf(IllegalStateException.class).hasMessage("journal full");
        assertThat(store.editsOf(0, 0)).isEmpty();
        assertThat(store.chunk(0, 0)).isSameAs(before);
    }

    @Test
    void shouldEnforceTheEditedTileLimit()
    {
        final AtomicInteger journaled = new AtomicInteger();
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain).maxEditedTiles(2)
            .editLog(edit -> journaled.incrementAndGet()));
        store.applyEdit(new TerrainEdit(0, 0, 0, 0, 1, 0, 0));
        store.applyEdit(new TerrainEdit(0, 0, 1, 0, 1, 0, 0));
        store.applyEdit(new TerrainEdit(0, 0, 1, 0, 2, 0, 0)); // same tile again: allowed

        assertThatThrownBy(() -> store.applyEdit(new TerrainEdit(3, 3, 0, 0, 1, 0, 0)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("edit limit");
        assertThat(journaled.get()).isEqualTo(3);
        assertThat(store.editsOf(3, 3)).isEmpty();
    }

    @Test
    void shouldStayWithinItsByteBoundEvictingTheLeastRecentlyUsed()
    {
        final long capacity = 64 * 1024;
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain).cacheCapacityBytes(capacity));
        final int footprint = store.chunk(0, 0).footprintBytes();

        int requested = 1;
        for (int cx = 1; cx < 40; cx++)
        {
            store.chunk(cx, 0);
            requested++;
            store.chunk(0, 0); // keep (0, 0) the most recently used
            assertThat(store.stats().cachedBytes()).isLessThanOrEqualTo(capacity);
        }
        final ChunkStore.Stats stats = store.stats();
        assertThat(stats.evictions()).isPositive();
        assertThat(stats.cachedChunks() + stats.evictions()).isEqualTo(requested);
        assertThat(stats.cachedChunks()).isGreaterThanOrEqualTo((int)(capacity / (2L * footprint)));
        final long generatedBefore = stats.generated();
        store.chunk(0, 0);
        store.chunk(39, 0);
        assertThat(store.stats().generated()).isEqualTo(generatedBefore);
        store.chunk(1, 0); // long evicted
        assertThat(store.stats().generated()).isEqualTo(generatedBefore + 1);
    }

    @Test
    void shouldInvalidateAndRebuild()
    {
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain));
        final CompressedChunk first = store.chunk(4, 4);

        assertThat(store.invalidate(4, 4)).isTrue();
        assertThat(store.invalidate(4, 4)).isFalse();
        final CompressedChunk second = store.chunk(4, 4);
        assertThat(second).isNotSameAs(first);
        assertThat(second.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void shouldValidateItsContext()
    {
        assertThatThrownBy(() -> new ChunkStore(new ChunkStore.Context()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider");
        assertThatThrownBy(() -> new ChunkStore(new ChunkStore.Context().provider(terrain).cacheCapacityBytes(1000)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheCapacityBytes");
        assertThatThrownBy(() -> new ChunkStore(new ChunkStore.Context().provider(terrain).compressionLevel(11)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression level");
        assertThatThrownBy(() -> new ChunkStore(new ChunkStore.Context().provider(terrain).workerPoolSize(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workerPoolSize");
        final ChunkStore.Context ctx = new ChunkStore.Context().provider(terrain);
        store(ctx);
        assertThatThrownBy(() -> new ChunkStore(ctx)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseCallsOnceClosed()
    {
        final ChunkStore store = new ChunkStore(new ChunkStore.Context().provider(terrain));
        store.chunk(0, 0);
        store.close();
        store.close();

        assertThatThrownBy(() -> store.chunk(0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.applyEdit(new TerrainEdit(0, 0, 0, 0, 0, 0, 0)))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReportAFailingProviderAndRetryOnTheNextRequest()
    {
        final AtomicInteger calls = new AtomicInteger();
        final ChunkStore store = store(new ChunkStore.Context().provider((cx, cy, raw) ->
        {
            if (calls.incrementAndGet() == 1)
            {
                throw new IllegalArgumentException("no heightmap for this chunk");
            }
            terrain.generate(cx, cy, raw);
        }));

        assertThatThrownBy(() -> store.chunk(1, 1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("(1, 1)")
            .hasRootCauseMessage("no heightmap for this chunk");
        assertThat(codec.decode(store.chunk(1, 1).bytes())).isEqualTo(terrain.generate(1, 1));
    }

    @Test
    void shouldBuildAChunkOnceForConcurrentCallersWithoutBlockingOtherChunks() throws Exception
    {
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch releaseSlow = new CountDownLatch(1);
        final AtomicInteger slowBuilds = new AtomicInteger();
        final ChunkStore store = store(new ChunkStore.Context().provider((cx, cy, raw) ->
        {
            if (cx == 7)
            {
                slowBuilds.incrementAndGet();
                slowStarted.countDown();
                await(releaseSlow);
            }
            terrain.generate(cx, cy, raw);
        }));
        executor = Executors.newFixedThreadPool(4);

        final Future<CompressedChunk> owner = executor.submit(() -> store.chunk(7, 0));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        final List<Future<CompressedChunk>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            waiters.add(executor.submit(() -> store.chunk(7, 0)));
        }
        // an unrelated chunk is served while (7, 0) is still being built
        assertThat(codec.decode(store.chunk(8, 0).bytes())).isEqualTo(terrain.generate(8, 0));
        assertThat(owner.isDone()).isFalse();

        releaseSlow.countDown();
        final CompressedChunk built = owner.get(10, TimeUnit.SECONDS);
        for (final Future<CompressedChunk> waiter : waiters)
        {
            assertThat(waiter.get(10, TimeUnit.SECONDS).bytes()).isEqualTo(built.bytes());
        }
        assertThat(slowBuilds.get()).isOne();
        assertThat(store.chunk(7, 0)).isSameAs(built);
    }

    @Test
    void shouldNotCacheAChunkBuiltBeforeAnEdit() throws Exception
    {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger builds = new AtomicInteger();
        final ChunkStore store = store(new ChunkStore.Context().provider((cx, cy, raw) ->
        {
            if (builds.incrementAndGet() == 1)
            {
                started.countDown();
                await(release);
            }
            terrain.generate(cx, cy, raw);
        }));
        executor = Executors.newSingleThreadExecutor();

        final Future<CompressedChunk> stale = executor.submit(() -> store.chunk(0, 0));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        final TerrainEdit edit = new TerrainEdit(0, 0, 0, 0, 4242, 0, 0);
        store.applyEdit(edit);
        release.countDown();
        assertThat(Chunk.tileId(codec.decode(stale.get(10, TimeUnit.SECONDS).bytes()), 0, 0)).isNotEqualTo(4242);

        assertThat(Chunk.tileId(codec.decode(store.chunk(0, 0).bytes()), 0, 0)).isEqualTo(4242);
        assertThat(builds.get()).isEqualTo(2);
    }

    @Test
    void shouldServeManyReadersConsistently() throws Exception
    {
        final ChunkStore store = store(new ChunkStore.Context().provider(terrain).cacheCapacityBytes(256 * 1024));
        executor = Executors.newFixedThreadPool(4);
        final List<Future<Integer>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final int seed = t;
            readers.add(executor.submit(() ->
            {
                try (ChunkCodec local = new ChunkCodec())
                {
                    int checked = 0;
                    for (int i = 0; i < 150; i++)
                    {
                        final int cx = (i * 7 + seed) % 12;
                        final int cy = (i * 3 + seed) % 5;
                        final byte[] raw = local.decode(store.chunk(cx, cy).bytes());
                        if (Chunk.elevation(raw, 10, 10) != terrain.elevationAt(cx * 64L + 10, cy * 64L + 10))
                        {
                            throw new AssertionError("wrong chunk for (" + cx + ", " + cy + ")");
                        }
                        checked++;
                    }
                    return checked;
                }
            }));
        }
        for (final Future<Integer> reader : readers)
        {
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(150);
        }
        final ChunkStore.Stats stats = store.stats();
        assertThat(stats.hits() + stats.misses()).isEqualTo(600);
        assertThat(stats.cachedBytes()).isLessThanOrEqualTo(256 * 1024);
    }

    private ChunkStore store(final ChunkStore.Context ctx)
    {
        final ChunkStore store = new ChunkStore(ctx);
        toClose.add(store);
        return store;
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            if (!latch.await(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("latch timed out");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
