package io.asobi.world;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay determinism of journaled worlds: random sessions (joins with and without a refusal, walks across zones,
 * NPC spawns and removals, leaves, disconnects inside a grace, reconnects, quiet periods, wandering NPCs) in a lazy
 * world whose idle zones are reaped. The journal re-simulated from the start and from its newest snapshot
 * reproduces the frame hash of every journaled tick and ends in the live world's exact entities; a restart on the
 * journal restores them too.
 */
class WorldReplayProperties
{
    private static final String[] PLAYERS = {"p1", "p2", "p3"};

    private Path dir;

    sealed interface Op permits Join, Walk, Spawn, Despawn, Leave, Drop, Back, Wait
    {
    }

    record Join(int player, boolean refused) implements Op
    {
    }

    record Walk(int player, int dx, int dy) implements Op
    {
    }

    record Spawn(int player, int npc) implements Op
    {
    }

    record Despawn(int player, int npc) implements Op
    {
    }

    record Leave(int player) implements Op
    {
    }

    record Drop(int player) implements Op
    {
    }

    record Back(int player) implements Op
    {
    }

    record Wait(int ms) implements Op
    {
    }

    @Provide
    Arbitrary<List<Op>> sessions()
    {
        final Arbitrary<Integer> player = Arbitraries.integers().between(0, PLAYERS.length - 1);
        final Arbitrary<Integer> step = Arbitraries.integers().between(-90, 90);
        final Arbitrary<Integer> npc = Arbitraries.integers().between(0, 3);
        final Arbitrary<Op> op = Arbitraries.frequencyOf(
            Tuple.of(3, Combinators.combine(player, Arbitraries.of(false, false, true)).as(Join::new)),
            Tuple.of(8, Combinators.combine(player, step, step).as(Walk::new)),
            Tuple.of(2, Combinators.combine(player, npc).as(Spawn::new)),
            Tuple.of(1, Combinators.combine(player, npc).as(Despawn::new)),
            Tuple.of(1, player.map(Leave::new)),
            Tuple.of(1, player.map(Drop::new)),
            Tuple.of(1, player.map(Back::new)),
            Tuple.of(3, Arbitraries.integers().between(50, 1_500).map(Wait::new)));
        return op.list().ofMinSize(5).ofMaxSize(40);
    }

    private WorldHarness harness()
    {
        // 12x12 zones of 100 (lazy above 10), idle zones reaped after 500 ms, players kept 1 s after a drop
        return new WorldHarness().mode(WorldHarness.small("walk").withGrid(12, 100, 1).withLifecycle(1_000, 0, true),
            logic ->
            {
                logic.npcCount = 3;
                logic.npcsWander = true;
            });
    }

    private WorldRuntime.Context context(final WorldHarness h)
    {
        return h.context().journalDir(dir).snapshotIntervalTicks(9).zoneIdleReapMs(500).zoneSweepIntervalMs(200);
    }

    @Property(tries = 30)
    void replaysAndRestoresReproduceTheLiveWorld(@ForAll("sessions") final List<Op> ops) throws IOException
    {
        dir = Files.createTempDirectory("world-replay");
        final String worldId;
        final long simulationId;
        final long lastTick;
        final String live;
        try (WorldHarness h = harness())
        {
            h.launch(context(h));
            worldId = h.createWith("owner", "walk");
            for (final Op op : ops)
            {
                apply(h, worldId, op);
            }
            h.advanceMs(100);
            final WorldInstance world = h.world(worldId);
            simulationId = world.simulationId;
            lastTick = world.worldTick();
            live = world.dumpEntities();
        }
        for (final boolean fromSnapshot : new boolean[] { false, true })
        {
            try (WorldHarness h = harness())
            {
                h.launch(h.context());
                final WorldReplay replay = h.runtime.replay(dir.resolve("tick-0"), simulationId, fromSnapshot, -1);
                assertThat(replay.failure()).isNull();
                assertThat(replay.firstDivergentTick()).as("first divergent tick").isEqualTo(-1);
                if (replay.lastTick() == lastTick)
                {
                    assertThat(replay.dumpEntities()).isEqualTo(live);
                }
                else
                {
                    // the last ticks applied nothing and sent nothing, so they were not journaled
                    assertThat(replay.lastTick()).isLessThan(lastTick);
                    replay.stepOnTo(lastTick);
                    assertThat(replay.dumpEntities()).isEqualTo(live);
                }
            }
        }
        try (WorldHarness h = harness())
        {
            h.runtime = WorldRuntime.launch(context(h));
            final WorldInstance restored = h.world(worldId);
            assertThat(restored).isNotNull();
            if (restored.worldTick() == lastTick)
            {
                assertThat(restored.dumpEntities()).isEqualTo(live);
            }
        }
    }

    private static void apply(final WorldHarness h, final String worldId, final Op op)
    {
        switch (op)
        {
            case Join join -> h.join(PLAYERS[join.player()], worldId, join.refused() ?
                Json.object().put("refuse", "no") : null);
            case Walk walk -> h.input(PLAYERS[walk.player()], "{\"dx\":" + walk.dx() + ",\"dy\":" + walk.dy() + "}");
            case Spawn spawn -> h.input(PLAYERS[spawn.player()], "{\"spawn\":\"pet-" + spawn.npc() + "\"}");
            case Despawn despawn -> h.input(PLAYERS[despawn.player()], "{\"despawn\":\"pet-" + despawn.npc() + "\"}");
            case Leave leave -> h.leave(PLAYERS[leave.player()]);
            case Drop drop -> h.runtime.playerDisconnected(PLAYERS[drop.player()]);
            case Back back -> h.runtime.playerConnected(PLAYERS[back.player()]);
            case Wait wait -> h.advanceMs(wait.ms());
        }
        h.advanceMs(30);
    }

    @AfterTry
    void deleteJournal()
    {
        if (null == dir)
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
