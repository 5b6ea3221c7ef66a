package io.asobi.world;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    private String worldWithTwo(final long ttlMs)
    {
        h.mode(WorldHarness.small("walk").withLifecycle(ttlMs, 0, false)).launch();
        final String worldId = h.createWith("p1", "walk");
        h.join("p2", worldId);
        h.advanceMs(300);
        return worldId;
    }

    @Test
    void insideTheGraceThePlayerIsReattachedWithKeyframes()
    {
        final String worldId = worldWithTwo(5_000);
        h.runtime.playerDisconnected("p1");
        h.advanceMs(200);
        final WorldInstance world = h.world(worldId);
        assertThat(world.member("p1").isDetached).isTrue();
        assertThat(world.member("p1").ring).isEmpty();
        assertThat(world.liveZone(0, 0).subscribers).extracting(m -> m.id).containsExactly("p2");
        assertThat(h.ringEvents).contains("-p1@0,0");

        // the entity stays and others keep seeing it; the detached player is sent nothing
        h.input("p2", "{\"dx\":1}");
        h.outbound.clear();
        h.advanceMs(3_000);
        assertThat(h.outbound.all()).extracting(RecordingOutbound.Sent::playerId).doesNotContain("p1");
        assertThat(world.liveZone(0, 0).entity("p1")).isNotEqualTo(io.asobi.ecs.EntityIds.NULL);
        assertThat(h.runtime.list(null, null).get("worlds").get(0).get("player_count").asInt()).isEqualTo(2);

        h.runtime.playerConnected("p1");
        h.advanceMs(100);
        final List<RecordingOutbound.Sent> toP1 = h.outbound.drain().stream()
            .filter(s -> "p1".equals(s.playerId())).toList();
        assertThat(toP1.get(0).type()).isEqualTo("world.joined");
        assertThat(toP1.get(0).payload().get("world_id").asText()).isEqualTo(worldId);
        final ClientModel client = new ClientModel("p1");
        toP1.forEach(client::apply);
        assertThat(client.table(0, 0)).isEqualTo(ClientModel.truth(world.liveZone(0, 0)));
        assertThat(client.table(0, 0)).containsOnlyKeys("p1", "p2");
        assertThat(world.member("p1").isDetached).isFalse();
        assertThat(h.input("p1", "{\"dx\":1}")).isEqualTo(WorldInputResult.ACCEPTED);
        h.advanceMs(100);
        h.outbound.drain().forEach(client::apply);
        assertThat(client.problems).isEmpty();
        assertThat(client.table(0, 0).get("p1").get("x").asDouble()).isEqualTo(51.0);
    }

    @Test
    void afterTheGraceTheEntityIsRemovedAndAReconnectFindsNoWorld()
    {
        final String worldId = worldWithTwo(1_000);
        h.runtime.playerDisconnected("p1");
        h.advanceMs(900);
        assertThat(h.world(worldId).member("p1")).isNotNull();
        h.outbound.clear();
        h.advanceMs(300);
        assertThat(h.world(worldId).member("p1")).isNull();
        assertThat(h.runtime.worldOf("p1")).isNull();
        assertThat(h.logic(0).events).contains("leave p1");
        assertThat(h.outbound.to("p2", "world.tick")).anySatisfy(
            s -> assertThat(s.payload().get("updates").toString()).isEqualTo("[{\"op\":\"r\",\"id\":\"p1\"}]"));

        h.outbound.clear();
        h.runtime.playerConnected("p1");
        h.advanceMs(200);
        assertThat(h.outbound.to("p1", "world.joined")).isEmpty();
        final RecordingReply join = h.join("p1", worldId);
        h.advanceMs(200);
        assertThat(join.isOk()).isTrue();
    }

    @Test
    void withoutGraceADisconnectIsALeave()
    {
        final String worldId = worldWithTwo(0);
        h.runtime.playerDisconnected("p1");
        h.advanceMs(200);
        assertThat(h.world(worldId).member("p1")).isNull();
        assertThat(h.runtime.worldOf("p1")).isNull();
        h.runtime.playerDisconnected("p2");
        h.advanceMs(200);
        assertThat(h.world(worldId)).isNull();
    }

    @Test
    void aForeverGraceKeepsTheEntityAndTheWorld()
    {
        final String worldId = worldWithTwo(WorldConfig.TTL_FOREVER);
        h.runtime.playerDisconnected("p1");
        h.runtime.playerDisconnected("p2");
        h.advanceMs(60_000);
        assertThat(h.world(worldId)).isNotNull();
        assertThat(h.world(worldId).member("p1").isDetached).isTrue();
        h.runtime.playerConnected("p2");
        h.advanceMs(100);
        assertThat(h.outbound.to("p2", "world.joined")).hasSize(1);
        assertThat(h.world(worldId).member("p2").isDetached).isFalse();
    }
}
