package io.asobi.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.client.Frame;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;
import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkCodec;
import io.asobi.terrain.NoiseTerrain;
import io.asobi.terrain.Tiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code examples/world-terrain} on a real server: two players find the same persistent world, see its deer and
 * wolves (in the keyframes the second one is sent on joining), get its noise terrain as {@code world.terrain}
 * chunks that inflate to the provider's tiles, and walk with {@code world.input {dx, dy}}.
 */
class WorldTerrainExampleTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String MODE = "world_terrain";
    private static final long TERRAIN_SEED = 24L; // the example's terrain.seed

    @TempDir
    Path tempDir;

    /** Frames of one client: the entity model, the keyframes' additions and the terrain chunks. */
    private static final class Client
    {
        final WorldClientModel model = new WorldClientModel();
        final List<JsonNode> keyframeAdds = new ArrayList<>();
        final List<JsonNode> terrain = new ArrayList<>();

        synchronized void accept(final Frame frame)
        {
            model.accept(frame);
            if ("world.terrain".equals(frame.type()))
            {
                terrain.add(frame.payload());
            }
            else if ("world.tick".equals(frame.type()) && frame.payload().path("kf").asBoolean(false))
            {
                frame.payload().path("updates").forEach(keyframeAdds::add);
            }
        }

        synchronized List<JsonNode> terrain()
        {
            return List.copyOf(terrain);
        }

        synchronized Set<String> keyframeTypes()
        {
            final Set<String> types = new HashSet<>();
            keyframeAdds.forEach(u -> types.add(u.path("type").asText()));
            return types;
        }
    }

    @Test
    void twoPlayersSeeNpcsTerrainAndEachOtherWalk()
    {
        try (TestServer server = TestServer.start(
            TestServer.copyOf(Path.of("../examples/world-terrain"), tempDir.resolve("game")), tempDir.resolve("data")))
        {
            final Session a = server.newPlayer();
            final Session b = server.newPlayer();
            final Client clientA = new Client();
            final Client clientB = new Client();
            try (RealtimeConnection wsA = server.connected(a); RealtimeConnection wsB = server.connected(b))
            {
                wsA.onFrame(clientA::accept);
                wsB.onFrame(clientB::accept);
                final ObjectNode mode = JSON.createObjectNode().put("mode", MODE);

                final Frame joinedA = wsA.request("world.find_or_create", mode).join();
                assertThat(joinedA.type()).as(joinedA.toString()).isEqualTo("world.joined");
                final JsonNode info = joinedA.payload();
                assertThat(info.path("grid_size").asInt()).isEqualTo(8);
                assertThat(info.path("zone_size").asDouble()).isEqualTo(128.0);
                assertThat(info.path("view_radius").asInt()).isEqualTo(1);
                assertThat(info.path("listed").asBoolean()).isTrue();
                assertThat(info.path("quick_play").asBoolean()).isTrue();

                // A's own entity (around the middle of the 1024-tile world: zones 3..4) and some NPCs arrive.
                await().atMost(WAIT).until(() -> null != self(clientA, a.playerId()) && npcCount(clientA) > 0);
                final ObjectNode selfA = self(clientA, a.playerId());
                assertThat(selfA.path("type").asText()).isEqualTo("player");
                assertThat(selfA.path("hp").asInt()).isEqualTo(10);

                // B quick-plays into the same world; the zones of its ring have been broadcasting, so it gets
                // keyframes, and they hold the herds (and A).
                final Frame joinedB = wsB.request("world.find_or_create", mode).join();
                assertThat(joinedB.type()).isEqualTo("world.joined");
                assertThat(joinedB.payload().path("world_id").asText()).isEqualTo(info.path("world_id").asText());
                assertThat(joinedB.payload().path("player_count").asInt()).isEqualTo(2);
                await().atMost(WAIT).until(() -> clientB.keyframeTypes().contains("deer") &&
                    null != self(clientB, a.playerId()));
                assertThat(clientB.keyframeTypes()).contains("player", "deer");
                await().atMost(WAIT).until(() -> null != self(clientA, b.playerId()));

                // Terrain: the chunks under each player first, every one inflating to the seeded noise's tiles.
                await().atMost(WAIT).until(() -> clientA.terrain().size() >= 9 && clientB.terrain().size() >= 9);
                final JsonNode first = clientA.terrain().getFirst();
                final int cx = first.path("coords").get(0).asInt();
                final int cy = first.path("coords").get(1).asInt();
                assertThat(cx).isEqualTo(Chunk.chunkOfTile((long)selfA.path("x").asDouble()));
                assertThat(cy).isEqualTo(Chunk.chunkOfTile((long)selfA.path("y").asDouble()));
                final ChunkCodec codec = new ChunkCodec();
                final NoiseTerrain noise = new NoiseTerrain(TERRAIN_SEED);
                final Set<String> tileKinds = new HashSet<>();
                for (final JsonNode chunk : clientA.terrain())
                {
                    final int x = chunk.path("coords").get(0).asInt();
                    final int y = chunk.path("coords").get(1).asInt();
                    assertThat(x).isBetween(0, 15);
                    assertThat(y).isBetween(0, 15);
                    final byte[] raw = codec.decode(Base64.getDecoder().decode(chunk.path("data").asText()));
                    assertThat(raw).isEqualTo(noise.generate(x, y));
                    tileKinds.add(Integer.toString(Chunk.tileId(raw, 0, 0)));
                    tileKinds.add(Integer.toString(Chunk.tileId(raw, 32, 32)));
                }
                assertThat(tileKinds).allMatch(t -> Integer.parseInt(t) >= Tiles.WATER &&
                    Integer.parseInt(t) <= Tiles.SNOW);

                // A walks right: {dx, dy} is held until the next input.
                final double x0 = self(clientA, a.playerId()).path("x").asDouble();
                wsA.send("world.input", JSON.createObjectNode().put("dx", 1).put("dy", 0));
                await().atMost(WAIT).until(() ->
                {
                    final ObjectNode me = self(clientA, a.playerId());
                    return null != me && me.path("x").asDouble() > x0 + 10;
                });
                wsA.send("world.input", JSON.createObjectNode().put("dx", 0).put("dy", 0));
                // B sees it too (A is in B's ring: both spawned near the middle).
                await().atMost(WAIT).until(() ->
                {
                    final ObjectNode seen = self(clientB, a.playerId());
                    return null != seen && seen.path("x").asDouble() > x0 + 10;
                });

                assertThat(clientA.model.violations()).isEmpty();
                assertThat(clientB.model.violations()).isEmpty();
            }
        }
    }

    /** An entity wherever it is in the client's zone tables. */
    private static ObjectNode self(final Client client, final String id)
    {
        for (int x = 0; x < 8; x++)
        {
            for (int y = 0; y < 8; y++)
            {
                final ObjectNode e = client.model.entity(x, y, id);
                if (null != e)
                {
                    return e;
                }
            }
        }
        return null;
    }

    private static int npcCount(final Client client)
    {
        int count = 0;
        for (int x = 0; x < 8; x++)
        {
            for (int y = 0; y < 8; y++)
            {
                count += client.model.size(x, y);
            }
        }
        return count - 1;
    }
}
