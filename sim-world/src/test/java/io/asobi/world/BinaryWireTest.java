package io.asobi.world;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary {@code world.tick} wire inside a world (asobi-spec §4.7): who gets binary twins, one encoding per zone
 * frame, no binary work without a binary subscriber, and the JSON fallback followed by a binary keyframe.
 */
class BinaryWireTest
{
    private final WorldHarness h = new WorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    private static BinaryTickEncoder encoderOf(final WorldInstance world)
    {
        return world.binaryEncoder(null);
    }

    @Test
    void binaryPlayersGetOneSharedBinaryTwinAndJsonPlayersNone()
    {
        h.outbound.binaryPlayers.add("p1");
        h.outbound.binaryPlayers.add("p3");
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.join("p2", worldId);
        h.join("p3", worldId);
        h.advanceMs(200);
        h.outbound.clear();

        h.input("p2", "{\"hp\":4}");
        h.advanceMs(100);
        final List<RecordingOutbound.Sent> toP1 = h.outbound.to("p1", "world.tick");
        final List<RecordingOutbound.Sent> toP2 = h.outbound.to("p2", "world.tick");
        final List<RecordingOutbound.Sent> toP3 = h.outbound.to("p3", "world.tick");
        assertThat(toP1).hasSize(1);
        assertThat(toP2).hasSize(1);
        assertThat(toP2.get(0).binary()).isNull();
        assertThat(toP1.get(0).binary()).isNotNull().isSameAs(toP3.get(0).binary());
        assertThat(toP1.get(0).frame()).isSameAs(toP2.get(0).frame());

        final BinaryTickDecoder.Frame frame = BinaryTickDecoder.decode(toP1.get(0).binary());
        assertThat(frame.kind()).isEqualTo(1);
        assertThat(frame.frameSeq()).isEqualTo(toP1.get(0).payload().get("frame_seq").asLong());
        assertThat(frame.tick()).isEqualTo(toP1.get(0).payload().get("tick").asLong());
        assertThat(frame.keyframe()).isFalse();
        assertThat(frame.records()).hasSize(1);
        assertThat(frame.records().get(0).op()).isEqualTo(BinaryTickEncoder.OP_UPDATE);
        assertThat(frame.records().get(0).fields()).containsExactly(java.util.Map.entry("hp", 4));
    }

    @Test
    void noBinaryEncodingWithoutABinarySubscriber()
    {
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.input("p1", "{\"dx\":120}");
        h.advanceMs(300);
        h.runtime.resync("p1", 0, 0);
        h.advanceMs(100);
        final WorldInstance world = h.world(worldId);
        assertThat(world.encodedFrames).isPositive();
        assertThat(encoderOf(world).encodedFrames + encoderOf(world).refusedFrames).isZero();
        assertThat(h.outbound.all()).allSatisfy(sent -> assertThat(sent.binary()).isNull());
    }

    @Test
    void refusedFrameGoesAsJsonAndTheNextBinaryFrameIsAKeyframe()
    {
        h.outbound.binaryPlayers.add("p1");
        h.mode(WorldHarness.small("walk")).launch();
        final String worldId = h.createWith("p1", "walk");
        h.advanceMs(100);
        h.outbound.clear();

        final String longId = "€".repeat(90); // 270 UTF-8 bytes: over the layout's 255
        h.input("p1", "{\"spawn\":\"" + longId + "\"}");
        h.advanceMs(100);
        final List<RecordingOutbound.Sent> refused = h.outbound.to("p1", "world.tick");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).binary()).as("JSON fallback").isNull();
        assertThat(refused.get(0).payload().get("updates").get(0).get("id").asText()).isEqualTo(longId);
        assertThat(encoderOf(h.world(worldId)).refusedFrames).isEqualTo(1);

        h.outbound.clear();
        h.input("p1", "{\"despawn\":\"" + longId + "\"}");
        h.advanceMs(100);
        List<RecordingOutbound.Sent> next = h.outbound.to("p1", "world.tick");
        assertThat(next).hasSize(1);
        final BinaryTickDecoder.Frame keyframe = BinaryTickDecoder.decode(next.get(0).binary());
        assertThat(keyframe.keyframe()).isTrue();
        assertThat(keyframe.tick()).isZero();
        assertThat(keyframe.frameSeq()).isEqualTo(next.get(0).payload().get("frame_seq").asLong());
        assertThat(keyframe.records()).extracting(BinaryTickDecoder.Rec::id).containsExactly("p1");

        h.outbound.clear();
        h.input("p1", "{\"hp\":3}");
        h.advanceMs(100);
        next = h.outbound.to("p1", "world.tick");
        assertThat(BinaryTickDecoder.decode(next.get(0).binary()).keyframe()).as("back to deltas").isFalse();
    }

    @Test
    void slotGenerationAdvancesWhenASlotIsRebound()
    {
        h.outbound.binaryPlayers.add("p1");
        h.mode(WorldHarness.small("walk")).launch();
        h.createWith("p1", "walk");
        h.outbound.clear();

        h.input("p1", "{\"spawn\":\"a\"}");
        h.advanceMs(100);
        final BinaryTickDecoder.Rec added = BinaryTickDecoder.decode(
            h.outbound.drain().getLast().binary()).records().getFirst();
        h.input("p1", "{\"despawn\":\"a\"}");
        h.advanceMs(100);
        final BinaryTickDecoder.Rec removed = BinaryTickDecoder.decode(
            h.outbound.drain().getLast().binary()).records().getFirst();
        h.input("p1", "{\"spawn\":\"b\"}");
        h.advanceMs(100);
        final BinaryTickDecoder.Rec rebound = BinaryTickDecoder.decode(
            h.outbound.drain().getLast().binary()).records().getFirst();

        assertThat(added.op()).isEqualTo(BinaryTickEncoder.OP_ADD);
        assertThat(removed.op()).isEqualTo(BinaryTickEncoder.OP_REMOVE);
        assertThat(removed.slot()).isEqualTo(added.slot());
        assertThat(removed.gen()).isEqualTo(added.gen());
        assertThat(rebound.id()).isEqualTo("b");
        assertThat(rebound.slot()).isEqualTo(added.slot());
        assertThat(rebound.gen()).isEqualTo((added.gen() + 1) & 0xFF);
    }
}
