package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorldLifecycleTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    @Test
    void createJoinListAndLeave()
    {
        h.mode(WorldHarness.small("walk")).mode(WorldHarness.small("hidden").withDiscovery(false, false)).launch();
        final String worldId = h.createWith("p1", "walk");
        final RecordingReply join = h.join("p2", worldId);
        h.advanceMs(200);
        assertThat(join.payload.get("players").toString()).isEqualTo("[\"p1\",\"p2\"]");
        assertThat(join.payload.get("listed").asBoolean()).isTrue();
        assertThat(join.payload.get("quick_play").asBoolean()).isTrue();
        assertThat(join.payload.get("started_at").asText()).isEqualTo("2023-11-14T22:13:20Z");
        h.createWith("p3", "hidden");

        final JsonNode list = h.runtime.list(null, null);
        assertThat(list.get("worlds")).hasSize(1);
        final JsonNode entry = list.get("worlds").get(0);
        assertThat(entry.get("world_id").asText()).isEqualTo(worldId);
        assertThat(entry.get("status").asText()).isEqualTo("running");
        assertThat(entry.get("player_count").asInt()).isEqualTo(2);
        assertThat(entry.get("max_players").asInt()).isEqualTo(500);
        assertThat(entry.get("mode").asText()).isEqualTo("walk");
        assertThat(entry.get("grid_size").asInt()).isEqualTo(4);
        assertThat(h.runtime.list("other", null).get("worlds")).isEmpty();
        assertThat(h.runtime.list("walk", false).get("worlds")).isEmpty();
        assertThat(h.runtime.list("walk", true).get("worlds")).hasSize(1);

        final RecordingReply left = h.leave("p2");
        h.advanceMs(200);
        assertThat(left.type).isEqualTo("world.left");
        assertThat(left.payload.get("success").asBoolean()).isTrue();
        assertThat(h.logic(0).events).containsSubsequence("join p1", "join p2", "leave p2");
        assertThat(h.runtime.list(null, null).get("worlds").get(0).get("player_count").asInt()).isEqualTo(1);
        final RecordingReply again = h.leave("p2");
        assertThat(again.type).isEqualTo("world.left");
    }

    @Test
    void theLastLeaveFinishesANonPersistentWorld()
    {
        h.mode(WorldHarness.small("walk")).mode(WorldHarness.small("keep").withLifecycle(0, 0, true)).launch();
        final String worldId = h.createWith("p1", "walk");
        final String kept = h.createWith("p2", "keep");
        assertThat(h.runtime.liveWorldCount()).isEqualTo(2);

        h.leave("p1");
        h.leave("p2");
        h.advanceMs(200);
        assertThat(h.world(worldId)).isNull();
        assertThat(h.world(kept)).isNotNull();
        assertThat(h.runtime.liveWorldCount()).isEqualTo(1);
        assertThat(h.join("p3", worldId)).satisfies(r -> assertThat(r.reason).isEqualTo("world_not_found"));
        final RecordingReply rejoin = h.join("p1", kept);
        h.advanceMs(200);
        assertThat(rejoin.isOk()).isTrue();
    }

    @Test
    void anEmptyWorldWithGraceLivesThatLong()
    {
        h.mode(WorldHarness.small("walk").withLifecycle(0, 1000, false)).launch();
        final String worldId = h.createWith("p1", "walk");
        h.leave("p1");
        h.advanceMs(900);
        assertThat(h.world(worldId)).isNotNull();
        h.advanceMs(300);
        assertThat(h.world(worldId)).isNull();
    }

    @Test
    void joinErrorsAnswerTheirReasonAndChangeNothing()
    {
        h.mode(WorldHarness.small("walk").withMaxPlayers(2))
            .mode(WorldHarness.small("closed").withDiscovery(true, false))
            .mode(WorldHarness.small("broken").withGrid(0, 100, 1)).launch();
        final String worldId = h.createWith("p1", "walk");
        h.join("p2", worldId);
        h.advanceMs(200);
        h.outbound.clear();
        final JsonNode before = h.runtime.list(null, null);

        assertThat(h.join("p3", "nope").reason).isEqualTo("world_not_found");
        final RecordingReply full = h.join("p3", worldId);
        final RecordingReply twice = h.join("p1", worldId);
        final RecordingReply createTwice = h.create("p1", "walk");
        final RecordingReply unknown = h.create("p4", "nope");
        final RecordingReply closed = h.findOrCreate("p4", "closed");
        final RecordingReply broken = h.create("p4", "broken");
        final RecordingReply badId = h.join("", worldId);
        final RecordingReply refused = h.join("p5", worldId, Json.object().put("refuse", "no_entry"));
        h.advanceMs(200);

        assertThat(full.reason).isEqualTo("world_full");
        assertThat(twice.reason).isEqualTo("already_in_world");
        assertThat(createTwice.reason).isEqualTo("already_in_world");
        assertThat(unknown.reason).isEqualTo("not_found");
        assertThat(closed.reason).isEqualTo("quick_play_disabled");
        assertThat(broken.reason).isEqualTo("world_start_failed");
        assertThat(badId.reason).isEqualTo("invalid_payload");
        assertThat(refused.reason).isEqualTo("world_full");
        assertThat(h.runtime.list(null, null)).isEqualTo(before);
        assertThat(h.runtime.liveWorldCount()).isEqualTo(1);
        assertThat(h.outbound.all()).isEmpty();
        assertThat(h.runtime.worldOf("p3")).isNull();

        h.leave("p2");
        h.advanceMs(200);
        final RecordingReply refusedNow = h.join("p5", worldId, Json.object().put("refuse", "no_entry"));
        h.advanceMs(200);
        assertThat(refusedNow.reason).isEqualTo("join_refused");
        assertThat(refusedNow.details.get("refused_reason").asText()).isEqualTo("no_entry");
        assertThat(h.world(worldId).member("p5")).isNull();
        assertThat(h.runtime.worldOf("p5")).isNull();
    }

    @Test
    void nodeAndPlayerWorldCapsAreEnforced()
    {
        h.mode(WorldHarness.small("keep").withLifecycle(0, 0, true));
        h.launch(h.context().worldMax(2).worldMaxPerPlayer(1));
        h.createWith("p1", "keep");
        h.leave("p1");
        h.advanceMs(200);
        assertThat(h.create("p1", "keep").reason).isEqualTo("player_world_limit_reached");
        h.createWith("p2", "keep");
        assertThat(h.create("p3", "keep").reason).isEqualTo("world_capacity_reached");
        assertThat(h.runtime.liveWorldCount()).isEqualTo(2);
    }

    @Test
    void findOrCreateFillsTheOldestWorldThenCreatesAnother()
    {
        h.mode(WorldHarness.small("walk").withMaxPlayers(2)).launch();
        final RecordingReply a = h.findOrCreate("p1", "walk");
        final RecordingReply b = h.findOrCreate("p2", "walk");
        h.advanceMs(200);
        final RecordingReply c = h.findOrCreate("p3", "walk");
        h.advanceMs(200);
        assertThat(a.payload.get("world_id").asText()).isEqualTo(b.payload.get("world_id").asText());
        assertThat(c.payload.get("world_id").asText()).isNotEqualTo(a.payload.get("world_id").asText());
        assertThat(h.runtime.liveWorldCount()).isEqualTo(2);

        // three at once while one seat is left: the third is retried on a new world
        h.leave("p3");
        h.advanceMs(200);
        final RecordingReply d = h.findOrCreate("p4", "walk");
        final RecordingReply e = h.findOrCreate("p5", "walk");
        final RecordingReply f = h.findOrCreate("p6", "walk");
        h.advanceMs(400);
        assertThat(d.isOk() && e.isOk() && f.isOk()).as("%s %s %s", d, e, f).isTrue();
    }

    @Test
    void aThrowingInitFinishesTheWorldAndTheJoinIsAnswered()
    {
        h.mode(WorldHarness.small("walk"), logic -> logic.initThrows = true).launch();
        final RecordingReply reply = h.create("p1", "walk");
        h.advanceMs(200);
        assertThat(reply.reason).isEqualTo("world_not_found");
        assertThat(h.runtime.liveWorldCount()).isZero();
        assertThat(h.runtime.worldOf("p1")).isNull();
        assertThat(h.logic(0).events).containsExactly("closed");
    }
}
