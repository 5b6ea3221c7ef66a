package io.asobi.terrain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkStoreAsyncAndSnapshotTest
{
    private final NoiseTerrain terrain = new NoiseTerrain(5);
    private final ChunkCodec codec = new ChunkCodec();
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private final List<ChunkStore> stores = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        stores.forEach(ChunkStore::close);
        codec.close();
    }

    private ChunkStore store()
    {
        final ChunkStore store = new ChunkStore(new ChunkStore.Context().provider(terrain).maxEditedTiles(10_000));
        stores.add(store);
        return store;
    }

    private void drain()
    {
        Runnable task;
        while (null != (task = queued.poll()))
        {
            task.run();
        }
    }

    @Test
    void aMissQueuesOneLoadAndServesTheChunkOnceItRan()
    {
        final ChunkStore store = store();
        assertThat(store.chunkIfReady(1, 2, queued::add)).isNull();
        assertThat(store.chunkIfReady(1, 2, queued::add)).isNull();
        assertThat(queued).hasSize(1);
        assertThat(store.stats().generated()).isZero();

        drain();
        final CompressedChunk chunk = store.chunkIfReady(1, 2, queued::add);
        assertThat(chunk).isNotNull();
        assertThat(codec.decode(chunk.bytes())).isEqualTo(terrain.generate(1, 2));
        assertThat(queued).isEmpty();
        assertThat(store.stats().generated()).isOne();
        assertThat(store.chunk(1, 2)).isSameAs(chunk);
    }

    @Test
    void anInlineExecutorServesAtOnce()
    {
        final ChunkStore store = store();
        final CompressedChunk chunk = store.chunkIfReady(0, 0, Runnable::run);
        assertThat(chunk).isNotNull();
        assertThat(codec.decode(chunk.bytes())).isEqualTo(terrain.generate(0, 0));
    }

    @Test
    void aRefusedOrFailedLoadIsRequestedAgain()
    {
        final ChunkStore store = store();
        assertThat(store.chunkIfReady(3, 3, task ->
        {
            throw new RejectedExecutionException("full");
        })).isNull();
        assertThat(store.stats().rejectedLoads()).isOne();
        assertThat(store.chunkIfReady(3, 3, queued::add)).isNull();
        assertThat(queued).hasSize(1);

        final ChunkStore failing = new ChunkStore(new ChunkStore.Context().provider((cx, cy, raw) ->
        {
            throw new IllegalStateException("disk gone");
        }));
        stores.add(failing);
        assertThat(failing.chunkIfReady(0, 0, Runnable::run)).isNull();
        assertThat(failing.stats().loadFailures()).isOne();
        assertThat(failing.chunkIfReady(0, 0, Runnable::run)).isNull();
        assertThat(failing.stats().loadFailures()).isEqualTo(2);
    }

    @Test
    void anEditDuringALoadKeepsTheStaleResultOutOfTheCache()
    {
        final ChunkStore store = store();
        assertThat(store.chunkIfReady(0, 0, queued::add)).isNull();
        store.applyEdit(new TerrainEdit(0, 0, 1, 1, 77, 1, 2));
        drain();
        // the stale load completed but was not cached; a new one is requested and carries the edit
        assertThat(store.chunkIfReady(0, 0, queued::add)).isNull();
        drain();
        final byte[] raw = codec.decode(store.chunkIfReady(0, 0, queued::add).bytes());
        assertThat(Chunk.tileId(raw, 1, 1)).isEqualTo(77);
    }

    @Test
    void theOverlayRoundTripsThroughASnapshotAndReplacesTheOldOne()
    {
        final ChunkStore store = store();
        store.applyEdit(new TerrainEdit(2, 0, 5, 6, 9, 1, 200));
        store.applyEdit(new TerrainEdit(-1, 4, 0, 63, 65535, 255, 0));
        store.applyEdit(new TerrainEdit(2, 0, 5, 6, 10, 0, 1));
        final byte[] bytes = EditSnapshot.encode(store.allEdits());

        final ChunkStore other = store();
        other.applyEdit(new TerrainEdit(7, 7, 0, 0, 1, 1, 1));
        final CompressedChunk before = other.chunk(7, 7);
        final long[] touched = other.replaceEdits(EditSnapshot.decode(bytes, 10_000));

        assertThat(touched).containsExactly(Chunk.key(-1, 4), Chunk.key(2, 0), Chunk.key(7, 7));
        assertThat(EditSnapshot.encode(other.allEdits())).isEqualTo(bytes);
        assertThat(other.editsOf(7, 7)).isEmpty();
        assertThat(other.chunk(7, 7)).isNotSameAs(before);
        assertThat(codec.decode(other.chunk(7, 7).bytes())).isEqualTo(terrain.generate(7, 7));
        assertThat(codec.decode(other.chunk(2, 0).bytes())).isEqualTo(codec.decode(store.chunk(2, 0).bytes()));
        assertThat(other.stats().editedTiles()).isEqualTo(2);
    }

    @Test
    void hostileSnapshotsAreRefusedAndChangeNothing()
    {
        final ChunkStore store = store();
        store.applyEdit(new TerrainEdit(0, 0, 0, 0, 4, 0, 0));
        final byte[] good = EditSnapshot.encode(List.of(new TerrainEdit(1, 1, 1, 1, 1, 1, 1)));

        final List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(new byte[] {1, 2, 3});
        bad.add(good.clone());
        bad.get(2)[0] ^= 1;                                     // magic
        bad.add(good.clone());
        bad.get(3)[4] = 9;                                      // version
        bad.add(ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1_000_000).array());
        bad.add(ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1).array());
        bad.add(ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN).putInt(12, Integer.MAX_VALUE).array());
        bad.add(ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short)4096).array());
        bad.add(java.util.Arrays.copyOf(good, good.length - 1));
        final TerrainEdit twice = new TerrainEdit(1, 1, 1, 1, 1, 1, 1);
        bad.add(EditSnapshot.encode(List.of(twice, twice)));
        for (final byte[] bytes : bad)
        {
            assertThatThrownBy(() -> EditSnapshot.decode(bytes, 10_000)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> EditSnapshot.decode(null, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EditSnapshot.decode(EditSnapshot.encode(List.of(twice)), 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.editsOf(0, 0)).containsExactly(new TerrainEdit(0, 0, 0, 0, 4, 0, 0));
    }

    @Test
    void replacingPastTheLimitChangesNothing()
    {
        final ChunkStore store = new ChunkStore(new ChunkStore.Context().provider(terrain).maxEditedTiles(1));
        stores.add(store);
        store.applyEdit(new TerrainEdit(0, 0, 0, 0, 4, 0, 0));
        assertThatThrownBy(() -> store.replaceEdits(List.of(
            new TerrainEdit(1, 0, 0, 0, 4, 0, 0), new TerrainEdit(1, 0, 1, 0, 4, 0, 0))))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.allEdits()).containsExactly(new TerrainEdit(0, 0, 0, 0, 4, 0, 0));
    }

    @Property(tries = 50)
    void snapshotRestoreSnapshotIsIdentical(@ForAll final long seed, @ForAll @IntRange(min = 0, max = 300) final int n)
    {
        final ChunkStore store = new ChunkStore(new ChunkStore.Context().provider(terrain));
        final ChunkStore copy = new ChunkStore(new ChunkStore.Context().provider(terrain));
        try
        {
            final Random random = new Random(seed);
            for (int i = 0; i < n; i++)
            {
                store.applyEdit(new TerrainEdit(random.nextInt(5) - 2, random.nextInt(5) - 2, random.nextInt(64),
                    random.nextInt(4), random.nextInt(65536), random.nextInt(256), random.nextInt(256)));
            }
            final byte[] bytes = EditSnapshot.encode(store.allEdits());
            copy.replaceEdits(EditSnapshot.decode(bytes, Long.MAX_VALUE));
            assertThat(EditSnapshot.encode(copy.allEdits())).isEqualTo(bytes);
            for (int cx = -2; cx <= 2; cx++)
            {
                assertThat(copy.editsOf(cx, 0)).isEqualTo(store.editsOf(cx, 0));
            }
        }
        finally
        {
            store.close();
            copy.close();
        }
    }
}
