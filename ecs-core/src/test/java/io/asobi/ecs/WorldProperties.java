package io.asobi.ecs;

import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableArrayBuffer;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WorldProperties
{
    @Property(tries = 300)
    void shouldAgreeWithAReferenceModel(@ForAll @Size(max = 400) final List<Integer> script)
    {
        new ScriptedWorld(new World(new World.Context().initialArchetypeCapacity(2).initialEntityCapacity(4)))
            .run(script);
    }

    @Property(tries = 150)
    void shouldRestoreASnapshotToTheSameHashAndBehaviour(
        @ForAll @Size(max = 300) final List<Integer> before,
        @ForAll @Size(max = 200) final List<Integer> after)
    {
        final ScriptedWorld original = new ScriptedWorld(new World());
        original.run(before);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = original.world.writeSnapshot(buffer, 0);

        final World restoredWorld = new World(new World.Context().initialArchetypeCapacity(1));
        restoredWorld.register(Health.class);
        restoredWorld.restoreSnapshot(buffer, 0, length);
        assertThat(restoredWorld.stateHash()).isEqualTo(original.world.stateHash());
        assertThat(restoredWorld.findEntitiesWith(Position.class).toList())
            .isEqualTo(original.world.findEntitiesWith(Position.class).toList());

        final ScriptedWorld restored = new ScriptedWorld(restoredWorld);
        for (int i = 0; i + 1 < after.size(); i += 2)
        {
            original.world.commands();
            final int op = after.get(i);
            final int arg = after.get(i + 1);
            final long hashBefore = original.world.stateHash();
            assertThat(restoredWorld.stateHash()).isEqualTo(hashBefore);
            applyRaw(original.world, op, arg);
            applyRaw(restoredWorld, op, arg);
            assertThat(restoredWorld.stateHash()).isEqualTo(original.world.stateHash());
        }
        assertThat(restored.world.entityCount()).isEqualTo(original.world.entityCount());
    }

    @Property(tries = 100)
    void shouldGiveTwoFreshWorldsFedTheSameInputsTheSameHashEveryTick(
        @ForAll final long seed, @ForAll @Size(min = 1, max = 60) final List<Integer> inputs)
    {
        final Simulated a = new Simulated(new World(), seed, false);
        final Simulated b = new Simulated(new World(new World.Context().initialArchetypeCapacity(1)), seed, true);
        for (final int input : inputs)
        {
            a.tick(input);
            b.tick(input);
            assertThat(b.world.stateHash()).isEqualTo(a.world.stateHash());
        }
    }

    /** Applies one raw operation chosen by {@code op} to whatever entity {@code arg} selects, without a model. */
    private static void applyRaw(final World world, final int op, final int arg)
    {
        final QueryCursor cursor = world.query().with(world.register(Position.class)).build().cursor().reset();
        int target = EntityIds.NULL;
        int skip = Math.floorMod(arg, 7);
        while (cursor.next())
        {
            target = cursor.entity();
            if (skip-- == 0)
            {
                break;
            }
        }
        cursor.close();
        switch (Math.floorMod(op, 4))
        {
            case 0 -> world.createEntity(new Position(arg, op), new Velocity(1, 1));
            case 1 ->
            {
                if (target != EntityIds.NULL)
                {
                    world.destroy(target);
                }
            }
            case 2 ->
            {
                if (target != EntityIds.NULL)
                {
                    world.add(target, new Health(arg));
                }
            }
            default -> world.advanceTick();
        }
    }

    /** A small game: movers drift, inputs spawn and kill, a seeded RNG adds noise; all through systems. */
    private static final class Simulated
    {
        final World world;
        private final Systems systems;
        private final SplittableRandom random;
        private int pendingInput;

        Simulated(final World world, final long seed, final boolean otherRegistrationOrder)
        {
            this.world = world;
            this.random = new SplittableRandom(seed);
            if (otherRegistrationOrder)
            {
                world.register(Health.class);
                world.register(Velocity.class);
            }
            final ComponentType<Position> pos = world.register(Position.class);
            final ComponentType<Velocity> vel = world.register(Velocity.class);
            final ComponentType<Health> health = world.register(Health.class);
            final FloatField px = pos.floatField("x");
            final FloatField py = pos.floatField("y");
            final FloatField vx = vel.floatField("x");
            final FloatField vy = vel.floatField("y");
            final IntField hp = health.intField("hp");
            final EntityTemplate mover = world.template(pos, vel, health);
            final QueryCursor movers = world.query().with(pos, vel).build().cursor();
            final QueryCursor living = world.query().with(health).build().cursor();
            systems = new Systems(world)
                .add(Phase.INPUT, "spawn", (w, t) ->
                {
                    for (int i = 0; i < (pendingInput & 3); i++)
                    {
                        final int e = w.commands().create(mover);
                        w.commands().set(e, vx, (float)random.nextDouble(-1, 1));
                        w.commands().set(e, vy, pendingInput * 0.001f);
                        w.commands().set(e, hp, 1 + random.nextInt(5));
                    }
                })
                .add(Phase.SIM, "move", (w, t) ->
                {
                    movers.reset();
                    while (movers.nextChunk())
                    {
                        final int n = movers.chunkSize();
                        final float[] x = movers.columnForWrite(px);
                        final float[] y = movers.columnForWrite(py);
                        final float[] dx = movers.column(vx);
                        final float[] dy = movers.column(vy);
                        for (int i = 0; i < n; i++)
                        {
                            x[i] += dx[i] * 0.1f;
                            y[i] += dy[i] * 0.1f;
                        }
                    }
                })
                .add(Phase.POST_SIM, "decay", (w, t) ->
                {
                    living.reset();
                    while (living.next())
                    {
                        final int left = living.get(hp) - ((pendingInput >>> 4) & 1);
                        living.set(hp, left);
                        if (left <= 0)
                        {
                            w.commands().destroy(living.entity());
                        }
                    }
                });
        }

        void tick(final int input)
        {
            pendingInput = input;
            systems.runTick();
        }
    }
}
