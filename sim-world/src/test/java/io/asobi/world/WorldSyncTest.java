package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorldSyncTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    private static List<JsonNode> ticks(final List<RecordingOutbound.Sent> sent)
    {
        return sent.stream().filter(s -> "world.tick".equals(s.type())).map(RecordingOutbound.Sent::payload).toList();
    }

    @Test
    void joinRepliesThenFirstBroadcastAddsThePlayerWithWireFieldsOnly()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final RecordingReply reply = h.create("p1", "walk");
        h.advanceMs(100);

        assertThat(reply.type).isEqualTo("world.joined");
        assertThat(reply.payload.get("world_id").asText()).isEqualTo("w1");
        assertThat(reply.payload.get("grid_size").asInt()).isEqualTo(4);
        assertThat(reply.payload.get("player_count").asInt()).isEqualTo(1);
        assertThat(reply.payload.get("players").get(0).asText()).isEqualTo("p1");
        assertThat(h.ringEvents).containsExactlyInAnyOrder("+p1@0,0", "+p1@1,0", "+p1@0,1", "+p1@1,1");

        h.advanceMs(100);
        final List<JsonNode> frames = ticks(h.outbound.to("p1", "world.tick"));
        assertThat(frames).isNotEmpty();
        final JsonNode first = frames.get(0);
        assertThat(first.get("zone").toString()).isEqualTo("[0,0]");
        assertThat(first.get("frame_seq").asLong()).isEqualTo(1);
        assertThat(first.get("kf").asBoolean()).isFalse();
        assertThat(first.get("tick").asLong()).isPositive();
        assertThat(first.get("updates").toString())
            .isEqualTo("[{\"op\":\"a\",\"id\":\"p1\",\"x\":50.0,\"y\":50.0,\"type\":\"player\",\"hp\":10}]");
        assertThat(frames).hasSize(1);
    }

    @Test
    void updatesCarryOnlyChangedFieldsAndOneEncodingIsSharedByAllSubscribers()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        final RecordingReply second = h.join("p2", worldId);
        h.advanceMs(200);
        assertThat(second.isOk()).isTrue();
        h.outbound.clear();

        final WorldInstance world = h.world(worldId);
        final long encodedBefore = world.encodedFrames;
        assertThat(h.input("p1", "{\"hp\":7}")).isEqualTo(WorldInputResult.ACCEPTED);
        h.advanceMs(100);

        final List<RecordingOutbound.Sent> toP1 = h.outbound.to("p1", "world.tick");
        final List<RecordingOutbound.Sent> toP2 = h.outbound.to("p2", "world.tick");
        assertThat(toP1).hasSize(1);
        assertThat(toP2).hasSize(1);
        assertThat(toP1.get(0).frame()).isSameAs(toP2.get(0).frame());
        assertThat(world.encodedFrames - encodedBefore).isEqualTo(1);
        assertThat(toP1.get(0).payload().get("updates").toString())
            .isEqualTo("[{\"op\":\"u\",\"id\":\"p1\",\"hp\":7}]");

        h.outbound.clear();
        h.advanceMs(300);
        assertThat(h.outbound.ofType("world.tick")).isEmpty();
        assertThat(world.encodedFrames - encodedBefore).isEqualTo(1);
    }

    @Test
    void secondJoinerGetsAKeyframeOfTheLastBroadcastThenSharedDeltas()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.advanceMs(300);
        final long seq = h.world(worldId).liveZone(0, 0).frameSeq;
        assertThat(seq).isEqualTo(1);

        h.outbound.clear();
        h.join("p2", worldId);
        h.advanceMs(100);
        final List<JsonNode> toP2 = ticks(h.outbound.to("p2", "world.tick"));
        assertThat(toP2.get(0).get("kf").asBoolean()).isTrue();
        assertThat(toP2.get(0).get("tick").asLong()).isZero();
        assertThat(toP2.get(0).get("frame_seq").asLong()).isEqualTo(seq);
        assertThat(toP2.get(0).get("updates").toString()).contains("\"id\":\"p1\"").doesNotContain("p2");

        h.advanceMs(100);
        final List<JsonNode> later = ticks(h.outbound.to("p2", "world.tick"));
        assertThat(later).hasSize(2);
        assertThat(later.get(1).get("frame_seq").asLong()).isEqualTo(seq + 1);
        assertThat(later.get(1).get("updates").toString())
            .isEqualTo("[{\"op\":\"a\",\"id\":\"p2\",\"x\":50.0,\"y\":50.0,\"type\":\"player\",\"hp\":10}]");
    }

    @Test
    void deltasAreAgainstTheLastBroadcastNotTheLastTick()
    {
        h.mode(WorldHarness.small("walk").withRates(10, 3)).launch();
        final String worldId = h.createWith("p1", "walk");
        h.advanceMs(600);
        final ZoneInstance zone = h.world(worldId).liveZone(0, 0);
        final long seq = zone.frameSeq;
        assertThat(seq).isEqualTo(1);
        while (0 != zone.tick() % 3)
        {
            h.advanceMs(100);
        }
        h.outbound.clear();

        // changed and changed back within one broadcast interval: nothing to send, frame_seq stays
        h.input("p1", "{\"hp\":3}");
        h.advanceMs(100);
        h.input("p1", "{\"hp\":10}");
        h.advanceMs(200);
        assertThat(zone.tick() % 3).isZero();
        assertThat(h.outbound.ofType("world.tick")).isEmpty();
        assertThat(zone.frameSeq).isEqualTo(seq);

        // two changes within one interval: one update with the final value
        h.input("p1", "{\"dx\":1}");
        h.advanceMs(100);
        h.input("p1", "{\"dx\":1}");
        h.advanceMs(200);
        final List<JsonNode> frames = ticks(h.outbound.to("p1", "world.tick"));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).get("updates").toString()).isEqualTo("[{\"op\":\"u\",\"id\":\"p1\",\"x\":52.0}]");
        assertThat(frames.get(0).get("frame_seq").asLong()).isEqualTo(seq + 1);
        assertThat(frames.get(0).get("tick").asLong() % 3).isZero();
    }

    @Test
    void crossingAZoneEdgeNeedsTheHysteresisMarginAndMovesTheRing()
    {
        h.mode(WorldHarness.small("walk"), logic ->
        {
            logic.npcCount = 1;
            logic.spawns.put("p2", new Position(250, 50));
        }).launch();
        final String worldId = h.createWith("p1", "walk");
        h.join("p2", worldId);
        h.advanceMs(300);
        final ClientModel client = new ClientModel("p1");
        h.outbound.all().forEach(client::apply);
        h.outbound.clear();
        h.ringEvents.clear();
        assertThat(client.table(0, 0)).containsOnlyKeys("npc-0", "p1");
        assertThat(client.table(2, 0)).isEmpty();

        // past the edge at 100 but inside the 15-unit margin: still zone (0,0)
        h.input("p1", "{\"to\":[114,50]}");
        h.advanceMs(100);
        final WorldInstance world = h.world(worldId);
        assertThat(world.member("p1").zone.zoneX).isZero();
        assertThat(h.ringEvents).isEmpty();

        // past the margin: re-homed to (1,0); (2,0) and (2,1) join the ring, (2,0) sends its keyframe with p2
        h.input("p1", "{\"to\":[116,50]}");
        h.advanceMs(100);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(1);
        assertThat(h.ringEvents).containsExactlyInAnyOrder("+p1@2,0", "+p1@2,1");
        final List<RecordingOutbound.Sent> sent = h.outbound.drain();
        sent.forEach(client::apply);
        assertThat(sent.stream().filter(s -> "p1".equals(s.playerId())).map(s -> s.payload().toString())
            .filter(p -> p.contains("\"kf\":true")).toList())
            .singleElement().asString().contains("\"zone\":[2,0]").contains("\"id\":\"p2\"");
        assertThat(client.table(2, 0)).containsOnlyKeys("p2");
        assertThat(client.table(1, 0)).containsOnlyKeys("p1");
        assertThat(client.table(0, 0)).containsOnlyKeys("npc-0");

        // into (2,0): (0,0) and (0,1) leave the ring; (0,0) holds npc-0 so it sends the leave-removal frame
        h.ringEvents.clear();
        h.input("p1", "{\"to\":[216,50]}");
        h.advanceMs(100);
        assertThat(h.ringEvents).containsExactlyInAnyOrder("-p1@0,0", "-p1@0,1", "+p1@3,0", "+p1@3,1");
        final List<RecordingOutbound.Sent> leaving = h.outbound.drain();
        leaving.forEach(client::apply);
        final JsonNode removal = leaving.stream().filter(s -> "p1".equals(s.playerId()))
            .map(RecordingOutbound.Sent::payload).filter(p -> !p.has("frame_seq")).findFirst().orElseThrow();
        assertThat(removal.toString())
            .isEqualTo("{\"zone\":[0,0],\"tick\":0,\"updates\":[{\"op\":\"r\",\"id\":\"npc-0\"}]}");
        assertThat(client.table(0, 0)).isEmpty();

        // back by the margin: (0,0) re-enters with a keyframe at its current frame_seq
        h.input("p1", "{\"to\":[184,50]}");
        h.advanceMs(200);
        h.outbound.drain().forEach(client::apply);
        assertThat(world.member("p1").zone.zoneX).isEqualTo(1);
        assertThat(client.table(0, 0)).containsOnlyKeys("npc-0");
        assertThat(client.problems).isEmpty();
        for (final ZoneInstance zone : world.member("p1").ring)
        {
            assertThat(client.table(zone.zoneX, zone.zoneY)).isEqualTo(ClientModel.truth(zone));
        }
    }

    @Test
    void resyncResendsTheKeyframeOfASubscribedZoneOnlyAndIsRateLimited()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.advanceMs(200);
        h.outbound.clear();

        assertThat(h.runtime.resync("p1", 0, 0)).isEqualTo(ResyncResult.ACCEPTED);
        h.advanceMs(100);
        final List<JsonNode> frames = ticks(h.outbound.to("p1", "world.tick"));
        assertThat(frames).singleElement().satisfies(frame ->
        {
            assertThat(frame.get("kf").asBoolean()).isTrue();
            assertThat(frame.get("frame_seq").asLong()).isEqualTo(h.world(worldId).liveZone(0, 0).frameSeq);
            assertThat(frame.get("updates").toString()).contains("\"op\":\"a\",\"id\":\"p1\"");
        });

        h.outbound.clear();
        assertThat(h.runtime.resync("p1", 3, 3)).isEqualTo(ResyncResult.ACCEPTED);
        h.advanceMs(100);
        assertThat(h.outbound.all()).isEmpty();

        assertThat(h.runtime.resync("p1", 0, 0)).isEqualTo(ResyncResult.RATE_LIMITED);
        assertThat(h.runtime.resync("p1", 4, 0)).isEqualTo(ResyncResult.INVALID_ZONE);
        assertThat(h.runtime.resync("p1", -1, 0)).isEqualTo(ResyncResult.INVALID_ZONE);
        assertThat(h.runtime.resync("nobody", 0, 0)).isEqualTo(ResyncResult.NOT_IN_WORLD);
        h.advanceMs(10_000);
        assertThat(h.runtime.resync("p1", 0, 0)).isEqualTo(ResyncResult.ACCEPTED);
    }

    @Test
    void stampedInputsAreAckedAfterTheTicksFrameAndAnUnchangedTickSendsTheAckAlone()
    {
        h.mode(WorldHarness.small("walk")).launch();
        h.createWith("p1", "walk");
        h.advanceMs(200);
        h.outbound.clear();

        h.input("p1", 5, "{\"dx\":1}");
        h.input("p1", 4, "{\"dx\":1}");
        h.advanceMs(100);
        final List<RecordingOutbound.Sent> sent = h.outbound.drain();
        assertThat(sent).extracting(RecordingOutbound.Sent::type).containsExactly("world.tick", "world.ack");
        final JsonNode ack = sent.get(1).payload();
        assertThat(ack.get("seq").asLong()).isEqualTo(5);
        assertThat(ack.get("tick").asLong()).isEqualTo(sent.get(0).payload().get("tick").asLong());

        h.input("p1", 6, "{}");
        h.input("p1", "{}");
        h.advanceMs(100);
        assertThat(h.outbound.drain()).extracting(RecordingOutbound.Sent::type).containsExactly("world.ack");

        h.input("p1", "{\"dx\":1}");
        h.advanceMs(100);
        assertThat(h.outbound.drain()).extracting(RecordingOutbound.Sent::type).containsExactly("world.tick");
    }

    @Test
    void oversizedOrHomelessInputChangesNothingAndAThrowingInputIsContained()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.advanceMs(200);
        h.outbound.clear();
        final String big = "{\"dx\":1,\"pad\":\"" + "x".repeat(600) + "\"}";
        assertThat(h.input("p1", big)).isEqualTo(WorldInputResult.TOO_LARGE);
        assertThat(h.input("stranger", "{\"dx\":1}")).isEqualTo(WorldInputResult.NOT_IN_WORLD);
        assertThat(h.input("p1", "{\"boom\":true}")).isEqualTo(WorldInputResult.ACCEPTED);
        h.advanceMs(300);
        assertThat(h.outbound.all()).isEmpty();
        assertThat(h.errors).isEmpty();

        h.input("p1", "{\"dx\":1}");
        h.advanceMs(100);
        assertThat(h.outbound.to("p1", "world.tick")).hasSize(1);
        assertThat(h.world(worldId).member("p1")).isNotNull();
    }

    @Test
    void npcSpawnAndDespawnAreAddAndRemove()
    {
        h.mode(WorldHarness.small("walk")).launch();
        h.createWith("p1", "walk");
        h.advanceMs(200);
        h.outbound.clear();

        h.input("p1", "{\"spawn\":\"rock\"}");
        h.advanceMs(100);
        assertThat(ticks(h.outbound.drain()).get(0).get("updates").toString())
            .isEqualTo("[{\"op\":\"a\",\"id\":\"rock\",\"x\":50.0,\"y\":50.0,\"type\":\"npc\",\"hp\":3}]");

        h.input("p1", "{\"despawn\":\"rock\",\"dx\":1}");
        h.advanceMs(100);
        assertThat(ticks(h.outbound.drain()).get(0).get("updates").toString())
            .isEqualTo("[{\"op\":\"r\",\"id\":\"rock\"},{\"op\":\"u\",\"id\":\"p1\",\"x\":51.0}]");

        // removed and re-added under the same id between two broadcasts: the removal comes first
        h.input("p1", "{\"spawn\":\"rock\"}");
        h.advanceMs(100);
        h.input("p1", "{\"despawn\":\"rock\"}");
        h.input("p1", "{\"spawn\":\"rock\"}");
        h.advanceMs(100);
        final String updates = ticks(h.outbound.drain()).get(1).get("updates").toString();
        assertThat(updates).startsWith("[{\"op\":\"r\",\"id\":\"rock\"},{\"op\":\"a\",\"id\":\"rock\"");
    }
}
