package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkCodec;
import io.asobi.terrain.NoiseTerrain;
import io.asobi.terrain.TerrainEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Terrain edits through {@link WorldTerrainAccess}, their journal and snapshot hooks, and chunk loads off the tick
 * thread, with the loader executor driven by hand.
 */
class TerrainEditTest
{
    private final WorldHarness h = new WorldHarness();
    private final ArrayDeque<Runnable> loads = new ArrayDeque<>();
    private final ChunkCodec codec = new ChunkCodec();
    private final NoiseTerrain provider = new NoiseTerrain(7);
    private boolean isInline = true;

    @BeforeEach
    void useHandDrivenLoader()
    {
        TerrainLoader.executorOverride(task ->
        {
            if (isInline)
            {
                task.run();
            }
            else
            {
                loads.add(task);
            }
        });
    }

    @AfterEach
    void close()
    {
        h.close();
        codec.close();
        TerrainLoader.executorOverride(null);
    }

    /** 4x4 zones of 100 units: chunks 0..6 per side; radius 2, 4 chunks per tick, noise seed 7. */
    private String createWorld()
    {
        h.mode(WorldHarness.small("land").withLifecycle(5_000, 0, false)
            .withTerrain(WorldTerrain.noise(7).withStreaming(2, 4))).launch();
        final RecordingReply reply = h.create("p1", "land");
        h.advanceMs(200);
        assertThat(reply.isOk()).isTrue();
        return reply.payload.get("world_id").asText();
    }

    private List<JsonNode> terrainFrames(final String playerId)
    {
        final List<JsonNode> frames = new ArrayList<>();
        for (final RecordingOutbound.Sent sent : h.outbound.to(playerId, "world.terrain"))
        {
            frames.add(sent.payload());
        }
        return frames;
    }

    private static String coords(final JsonNode payload)
    {
        return payload.get("coords").get(0).asInt() + "," + payload.get("coords").get(1).asInt();
    }

    @Test
    void anEditIsReadBackAndResentOnceToEveryHolder()
    {
        final String worldId = createWorld();
        h.join("p2", worldId);
        h.advanceMs(1_000);
        final TerrainStreamer terrain = h.world(worldId).terrain;
        final WorldTerrainAccess access = h.world(worldId).terrain();
        assertThat(access).isSameAs(terrain);
        final long before = access.tile(70, 3);
        assertThat(before).isEqualTo(((long)Chunk.tileId(provider.generate(1, 0), 6, 3) << 16) |
            ((long)Chunk.flags(provider.generate(1, 0), 6, 3) << 8) | Chunk.elevation(provider.generate(1, 0), 6, 3));

        h.outbound.clear();
        terrain.beginStep();
        assertThat(access.setTile(70, 3, 999, 3, 200)).isNull();
        assertThat(access.setTile(71, 3, 998, 0, 0)).isNull();
        final long after = access.tile(70, 3);
        assertThat(WorldTerrainAccess.tileIdOf(after)).isEqualTo(999);
        assertThat(WorldTerrainAccess.flagsOf(after)).isEqualTo(3);
        assertThat(WorldTerrainAccess.elevationOf(after)).isEqualTo(200);
        h.advanceMs(300);

        final List<JsonNode> toP1 = terrainFrames("p1");
        final List<JsonNode> toP2 = terrainFrames("p2");
        assertThat(toP1).hasSize(1);
        assertThat(toP2).hasSize(1);
        assertThat(coords(toP1.get(0))).isEqualTo("1,0");
        final byte[] raw = codec.decode(Base64.getDecoder().decode(toP1.get(0).get("data").asText()));
        assertThat(Chunk.tileId(raw, 6, 3)).isEqualTo(999);
        assertThat(Chunk.tileId(raw, 7, 3)).isEqualTo(998);
        assertThat(h.outbound.to("p2", "world.terrain").get(0).frame())
            .isSameAs(h.outbound.to("p1", "world.terrain").get(0).frame());
        assertThat(access.chunk(1, 0).base64()).isEqualTo(toP1.get(0).get("data").asText());
    }

    @Test
    void editsAreCheckedAndRateLimitedPerTick()
    {
        final String worldId = createWorld();
        final TerrainStreamer terrain = h.world(worldId).terrain;
        final long extent = terrain.extentChunks() * 64L;
        terrain.beginStep();
        assertThat(terrain.setTile(-1, 0, 1, 0, 0)).isEqualTo(WorldTerrainAccess.OUT_OF_BOUNDS);
        assertThat(terrain.setTile(0, extent, 1, 0, 0)).isEqualTo(WorldTerrainAccess.OUT_OF_BOUNDS);
        assertThat(terrain.setTile(0, 0, 65_536, 0, 0)).isEqualTo(WorldTerrainAccess.INVALID_TILE);
        assertThat(terrain.setTile(0, 0, 1, 256, 0)).isEqualTo(WorldTerrainAccess.INVALID_TILE);
        assertThat(terrain.setTile(0, 0, 1, 0, -1)).isEqualTo(WorldTerrainAccess.INVALID_TILE);
        assertThat(terrain.tile(-1, 0)).isEqualTo(-1);
        assertThat(terrain.tile(0, extent)).isEqualTo(-1);
        assertThat(terrain.chunk(terrain.extentChunks(), 0)).isNull();
        assertThat(terrain.preload(-1, 0)).isFalse();

        for (int i = 0; i < WorldTerrainAccess.MAX_EDITS_PER_TICK; i++)
        {
            assertThat(terrain.setTile(i % extent, i / extent, 5, 0, 0)).isNull();
        }
        assertThat(terrain.setTile(300, 300, 5, 0, 0)).isEqualTo(WorldTerrainAccess.RATE_LIMITED);
        final List<TerrainEdit> drained = new ArrayList<>();
        assertThat(terrain.drainEdits(drained::add)).isEqualTo(WorldTerrainAccess.MAX_EDITS_PER_TICK);
        assertThat(drained.get(1)).isEqualTo(TerrainEdit.ofWorldTile(1, 0, 5, 0, 0));
        assertThat(terrain.drainEdits(drained::add)).isZero();
        terrain.beginStep();
        assertThat(terrain.setTile(300, 300, 5, 0, 0)).isNull();
    }

    @Test
    void theJournalSeesEachEditFirstAndCanRefuseIt()
    {
        final String worldId = createWorld();
        final TerrainStreamer terrain = h.world(worldId).terrain;
        final List<TerrainEdit> journal = new ArrayList<>();
        terrain.editLog(journal::add);
        terrain.beginStep();
        assertThat(terrain.setTile(10, 20, 4, 1, 2)).isNull();
        assertThat(journal).containsExactly(TerrainEdit.ofWorldTile(10, 20, 4, 1, 2));

        terrain.editLog(edit ->
        {
            throw new IllegalStateException("disk full");
        });
        final long before = terrain.tile(11, 20);
        assertThat(terrain.setTile(11, 20, 4, 1, 2)).isEqualTo(WorldTerrainAccess.JOURNAL_FAILED);
        assertThat(terrain.tile(11, 20)).isEqualTo(before);

        // replay: applied without the journal and without the per-tick list
        terrain.drainEdits(e -> { });
        assertThat(terrain.applyEdit(TerrainEdit.ofWorldTile(11, 20, 8, 0, 0))).isNull();
        assertThat(WorldTerrainAccess.tileIdOf(terrain.tile(11, 20))).isEqualTo(8);
        assertThat(terrain.drainEdits(e -> { })).isZero();
        assertThat(terrain.applyEdit(new TerrainEdit(100, 0, 0, 0, 1, 0, 0)))
            .isEqualTo(WorldTerrainAccess.OUT_OF_BOUNDS);
    }

    @Test
    void theEditOverlaySnapshotsAndRestoresExactly()
    {
        final String worldId = createWorld();
        final TerrainStreamer terrain = h.world(worldId).terrain;
        terrain.beginStep();
        terrain.setTile(5, 5, 11, 1, 1);
        terrain.setTile(130, 64, 12, 2, 2);
        terrain.setTile(5, 5, 13, 3, 3);
        final byte[] snapshot = terrain.snapshotEdits();
        final long edited = terrain.tile(130, 64);
        final byte[] chunkBefore = terrain.chunk(0, 0).bytes();

        terrain.setTile(6, 6, 99, 0, 0);
        terrain.restoreEdits(snapshot);
        assertThat(terrain.snapshotEdits()).isEqualTo(snapshot);
        assertThat(terrain.tile(130, 64)).isEqualTo(edited);
        assertThat(terrain.chunk(0, 0).bytes()).isEqualTo(chunkBefore);
        assertThat(WorldTerrainAccess.tileIdOf(terrain.tile(5, 5))).isEqualTo(13);

        terrain.restoreEdits(io.asobi.terrain.EditSnapshot.encode(List.of()));
        assertThat(WorldTerrainAccess.tileIdOf(terrain.tile(5, 5)))
            .isEqualTo(Chunk.tileId(provider.generate(0, 0), 5, 5));
    }

    @Test
    void hostileSnapshotBytesChangeNothing()
    {
        final String worldId = createWorld();
        final TerrainStreamer terrain = h.world(worldId).terrain;
        terrain.beginStep();
        terrain.setTile(5, 5, 11, 1, 1);
        final byte[] snapshot = terrain.snapshotEdits();
        final byte[] outside = io.asobi.terrain.EditSnapshot.encode(List.of(new TerrainEdit(50, 0, 0, 0, 1, 0, 0)));
        final byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 1);
        for (final byte[] bad : List.of(new byte[7], truncated, outside, "hello world!".getBytes()))
        {
            assertThatThrownBy(() -> terrain.restoreEdits(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> terrain.restoreEdits(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(terrain.snapshotEdits()).isEqualTo(snapshot);
    }

    @Test
    void chunksAreBuiltOffTheTickThreadAndStreamedOnceReady()
    {
        isInline = false;
        final String worldId = createWorld();
        // first broadcast tick: the 4 nearest chunks are requested, none is built on the tick thread
        assertThat(terrainFrames("p1")).isEmpty();
        assertThat(loads).hasSize(4);
        assertThat(h.world(worldId).terrain.store().stats().generated()).isZero();
        h.advanceMs(300);
        assertThat(loads).hasSize(4).as("the same 4 chunks, not requested twice");
        assertThat(terrainFrames("p1")).isEmpty();

        while (!loads.isEmpty())
        {
            loads.poll().run();
        }
        h.advanceMs(100);
        assertThat(terrainFrames("p1")).extracting(TerrainEditTest::coords)
            .containsExactly("0,0", "1,0", "0,1", "1,1");
        // the budget went to the 4 sent; the next 4 are requested at the next broadcast tick
        h.advanceMs(100);
        assertThat(loads).hasSize(4);

        // preload builds off the tick thread too; reads after it are served from the cache
        assertThat(h.world(worldId).terrain.preload(6, 6)).isTrue();
        assertThat(loads).hasSize(5);
        while (!loads.isEmpty())
        {
            loads.poll().run();
        }
        final long generated = h.world(worldId).terrain.store().stats().generated();
        assertThat(h.world(worldId).terrain.chunk(6, 6)).isNotNull();
        assertThat(h.world(worldId).terrain.store().stats().generated()).isEqualTo(generated);
    }

    @Test
    void theSharedLoaderStartsForAWorldAndStopsWithIt()
    {
        TerrainLoader.executorOverride(null);
        final String worldId = createWorld();
        assertThat(TerrainLoader.isPoolRunning()).isTrue();
        h.world(worldId).terrain.close();
        assertThat(TerrainLoader.isPoolRunning()).isFalse();
    }
}
