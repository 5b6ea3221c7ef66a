package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.terrain.Chunk;
import io.asobi.terrain.NoiseTerrain;
import io.asobi.terrain.Tiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

class TerrainStreamTest
{
    private final WorldHarness h = new WorldHarness();

    @BeforeEach
    void buildChunksInline()
    {
        TerrainLoader.executorOverride(Runnable::run);
    }

    @AfterEach
    void close()
    {
        h.close();
        TerrainLoader.executorOverride(null);
    }

    /** 4x4 zones of 100 units: 400 tiles, chunks 0..6 per side; radius 2, 4 chunks per tick, noise seed 7. */
    private static WorldConfig terrainWorld()
    {
        return WorldHarness.small("land").withLifecycle(5_000, 0, false)
            .withTerrain(WorldTerrain.noise(7).withStreaming(2, 4));
    }

    private List<String> terrainCoords(final String playerId)
    {
        final List<String> coords = new ArrayList<>();
        for (final RecordingOutbound.Sent sent : h.outbound.to(playerId, "world.terrain"))
        {
            final JsonNode c = sent.payload().get("coords");
            coords.add(c.get(0).asInt() + "," + c.get(1).asInt());
        }
        return coords;
    }

    /** Create a world for p1 and step 1 ms at a time until its first terrain frames arrive (one world tick). */
    private String createAndFirstTerrainTick()
    {
        h.mode(terrainWorld()).launch();
        final RecordingReply reply = h.create("p1", "land");
        for (int i = 0; i < 1_000 && h.outbound.ofType("world.terrain").isEmpty(); i++)
        {
            h.advanceMs(1);
        }
        assertThat(reply.isOk()).isTrue();
        return reply.payload.get("world_id").asText();
    }

    @Test
    void joiningSendsTheNearestChunksFirstWithinTheBudgetPerTick()
    {
        createAndFirstTerrainTick();
        // spawn (50, 50) is chunk (0,0); nearest first by distance, then dy, then dx; only chunks inside the extent
        assertThat(terrainCoords("p1")).containsExactly("0,0", "1,0", "0,1", "1,1");
        h.advanceMs(100);
        assertThat(terrainCoords("p1")).containsExactly("0,0", "1,0", "0,1", "1,1", "2,0", "0,2", "2,1", "1,2");
        h.advanceMs(100);
        assertThat(terrainCoords("p1")).hasSize(9).endsWith("2,2");
        h.advanceMs(1_000);
        assertThat(terrainCoords("p1")).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void theDataInflatesToTheProvidersRawChunk() throws DataFormatException
    {
        createAndFirstTerrainTick();
        h.advanceMs(500);
        final NoiseTerrain provider = new NoiseTerrain(7);
        final List<RecordingOutbound.Sent> frames = h.outbound.to("p1", "world.terrain");
        assertThat(frames).hasSize(9);
        final Set<String> distinct = new HashSet<>();
        for (final RecordingOutbound.Sent sent : frames)
        {
            final JsonNode payload = sent.payload();
            assertThat(payload.size()).isEqualTo(2);
            final int cx = payload.get("coords").get(0).asInt();
            final int cy = payload.get("coords").get(1).asInt();
            final byte[] raw = inflate(Base64.getDecoder().decode(payload.get("data").asText()));
            assertThat(raw).hasSize(Chunk.RAW_BYTES).isEqualTo(provider.generate(cx, cy));
            distinct.add(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        assertThat(distinct).as("noise chunks differ").hasSizeGreaterThan(1);
    }

    @Test
    void movingSendsOnlyTheNewChunks()
    {
        createAndFirstTerrainTick();
        h.advanceMs(500);
        final Set<String> before = new HashSet<>(terrainCoords("p1"));
        assertThat(before).hasSize(9);
        h.outbound.clear();

        h.input("p1", "{\"to\":[350,50]}");
        h.advanceMs(1_000);
        // centre chunk (5,0): cx 3..6 (7 is outside the 400-tile world) by cy 0..2, none of them sent before
        final List<String> after = terrainCoords("p1");
        assertThat(after).doesNotHaveDuplicates().hasSize(12).doesNotContainAnyElementsOf(before);
        assertThat(after.get(0)).isEqualTo("5,0");
        for (final String coords : after)
        {
            final int cx = Integer.parseInt(coords.split(",")[0]);
            assertThat(cx).isBetween(3, 6);
        }

        // walking back over the hysteresis: chunk column 2 was kept, 0 and 1 were forgotten and come again
        h.outbound.clear();
        h.input("p1", "{\"to\":[50,50]}");
        h.advanceMs(1_000);
        assertThat(terrainCoords("p1")).doesNotHaveDuplicates()
            .containsExactlyInAnyOrder("0,0", "1,0", "0,1", "1,1", "0,2", "1,2");
    }

    @Test
    void reconnectResendsTheChunks()
    {
        createAndFirstTerrainTick();
        h.advanceMs(500);
        assertThat(terrainCoords("p1")).hasSize(9);
        h.runtime.playerDisconnected("p1");
        h.advanceMs(300);
        h.outbound.clear();
        h.advanceMs(500);
        assertThat(terrainCoords("p1")).isEmpty();

        h.runtime.playerConnected("p1");
        h.advanceMs(500);
        final List<RecordingOutbound.Sent> toP1 = h.outbound.drain().stream()
            .filter(s -> "p1".equals(s.playerId())).toList();
        assertThat(toP1.get(0).type()).isEqualTo("world.joined");
        assertThat(toP1.stream().filter(s -> "world.terrain".equals(s.type()))
            .map(s -> s.payload().get("coords").toString()).toList())
            .hasSize(9).doesNotHaveDuplicates().startsWith("[0,0]");
    }

    @Test
    void playersNeedingAChunkInTheSameTickShareOneEncodedFrame()
    {
        final String worldId = createAndFirstTerrainTick();
        h.join("p2", worldId);
        h.advanceMs(500);
        h.runtime.playerDisconnected("p1");
        h.runtime.playerDisconnected("p2");
        h.advanceMs(300);
        h.outbound.clear();
        h.runtime.playerConnected("p1");
        h.runtime.playerConnected("p2");
        h.advanceMs(500);
        final List<RecordingOutbound.Sent> toP1 = h.outbound.to("p1", "world.terrain");
        final List<RecordingOutbound.Sent> toP2 = h.outbound.to("p2", "world.terrain");
        assertThat(toP1).hasSize(9);
        assertThat(toP2).hasSize(9);
        for (int i = 0; i < 9; i++)
        {
            assertThat(toP2.get(i).frame()).isSameAs(toP1.get(i).frame());
        }
    }

    @Test
    void chunksThatFailToLoadAreNotSentAndRetriedLater()
    {
        final String worldId = createAndFirstTerrainTick();
        h.world(worldId).terrain.store().close();
        h.outbound.clear();
        h.input("p1", "{\"dx\":1}");
        h.advanceMs(500);
        assertThat(terrainCoords("p1")).isEmpty();
        // the 4 chunks sent before stay held; the 5 others inside the world failed, so they are not held (retried
        // every tick, each failure counting against the budget so a broken store cannot make a tick walk the square)
        final io.asobi.terrain.ViewerStream stream = h.world(worldId).member("p1").terrainStream;
        for (final int[] held : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}})
        {
            assertThat(stream.hasSent(held[0], held[1])).isTrue();
        }
        for (final int[] failed : new int[][] {{2, 0}, {0, 2}, {2, 1}, {1, 2}, {2, 2}})
        {
            assertThat(stream.hasSent(failed[0], failed[1])).isFalse();
        }
        assertThat(h.outbound.ofType("world.tick")).isNotEmpty();
    }

    @Test
    void aWorldWithoutTerrainSendsNoTerrain()
    {
        h.mode(WorldHarness.small("walk")).launch();
        h.createWith("p1", "walk");
        h.input("p1", "{\"to\":[350,350]}");
        h.advanceMs(1_000);
        assertThat(h.outbound.ofType("world.terrain")).isEmpty();
        assertThat(h.outbound.ofType("world.tick")).isNotEmpty();
    }

    @Test
    void flatTerrainAndDefaultRadiusFollowTheViewRing()
    {
        final WorldConfig config = WorldConfig.defaults("flat").withTerrain(WorldTerrain.flat(Tiles.GRASS, 9));
        assertThat(config.problem()).isNull();
        // (1 + 1/2) × 200 tiles = 300 tiles: 5 chunks; the 10 × 200 world is 2,000 tiles: 32 chunks
        assertThat(config.terrain().radiusChunksFor(config)).isEqualTo(5);
        assertThat(WorldTerrain.extentChunks(config)).isEqualTo(32);
        assertThat(config.terrain().chunksPerTick()).isEqualTo(4);
        assertThat(WorldConfig.defaults("none").terrain()).isNull();
        assertThat(config.withRates(30, 2).terrain()).isEqualTo(config.terrain());
    }

    @Test
    void invalidTerrainIsRefusedWithAMessage()
    {
        assertThat(WorldConfig.defaults("x").withTerrain(new WorldTerrain("lava", 0, 0, 0, -1, 4, 1 << 20)).problem())
            .contains("kind");
        assertThat(WorldConfig.defaults("x").withTerrain(WorldTerrain.flat(70_000, 0)).problem()).contains("tileId");
        assertThat(WorldConfig.defaults("x").withTerrain(WorldTerrain.noise(1).withStreaming(33, 4)).problem())
            .contains("radiusChunks");
        assertThat(WorldConfig.defaults("x").withTerrain(WorldTerrain.noise(1).withStreaming(2, 0)).problem())
            .contains("chunksPerTick");
        assertThat(WorldConfig.defaults("x").withTerrain(WorldTerrain.noise(1).withCacheCapacityBytes(10)).problem())
            .contains("cacheCapacityBytes");
    }

    private static byte[] inflate(final byte[] compressed) throws DataFormatException
    {
        final Inflater inflater = new Inflater();
        try
        {
            inflater.setInput(compressed);
            final byte[] out = new byte[Chunk.RAW_BYTES + 1];
            final int n = inflater.inflate(out);
            assertThat(inflater.finished()).isTrue();
            return java.util.Arrays.copyOf(out, n);
        }
        finally
        {
            inflater.end();
        }
    }
}
