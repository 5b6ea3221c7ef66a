package io.asobi.world;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worlds are journaled and come back after a restart: a persistent world with players, NPCs that wander every tick
 * and NPCs spawned by inputs is closed (as a process stop does) and relaunched on the same journal, with and without
 * snapshots; the restored world is the same, entity for entity, its players have the grace to reconnect, and an
 * offline replay of the journal reproduces every journaled tick's frames.
 */
class WorldPersistenceTest
{
    @TempDir
    Path tempDir;

    private WorldHarness harness()
    {
        return new WorldHarness().mode(WorldHarness.small("walk").withLifecycle(0, 0, true), logic ->
        {
            logic.npcCount = 6;
            logic.npcsWander = true;
        });
    }

    private WorldRuntime.Context context(final WorldHarness h, final int snapshotIntervalTicks)
    {
        return h.context().journalDir(tempDir.resolve("worlds")).snapshotIntervalTicks(snapshotIntervalTicks)
            .reconnectGraceMs(2_000);
    }

    /** First life: two players walk, spawn an NPC, one leaves and joins again; returns the world's last state. */
    private record FirstLife(String worldId, long simulationId, long tick, String entities)
    {
    }

    private FirstLife runFirstLife(final int snapshotIntervalTicks)
    {
        try (WorldHarness h = harness())
        {
            h.launch(context(h, snapshotIntervalTicks));
            final String worldId = h.createWith("A", "walk");
            h.join("B", worldId);
            h.advanceMs(200);
            for (int i = 0; i < 30; i++)
            {
                h.input("A", i, "{\"dx\":7,\"dy\":3}");
                h.input("B", "{\"dy\":5}");
                if (10 == i)
                {
                    h.input("A", "{\"spawn\":\"pet\"}");
                }
                if (15 == i)
                {
                    h.leave("B");
                }
                if (20 == i)
                {
                    h.join("B", worldId);
                }
                h.advanceMs(100);
            }
            final WorldInstance world = h.world(worldId);
            assertThat(world.member("A")).isNotNull();
            assertThat(world.member("B")).isNotNull();
            if (snapshotIntervalTicks > 0)
            {
                assertThat(world.snapshotCount).isPositive();
            }
            return new FirstLife(worldId, world.simulationId, world.worldTick(), world.dumpEntities());
        } // closed as a process stop does: the world never ended
    }

    @ParameterizedTest(name = "snapshot every {0} ticks")
    @ValueSource(ints = { 0, 7 })
    void aPersistentWorldComesBackWithItsEntitiesAndWaitsForItsPlayers(final int snapshotIntervalTicks)
    {
        final FirstLife first = runFirstLife(snapshotIntervalTicks);
        assertThat(first.entities()).contains("\"pet\"").contains("\"npc-5\"").contains("\"A\"").contains("\"B\"");

        try (WorldHarness h = harness())
        {
            h.runtime = WorldRuntime.launch(context(h, snapshotIntervalTicks)); // restored, not stepped yet
            final WorldInstance world = h.world(first.worldId());
            assertThat(world).isNotNull();
            assertThat(world.worldTick()).isEqualTo(first.tick());
            assertThat(world.dumpEntities()).isEqualTo(first.entities());
            // from a snapshot the logic is restored; without one the world is re-simulated from its init
            assertThat(h.logic(0).events).first()
                .isEqualTo((snapshotIntervalTicks > 0 ? "restore " : "init ") + first.worldId());
            assertThat(h.runtime.list("walk", null).get("worlds")).hasSize(1);

            h.advanceMs(200); // the first live step detaches the players
            assertThat(world.member("A").isDetached).isTrue();
            assertThat(world.member("B").isDetached).isTrue();
            assertThat(h.runtime.input("A", -1, new byte[2], 0, 2)).isEqualTo(WorldInputResult.ACCEPTED);

            h.outbound.clear();
            h.runtime.playerConnected("A");
            h.advanceMs(100);
            final List<RecordingOutbound.Sent> toA = h.outbound.drain().stream()
                .filter(s -> "A".equals(s.playerId())).toList();
            assertThat(toA.get(0).type()).isEqualTo("world.joined");
            assertThat(toA.get(0).payload().get("world_id").asText()).isEqualTo(first.worldId());
            final ClientModel client = new ClientModel("A");
            toA.forEach(client::apply);
            final ZoneInstance zoneOfA = world.member("A").zone;
            assertThat(client.table(zoneOfA.zoneX, zoneOfA.zoneY)).isEqualTo(ClientModel.truth(zoneOfA));

            assertThat(h.input("A", 100, "{\"dx\":1}")).isEqualTo(WorldInputResult.ACCEPTED);
            h.advanceMs(2_500); // B never comes back: it leaves when the grace runs out
            assertThat(world.member("B")).isNull();
            assertThat(world.member("A").isDetached).isFalse();
            assertThat(world.isFinished()).isFalse();
        }
    }

    @ParameterizedTest(name = "from snapshot {0}")
    @ValueSource(booleans = { false, true })
    void anOfflineReplayReproducesEveryJournaledTick(final boolean fromSnapshot)
    {
        final FirstLife first = runFirstLife(7);
        try (WorldHarness h = harness())
        {
            h.launch(h.context()); // no journal of its own: a replay tool's runtime
            final WorldReplay replay = h.runtime.replay(tempDir.resolve("worlds").resolve("tick-0"),
                first.simulationId(), fromSnapshot, -1);
            assertThat(replay.failure()).isNull();
            assertThat(replay.isFound()).isTrue();
            assertThat(replay.firstDivergentTick()).isEqualTo(-1);
            if (!fromSnapshot)
            {
                assertThat(replay.ticksVerified()).isPositive();
            }
            assertThat(replay.lastTick()).isEqualTo(first.tick());
            assertThat(replay.dumpEntities()).isEqualTo(first.entities());
            assertThat(replay.memberIds()).containsExactlyInAnyOrder("A", "B");
        }
    }

    @Test
    void aReplayToAnEarlierTickStopsThere()
    {
        final FirstLife first = runFirstLife(7);
        try (WorldHarness h = harness())
        {
            h.launch(h.context());
            final WorldReplay replay = h.runtime.replay(tempDir.resolve("worlds").resolve("tick-0"),
                first.simulationId(), true, 12);
            assertThat(replay.failure()).isNull();
            assertThat(replay.lastTick()).isEqualTo(12);
        }
    }

    @Test
    void aWorldThatEndedIsNotRestoredAndTheJournalSaysWhy()
    {
        final String worldId;
        try (WorldHarness h = new WorldHarness().mode(WorldHarness.small("walk")))
        {
            h.launch(context(h, 5));
            worldId = h.createWith("A", "walk");
            h.input("A", "{\"dx\":1}");
            h.advanceMs(200);
            h.leave("A");
            h.advanceMs(200);
            assertThat(h.world(worldId)).isNull();
        }
        try (SimulationJournalReader reader =
            SimulationJournalReader.open(tempDir.resolve("worlds").resolve("tick-0")))
        {
            final List<SimulationSummary> worlds = reader.simulations();
            assertThat(worlds).hasSize(1);
            assertThat(worlds.getFirst().name()).isEqualTo(worldId);
            assertThat(worlds.getFirst().endReason()).isEqualTo("empty");
        }
        try (WorldHarness h = new WorldHarness().mode(WorldHarness.small("walk")))
        {
            h.launch(context(h, 5));
            assertThat(h.world(worldId)).isNull();
            assertThat(h.runtime.liveWorldCount()).isZero();
        }
    }

    @Test
    void aFloodOfInputsInOneTickIsCutToTheJournalsLimitAndTheWorldGoesOn()
    {
        final long simulationId;
        final String entities;
        final String pad = "x".repeat(400);
        try (WorldHarness h = harness())
        {
            h.launch(context(h, 0).journalMaxTickBytes(64 * 1024));
            final String worldId = h.createWith("A", "walk");
            for (int i = 0; i < 200; i++) // ~90 KB of records for one tick: over the 48 KB input budget
            {
                assertThat(h.input("A", i, "{\"dx\":1,\"pad\":\"" + pad + "\"}"))
                    .isEqualTo(WorldInputResult.ACCEPTED);
            }
            h.advanceMs(300);
            final WorldInstance world = h.world(worldId);
            assertThat(world.isFinished()).isFalse();
            assertThat(world.journalDroppedInputs).isPositive();
            assertThat(world.member("A").zone.entities().get(world.member("A").entity,
                world.member("A").zone.positionX())).isEqualTo(50 + 200 - world.journalDroppedInputs);
            simulationId = world.simulationId;
            entities = world.dumpEntities();
        }
        try (WorldHarness h = harness())
        {
            h.launch(h.context());
            final WorldReplay replay = h.runtime.replay(tempDir.resolve("worlds").resolve("tick-0"), simulationId,
                false, -1);
            assertThat(replay.failure()).isNull();
            assertThat(replay.firstDivergentTick()).isEqualTo(-1);
            replay.stepOnTo(replay.lastTick() + 3); // the last quiet ticks were not journaled
            assertThat(replay.dumpEntities()).contains(entities.substring(entities.indexOf("\"A\"")));
        }
    }

    @Test
    void aSnapshotIsRejectedWhenTruncatedAnywhere()
    {
        try (WorldHarness h = harness())
        {
            h.launch();
            final String worldId = h.createWith("A", "walk");
            h.input("A", "{\"spawn\":\"pet\"}");
            h.advanceMs(300);
            final SnapshotWriter out = new SnapshotWriter();
            h.world(worldId).writeSnapshot(out, null);
            final byte[] bytes = new byte[out.position()];
            out.buffer().getBytes(0, bytes);
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(bytes);
            for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 200))
            {
                final WorldInstance fresh = freshWorld(h, worldId);
                final int cut = length;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.restoreSnapshot(buffer, 0, cut))
                    .isInstanceOf(IllegalArgumentException.class);
            }
            final WorldInstance fresh = freshWorld(h, worldId);
            fresh.restoreSnapshot(buffer, 0, bytes.length);
            assertThat(fresh.dumpEntities()).isEqualTo(h.world(worldId).dumpEntities());
        }
    }

    private static WorldInstance freshWorld(final WorldHarness h, final String worldId)
    {
        final WorldInstance live = h.world(worldId);
        final WalkLogic logic = new WalkLogic();
        return new WorldInstance(h.runtime, live.shard, 999, 999, worldId, live.config, logic, WorldSchema.of(logic),
            live.seed(), null);
    }
}
