package io.asobi.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary wire against the JSON wire (asobi-spec §4.7): random walks of three players (p1 binary from the start,
 * p2 JSON only, p3 turning binary at some point) with moves, wandering NPCs, spawns (some with ids too long for the
 * binary layout, forcing JSON fallbacks), removals, resyncs, disconnects and reconnects. Every player's JSON session
 * model and every binary session model see contiguous frames and, once quiet, the same per-zone tables as the
 * world's truth (with wandering NPCs: the binary tables equal the JSON ones); a binary delta never follows a JSON frame of its zone without a keyframe between; each binary
 * delta is encoded once per zone and shared.
 */
class BinaryWireProperties
{
    private static final String[] PLAYERS = {"p1", "p2", "p3"};
    /** 90 three-byte characters: 270 UTF-8 bytes (plus a digit), over the binary layout's 255-byte id limit. */
    private static final String LONG_ID = "€".repeat(90);

    sealed interface Action permits Move, Hurt, Spawn, SpawnLong, Despawn, Wait, Quiet, Resync, Drop, Back, Upgrade
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

    record SpawnLong(int player, int npc) implements Action
    {
    }

    record Despawn(int player, int npc, boolean isLong) implements Action
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

    record Upgrade() implements Action
    {
    }

    @Provide
    Arbitrary<List<Action>> walks()
    {
        final Arbitrary<Integer> player = Arbitraries.integers().between(0, PLAYERS.length - 1);
        final Arbitrary<Integer> step = Arbitraries.integers().between(-80, 80);
        final Arbitrary<Integer> npc = Arbitraries.integers().between(0, 4);
        final Arbitrary<Action> action = Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(player, step, step).as(Move::new)),
            Tuple.of(2, Combinators.combine(player, Arbitraries.integers().between(-5, 3)).as(Hurt::new)),
            Tuple.of(2, Combinators.combine(player, npc).as(Spawn::new)),
            Tuple.of(1, Combinators.combine(player, npc).as(SpawnLong::new)),
            Tuple.of(2, Combinators.combine(player, npc, Arbitraries.of(true, false)).as(Despawn::new)),
            Tuple.of(6, Arbitraries.integers().between(1, 350).map(Wait::new)),
            Tuple.of(1, Arbitraries.just(new Quiet())),
            Tuple.of(1, Combinators.combine(player, Arbitraries.integers().between(-1, 4),
                Arbitraries.integers().between(-1, 4)).as(Resync::new)),
            Tuple.of(1, player.map(Drop::new)),
            Tuple.of(1, player.map(Back::new)),
            Tuple.of(1, Arbitraries.just(new Upgrade())));
        return action.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 40)
    void binaryClientsEndWithTheSameTablesAsJsonClients(
        @ForAll("walks") final List<Action> walk,
        @ForAll @IntRange(min = 1, max = 3) final int broadcastInterval,
        @ForAll @IntRange(min = 0, max = 1) final int viewRadius,
        @ForAll final boolean npcsWander)
    {
        try (WorldHarness h = new WorldHarness())
        {
            final WorldConfig config = WorldConfig.defaults("walk").withGrid(4, 100, viewRadius)
                .withRates(10, broadcastInterval).withLifecycle(WorldConfig.TTL_FOREVER, 0, true)
                .withDiscovery(true, true);
            h.mode(config, logic ->
            {
                logic.npcCount = 2;
                logic.npcsWander = npcsWander;
                logic.spawns.put("p2", new Position(250, 250));
                logic.spawns.put("p3", new Position(150, 350));
            });
            h.outbound.binaryPlayers.add("p1");
            h.launch(h.context().resyncLimit(1000).resyncGlobalPerSecond(1000));
            final String worldId = h.createWith(PLAYERS[0], "walk");
            h.join(PLAYERS[1], worldId);
            h.join(PLAYERS[2], worldId);
            h.advanceMs(100);
            final WorldInstance world = h.world(worldId);

            final Map<String, ClientModel> jsonClients = new HashMap<>();
            final Map<String, BinaryClientModel> binaryClients = new HashMap<>();
            for (final String id : PLAYERS)
            {
                jsonClients.put(id, new ClientModel(id));
                binaryClients.put(id, new BinaryClientModel(id));
            }
            final Map<String, byte[]> binaryOfZoneSeq = new HashMap<>();
            deliver(h, jsonClients, binaryClients, binaryOfZoneSeq);

            for (final Action action : walk)
            {
                switch (action)
                {
                    case Move m -> h.input(PLAYERS[m.player()], "{\"dx\":" + m.dx() + ",\"dy\":" + m.dy() + "}");
                    case Hurt m -> h.input(PLAYERS[m.player()], "{\"hp\":" + m.hp() + "}");
                    case Spawn m -> h.input(PLAYERS[m.player()], "{\"spawn\":\"n" + m.npc() + "\"}");
                    case SpawnLong m -> h.input(PLAYERS[m.player()], "{\"spawn\":\"" + LONG_ID + m.npc() + "\"}");
                    case Despawn m -> h.input(PLAYERS[m.player()],
                        "{\"despawn\":\"" + (m.isLong() ? LONG_ID : "n") + m.npc() + "\"}");
                    case Wait m -> h.advanceMs(m.ms());
                    case Quiet q -> h.advanceMs(400);
                    case Resync m -> h.runtime.resync(PLAYERS[m.player()], m.zoneX(), m.zoneY());
                    case Drop m -> h.runtime.playerDisconnected(PLAYERS[m.player()]);
                    case Back m -> h.runtime.playerConnected(PLAYERS[m.player()]);
                    case Upgrade u -> h.outbound.binaryPlayers.add("p3");
                }
                deliver(h, jsonClients, binaryClients, binaryOfZoneSeq);
                if (action instanceof Quiet)
                {
                    checkTables(world, jsonClients, binaryClients, !npcsWander);
                }
            }
            for (final String id : PLAYERS)
            {
                h.runtime.playerConnected(id);
            }
            h.advanceMs(500);
            deliver(h, jsonClients, binaryClients, binaryOfZoneSeq);
            checkTables(world, jsonClients, binaryClients, !npcsWander);
            assertThat(binaryClients.get("p1").binaryFrames).as("p1 got binary frames").isPositive();
            assertThat(binaryClients.get("p2").binaryFrames).as("p2 is JSON only").isZero();
            assertThat(h.errors).isEmpty();
        }
    }

    private static void deliver(
        final WorldHarness h,
        final Map<String, ClientModel> jsonClients,
        final Map<String, BinaryClientModel> binaryClients,
        final Map<String, byte[]> binaryOfZoneSeq)
    {
        for (final RecordingOutbound.Sent sent : h.outbound.drain())
        {
            final ClientModel json = jsonClients.get(sent.playerId());
            final BinaryClientModel binary = binaryClients.get(sent.playerId());
            if ("world.joined".equals(sent.type()))
            {
                // a re-attached client starts over, as after a new session
                json.tables.clear();
                json.lastSeq.clear();
                binary.reset();
                continue;
            }
            if (null != sent.binary())
            {
                assertThat(h.outbound.binaryPlayers).as("binary twin only for binary players")
                    .contains(sent.playerId());
                final BinaryTickDecoder.Frame frame = BinaryTickDecoder.decode(sent.binary());
                final JsonNode payload = sent.payload();
                assertThat(frame.zoneX()).isEqualTo(payload.get("zone").get(0).asInt());
                assertThat(frame.zoneY()).isEqualTo(payload.get("zone").get(1).asInt());
                if (1 == frame.kind() && !frame.keyframe())
                {
                    final String key = frame.zoneX() + "," + frame.zoneY() + "#" + frame.frameSeq();
                    final byte[] first = binaryOfZoneSeq.putIfAbsent(key, sent.binary());
                    assertThat(null == first ? sent.binary() : first).as("one binary encoding of %s", key)
                        .isSameAs(sent.binary());
                }
            }
            json.apply(sent);
            binary.apply(sent);
            assertThat(json.problems).as("%s", json.applied).isEmpty();
            assertThat(binary.tables.problems).as("%s", binary.tables.applied).isEmpty();
        }
    }

    private static void checkTables(
        final WorldInstance world,
        final Map<String, ClientModel> jsonClients,
        final Map<String, BinaryClientModel> binaryClients,
        final boolean isQuiet)
    {
        for (final String id : PLAYERS)
        {
            final Member member = world.member(id);
            if (member.isDetached)
            {
                continue;
            }
            for (final ZoneInstance zone : member.ring)
            {
                final Map<String, ObjectNode> json = jsonClients.get(id).table(zone.zoneX, zone.zoneY);
                assertThat(binaryClients.get(id).tables.table(zone.zoneX, zone.zoneY))
                    .as("%s (binary) sees zone %s,%s", id, zone.zoneX, zone.zoneY).isEqualTo(json);
                if (isQuiet) // wandering NPCs move between broadcasts: the live state is then ahead of every client
                {
                    assertThat(json).as("%s (JSON) sees zone %s,%s", id, zone.zoneX, zone.zoneY)
                        .isEqualTo(ClientModel.truth(zone));
                }
            }
        }
    }
}
