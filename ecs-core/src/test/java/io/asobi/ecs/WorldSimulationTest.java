package io.asobi.ecs;

import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import io.asobi.ecs.tick.InputPublisher;
import io.asobi.ecs.tick.SimulationState;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ECS worlds hosted on the tick engine, fed through its ring: the same inputs give the same state hash every tick,
 * and a world whose systems throw is quarantined while its neighbours keep ticking.
 */
class WorldSimulationTest
{
    private static final int SPAWN = 1;
    private static final int PUSH = 2;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> quarantined = new ArrayList<>();
    private final TickAgent agent = new TickAgent(new TickAgent.Context()
        .nanoClock(clock)
        .quarantineHandler((id, tick, cause) -> quarantined.add(id + "@" + tick + ":" + cause.getMessage()))
        .errorHandler(Throwable::printStackTrace));
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[16]);

    @Test
    void shouldGiveWorldsFedTheSameInputsTheSameHashEveryTickAndQuarantineOnlyTheThrowingOne()
    {
        final WorldSimulation a = game(new World(), -1);
        final WorldSimulation b = game(new World(new World.Context().initialArchetypeCapacity(1)), -1);
        final WorldSimulation crashing = game(new World(), 5);
        final WorldSimulation reference = game(new World(), -1);
        final SimulationStats statsA = agent.tryAdd(1, 10, a);
        final SimulationStats statsB = agent.tryAdd(2, 10, b);
        final SimulationStats statsCrashing = agent.tryAdd(3, 10, crashing);
        agent.doWork();

        final InputPublisher publisher = agent.inputPublisher();
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(100);
        for (int step = 0; step < 30; step++)
        {
            for (final long id : new long[]{ 1, 2, 3 })
            {
                publish(publisher, id, step);
            }
            publishTo(reference, step);
            clock.advance(intervalNs);
            agent.doWork();
            reference.onTick(step);

            assertThat(a.lastStateHash()).isEqualTo(b.lastStateHash()).isEqualTo(reference.lastStateHash());
        }

        assertThat(statsA.tickCount()).isEqualTo(31);
        assertThat(statsB.tickCount()).isEqualTo(31);
        assertThat(statsCrashing.state()).isEqualTo(SimulationState.QUARANTINED);
        assertThat(statsCrashing.tickCount()).as("engine ticks 0..3 completed").isEqualTo(4);
        assertThat(quarantined).containsExactly("3@4:boom at world tick 5");
        assertThat(a.world().entityCount()).as("a spawn every fourth step").isEqualTo(8);
    }

    @Test
    void shouldDropInputsBeyondTheStagingBoundAndCountThem()
    {
        final WorldSimulation simulation = game(new World(), -1);
        final WorldSimulation bounded = new WorldSimulation(new World(), (w, t, s, type, buf, off, len) -> { }, 48);
        for (int i = 0; i < 3; i++)
        {
            bounded.onInput(1, SPAWN, payload, 0, 8);
        }
        assertThat(bounded.droppedInputCount()).isEqualTo(1);
        bounded.onTick(0);
        bounded.onInput(1, SPAWN, payload, 0, 8);
        assertThat(bounded.droppedInputCount()).isEqualTo(1);
        assertThat(simulation.droppedInputCount()).isZero();
        assertThatThrownBy(() -> new WorldSimulation(new World(), (w, t, s, type, buf, off, len) -> { }, 4))
            .hasMessageContaining("maxStagedBytes");
    }

    private void publish(final InputPublisher publisher, final long simulationId, final int step)
    {
        fill(step);
        assertThat(publisher.tryPublish(simulationId, 100 + step % 3, step % 4 == 0 ? SPAWN : PUSH, payload, 0, 8))
            .isTrue();
    }

    private void publishTo(final WorldSimulation simulation, final int step)
    {
        fill(step);
        simulation.onInput(100 + step % 3, step % 4 == 0 ? SPAWN : PUSH, payload, 0, 8);
    }

    private void fill(final int step)
    {
        payload.putFloat(0, step * 0.5f);
        payload.putInt(4, step);
    }

    /** A small game: SPAWN creates a mover, PUSH changes the velocity of the newest mover; a system moves them. */
    private static WorldSimulation game(final World world, final long throwAtWorldTick)
    {
        final ComponentType<Position> pos = world.register(Position.class);
        final ComponentType<Velocity> vel = world.register(Velocity.class);
        final FloatField px = pos.floatField("x");
        final FloatField vx = vel.floatField("x");
        final EntityTemplate mover = world.template(pos, vel);
        final int[] newest = { EntityIds.NULL };
        final WorldSimulation simulation = new WorldSimulation(world,
            (w, tick, sourceId, type, buffer, offset, length) -> apply(w, type, buffer, offset, mover, vx, newest),
            64 * 1024);
        final QueryCursor movers = world.query().with(pos, vel).build().cursor();
        simulation.systems().add(Phase.SIM, "move", (w, tick) ->
        {
            if (tick == throwAtWorldTick)
            {
                throw new IllegalStateException("boom at world tick " + tick);
            }
            movers.reset();
            while (movers.nextChunk())
            {
                final float[] x = movers.columnForWrite(px);
                final float[] dx = movers.column(vx);
                for (int i = 0, n = movers.chunkSize(); i < n; i++)
                {
                    x[i] += dx[i];
                }
            }
        });
        return simulation;
    }

    private static void apply(
        final World world,
        final int type,
        final DirectBuffer buffer,
        final int offset,
        final EntityTemplate mover,
        final FloatField vx,
        final int[] newest)
    {
        if (type == SPAWN)
        {
            newest[0] = world.commands().create(mover);
            world.commands().set(newest[0], vx, buffer.getFloat(offset));
        }
        else if (newest[0] != EntityIds.NULL)
        {
            world.commands().set(newest[0], vx, buffer.getFloat(offset) + buffer.getInt(offset + 4));
        }
    }
}
