package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random walks of several players through a small world: every client's per-zone {@code frame_seq} sequence is
 * contiguous after every keyframe (no gap, no stale frame), applying the frames rebuilds each subscribed zone's true
 * entity table once the world is quiet, zones outside a client's ring are empty for it, and each delta is encoded
 * once per zone and shared by all its subscribers.
 */
class WorldSyncProperties
{
    private static final String[] PLAYERS = {"p1", "p2", "p3"};

    sealed interface Action permits Move, Hurt, Spawn, Despawn, Wait, Quiet, Resync, Drop, Back
    {
    }

    record Move(int player, int dx, int dy) implements Action
    {
    }

    record Hurt(int player, int hp) implements Action
    {
    }

    record Spawn(int player, int npc) implements Action
    {
    }

    record Despawn(int player, int npc) implements Action
    {
    }

    record Wait(int ms) implements Action
    {
    }

    record Quiet() implements Action
    {
    }

    record Resync(int player, int zoneX, int zoneY) implements Action
    {
    }

    record Drop(int player) implements Action
    {
    }

    record Back(int player) implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> walks()
    {
        final Arbitrary<Integer> player = Arbitraries.integers().between(0, PLAYERS.length - 1);
        final Arbitrary<Integer> step = Arbitraries.integers().between(-80, 80);
        final Arbitrary<Action> action = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Combinators.combine(player, step, step).as(Move::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(player, Arbitraries.integers().between(0, 3))
                .as(Hurt::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(player, Arbitraries.integers().between(0, 4))
                .as(Spawn::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(player, Arbitraries.integers().between(0, 4))
                .as(Despawn::new)),
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 350).map(Wait::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new Quiet())),
            net.jqwik.api.Tuple.of(1, Combinators.combine(player, Arbitraries.integers().between(-1, 4),
                Arbitraries.integers().between(-1, 4)).as(Resync::new)),
            net.jqwik.api.Tuple.of(1, player.map(Drop::new)),
            net.jqwik.api.Tuple.of(1, player.map(Back::new)));
        return action.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 40)
    void framesAreContiguousAndRebuildEveryZone(
        @ForAll("walks") final List<Action> walk,
        @ForAll @IntRange(min = 1, max = 3) final int broadcastInterval,
        @ForAll @IntRange(min = 0, max = 1) final int viewRadius)
    {
        try (WorldHarness h = new WorldHarness())
        {
            final WorldConfig config = WorldConfig.defaults("walk").withGrid(4, 100, viewRadius)
                .withRates(10, broadcastInterval).withLifecycle(WorldConfig.TTL_FOREVER, 0, true)
                .withDiscovery(true, true);
            h.mode(config, logic ->
            {
                logic.npcCount = 2;
                logic.spawns.put("p2", new Position(250, 250));
                logic.spawns.put("p3", new Position(150, 350));
            });
            h.launch(h.context().resyncLimit(1000).resyncGlobalPerSecond(1000));
            final String worldId = h.createWith(PLAYERS[0], "walk");
            h.join(PLAYERS[1], worldId);
            h.join(PLAYERS[2], worldId);
            h.advanceMs(100);
            final WorldInstance world = h.world(worldId);

            final Map<String, ClientModel> clients = new HashMap<>();
            for (final String id : PLAYERS)
            {
                clients.put(id, new ClientModel(id));
            }
            final IdentityHashMap<byte[], String> deltaFrames = new IdentityHashMap<>();
            final Map<String, byte[]> frameOfZoneSeq = new HashMap<>();

            for (final Action action : walk)
            {
                switch (action)
                {
                    case Move m -> h.input(PLAYERS[m.player()], "{\"dx\":" + m.dx() + ",\"dy\":" + m.dy() + "}");
                    case Hurt m -> h.input(PLAYERS[m.player()], "{\"hp\":" + m.hp() + "}");
                    case Spawn m -> h.input(PLAYERS[m.player()], "{\"spawn\":\"n" + m.npc() + "\"}");
                    case Despawn m -> h.input(PLAYERS[m.player()], "{\"despawn\":\"n" + m.npc() + "\"}");
                    case Wait m -> h.advanceMs(m.ms());
                    case Quiet q -> h.advanceMs(400);
                    case Resync m -> h.runtime.resync(PLAYERS[m.player()], m.zoneX(), m.zoneY());
                    case Drop m -> h.runtime.playerDisconnected(PLAYERS[m.player()]);
                    case Back m -> h.runtime.playerConnected(PLAYERS[m.player()]);
                }
                deliver(h, clients, deltaFrames, frameOfZoneSeq);
                if (action instanceof Quiet)
                {
                    checkTables(world, clients);
                }
            }
            for (final String id : PLAYERS)
            {
                h.runtime.playerConnected(id);
            }
            h.advanceMs(500);
            deliver(h, clients, deltaFrames, frameOfZoneSeq);
            checkTables(world, clients);
            assertThat((long)deltaFrames.size()).as("delta frames sent = delta frames encoded").isEqualTo(world.encodedFrames);
            assertThat(h.errors).isEmpty();
        }
    }

    private static void deliver(
        final WorldHarness h,
        final Map<String, ClientModel> clients,
        final IdentityHashMap<byte[], String> deltaFrames,
        final Map<String, byte[]> frameOfZoneSeq)
    {
        for (final RecordingOutbound.Sent sent : h.outbound.drain())
        {
            final ClientModel client = clients.get(sent.playerId());
            if ("world.joined".equals(sent.type()))
            {
                // a re-attached client starts over, as after a new session
                client.tables.clear();
                client.lastSeq.clear();
                continue;
            }
            client.apply(sent);
            final JsonNode payload = sent.payload();
            if ("world.tick".equals(sent.type()) && payload.has("frame_seq") && !payload.get("kf").asBoolean())
            {
                final String key = payload.get("zone").toString() + "#" + payload.get("frame_seq").asLong();
                final byte[] first = frameOfZoneSeq.putIfAbsent(key, sent.frame());
                assertThat(null == first ? sent.frame() : first).as("one encoding of %s", key)
                    .isSameAs(sent.frame());
                deltaFrames.put(sent.frame(), key);
            }
            assertThat(client.problems).as("%s", client.applied).isEmpty();
        }
    }

    private static void checkTables(final WorldInstance world, final Map<String, ClientModel> clients)
    {
        for (final String id : PLAYERS)
        {
            final Member member = world.member(id);
            final ClientModel client = clients.get(id);
            if (member.isDetached)
            {
                continue;
            }
            final List<String> ring = new ArrayList<>();
            for (final ZoneInstance zone : member.ring)
            {
                ring.add(ClientModel.zoneKey(zone.zoneX, zone.zoneY));
                assertThat(client.table(zone.zoneX, zone.zoneY)).as("%s sees zone %s,%s", id, zone.zoneX, zone.zoneY)
                    .isEqualTo(ClientModel.truth(zone));
            }
            for (final Map.Entry<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> table :
                client.tables.entrySet())
            {
                if (!ring.contains(table.getKey()))
                {
                    assertThat(table.getValue()).as("%s outside its ring: %s", id, table.getKey()).isEmpty();
                }
            }
        }
    }
}
