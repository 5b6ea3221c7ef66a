package io.asobi.jmh;

import com.artemis.Archetype;
import com.artemis.ArchetypeBuilder;
import com.artemis.Aspect;
import com.artemis.ComponentMapper;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import com.artemis.systems.IteratingSystem;
import dev.dominion.ecs.api.Dominion;
import dev.dominion.ecs.api.Results;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.EntityTemplate;
import io.asobi.ecs.FloatField;
import io.asobi.ecs.QueryCursor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Peers of the dense-iteration benchmark (B1): each holds {@link #entityCount()} entities with a position and a
 * velocity of two floats each and applies {@code p += v * dt} to all of them in {@code step}. The subclasses in
 * {@link DenseIterationBenchmark} (1M) and {@link DenseIterationSlowBenchmark} (10M) only fix the count, so both
 * sizes run the same code. Every peer gets the same initial values from {@link #initialX(int)} and friends.
 */
public final class DenseIterationFixtures
{
    /** Seconds per tick passed to every step. */
    public static final float DT = 1f / 60f;

    private DenseIterationFixtures()
    {
    }

    /** Our position component. */
    public record Position(float x, float y)
    {
    }

    /** Our velocity component. */
    public record Velocity(float x, float y)
    {
    }

    static float initialX(final int i)
    {
        return i % 1000;
    }

    static float initialY(final int i)
    {
        return i % 777;
    }

    static float initialVx(final int i)
    {
        return 1f + (i % 7) * 0.5f;
    }

    static float initialVy(final int i)
    {
        return -1f - (i % 5) * 0.25f;
    }

    /** Baseline: four flat {@code float[]} columns, the physical floor of the workload. */
    @State(Scope.Benchmark)
    public abstract static class RawSoa
    {
        float[] px;
        float[] py;
        float[] vx;
        float[] vy;

        protected abstract int entityCount();

        @Setup(Level.Trial)
        public void setUp()
        {
            final int n = entityCount();
            px = new float[n];
            py = new float[n];
            vx = new float[n];
            vy = new float[n];
            for (int i = 0; i < n; i++)
            {
                px[i] = initialX(i);
                py[i] = initialY(i);
                vx[i] = initialVx(i);
                vy[i] = initialVy(i);
            }
        }

        /** One system pass; returns a sample so the pass has a visible result. */
        public float step(final float dt)
        {
            final float[] px = this.px;
            final float[] py = this.py;
            final float[] vx = this.vx;
            final float[] vy = this.vy;
            final int n = px.length;
            for (int i = 0; i < n; i++)
            {
                px[i] += vx[i] * dt;
                py[i] += vy[i] * dt;
            }
            return px[n - 1];
        }
    }

    /** Baseline: one mutable object per component, allocated in entity order, held in two arrays. */
    @State(Scope.Benchmark)
    public abstract static class RawObjects
    {
        EcsBaselineComponents.Position[] positions;
        EcsBaselineComponents.Velocity[] velocities;

        protected abstract int entityCount();

        @Setup(Level.Trial)
        public void setUp()
        {
            final int n = entityCount();
            positions = new EcsBaselineComponents.Position[n];
            velocities = new EcsBaselineComponents.Velocity[n];
            for (int i = 0; i < n; i++)
            {
                final EcsBaselineComponents.Position p = new EcsBaselineComponents.Position();
                p.x = initialX(i);
                p.y = initialY(i);
                final EcsBaselineComponents.Velocity v = new EcsBaselineComponents.Velocity();
                v.x = initialVx(i);
                v.y = initialVy(i);
                positions[i] = p;
                velocities[i] = v;
            }
        }

        /** One system pass. */
        public float step(final float dt)
        {
            final EcsBaselineComponents.Position[] positions = this.positions;
            final EcsBaselineComponents.Velocity[] velocities = this.velocities;
            final int n = positions.length;
            for (int i = 0; i < n; i++)
            {
                final EcsBaselineComponents.Position p = positions[i];
                final EcsBaselineComponents.Velocity v = velocities[i];
                p.x += v.x * dt;
                p.y += v.y * dt;
            }
            return positions[n - 1].x;
        }
    }

    /** Peer: Dominion 0.9.0, {@code findEntitiesWith(Position, Velocity)} walked with its iterator every pass. */
    @State(Scope.Benchmark)
    public abstract static class DominionPeer
    {
        Dominion dominion;

        protected abstract int entityCount();

        @Setup(Level.Trial)
        public void setUp()
        {
            dominion = Dominion.create("dense");
            final int n = entityCount();
            for (int i = 0; i < n; i++)
            {
                final EcsBaselineComponents.Position p = new EcsBaselineComponents.Position();
                p.x = initialX(i);
                p.y = initialY(i);
                final EcsBaselineComponents.Velocity v = new EcsBaselineComponents.Velocity();
                v.x = initialVx(i);
                v.y = initialVy(i);
                dominion.createEntity(p, v);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            dominion.close();
        }

        /** One system pass. */
        public float step(final float dt)
        {
            float last = 0;
            for (final Results.With2<EcsBaselineComponents.Position, EcsBaselineComponents.Velocity> r :
                dominion.findEntitiesWith(EcsBaselineComponents.Position.class, EcsBaselineComponents.Velocity.class))
            {
                final EcsBaselineComponents.Position p = r.comp1();
                final EcsBaselineComponents.Velocity v = r.comp2();
                p.x += v.x * dt;
                p.y += v.y * dt;
                last = p.x;
            }
            return last;
        }
    }

    /** Peer: Artemis-odb 2.3.0, one {@link IteratingSystem} with two {@link ComponentMapper}s, run by {@code process()}. */
    @State(Scope.Benchmark)
    public abstract static class ArtemisPeer
    {
        World world;

        protected abstract int entityCount();

        @Setup(Level.Trial)
        public void setUp()
        {
            world = new World(new WorldConfigurationBuilder().with(new MoveSystem()).build());
            final Archetype archetype = new ArchetypeBuilder()
                .add(EcsBaselineArtemisComponents.Position.class, EcsBaselineArtemisComponents.Velocity.class)
                .build(world);
            final ComponentMapper<EcsBaselineArtemisComponents.Position> positions =
                world.getMapper(EcsBaselineArtemisComponents.Position.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Velocity> velocities =
                world.getMapper(EcsBaselineArtemisComponents.Velocity.class);
            final int n = entityCount();
            for (int i = 0; i < n; i++)
            {
                final int e = world.create(archetype);
                final EcsBaselineArtemisComponents.Position p = positions.get(e);
                p.x = initialX(i);
                p.y = initialY(i);
                final EcsBaselineArtemisComponents.Velocity v = velocities.get(e);
                v.x = initialVx(i);
                v.y = initialVy(i);
            }
            world.setDelta(0f);
            world.process(); // flush the creations into the system's subscription; moves nothing with dt = 0
            if (world.getSystem(MoveSystem.class).getSubscription().getEntities().size() != n)
            {
                throw new IllegalStateException("Artemis subscription did not pick up all " + n + " entities");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            world.dispose();
        }

        /** One system pass. */
        public float step(final float dt)
        {
            world.setDelta(dt);
            world.process();
            return world.delta;
        }
    }

    /**
     * Ours: an {@code io.asobi.ecs.World} sized up front for {@link #entityCount()} entities of one archetype, a cached
     * query and one reusable cursor, walked by chunk (raw column arrays) or by entity (typed accessors).
     */
    @State(Scope.Benchmark)
    public abstract static class Ours
    {
        io.asobi.ecs.World world;
        FloatField px;
        FloatField py;
        FloatField vx;
        FloatField vy;
        QueryCursor cursor;

        protected abstract int entityCount();

        @Setup(Level.Trial)
        public void setUp()
        {
            final int n = entityCount();
            world = new io.asobi.ecs.World(
                new io.asobi.ecs.World.Context().initialEntityCapacity(n).initialArchetypeCapacity(n));
            final ComponentType<Position> position = world.register(Position.class);
            final ComponentType<Velocity> velocity = world.register(Velocity.class);
            px = position.floatField("x");
            py = position.floatField("y");
            vx = velocity.floatField("x");
            vy = velocity.floatField("y");
            final EntityTemplate template = world.template(position, velocity);
            for (int i = 0; i < n; i++)
            {
                final int e = world.createEntity(template);
                world.set(e, px, initialX(i));
                world.set(e, py, initialY(i));
                world.set(e, vx, initialVx(i));
                world.set(e, vy, initialVy(i));
            }
            cursor = world.query().with(position, velocity).build().cursor();
        }

        /** One system pass by chunk: {@code columnForWrite} for the position, {@code column} for the velocity. */
        public float stepChunks(final float dt)
        {
            final QueryCursor cursor = this.cursor;
            float last = 0;
            cursor.reset();
            while (cursor.nextChunk())
            {
                final int n = cursor.chunkSize();
                final float[] px = cursor.columnForWrite(this.px);
                final float[] py = cursor.columnForWrite(this.py);
                final float[] vx = cursor.column(this.vx);
                final float[] vy = cursor.column(this.vy);
                for (int i = 0; i < n; i++)
                {
                    px[i] += vx[i] * dt;
                    py[i] += vy[i] * dt;
                }
                last = px[n - 1];
            }
            return last;
        }

        /** One system pass by entity through the cursor's typed accessors ({@code set} stamps the row changed). */
        public float stepEntities(final float dt)
        {
            final QueryCursor cursor = this.cursor;
            final FloatField px = this.px;
            final FloatField py = this.py;
            final FloatField vx = this.vx;
            final FloatField vy = this.vy;
            float last = 0;
            cursor.reset();
            while (cursor.next())
            {
                last = cursor.get(px) + cursor.get(vx) * dt;
                cursor.set(px, last);
                cursor.set(py, cursor.get(py) + cursor.get(vy) * dt);
            }
            return last;
        }
    }

    /** The Artemis system: {@code p += v * dt} per entity through component mappers injected by the world. */
    public static final class MoveSystem extends IteratingSystem
    {
        ComponentMapper<EcsBaselineArtemisComponents.Position> positions;
        ComponentMapper<EcsBaselineArtemisComponents.Velocity> velocities;

        public MoveSystem()
        {
            super(Aspect.all(EcsBaselineArtemisComponents.Position.class, EcsBaselineArtemisComponents.Velocity.class));
        }

        @Override
        protected void process(final int entityId)
        {
            final float dt = world.delta;
            final EcsBaselineArtemisComponents.Position p = positions.get(entityId);
            final EcsBaselineArtemisComponents.Velocity v = velocities.get(entityId);
            p.x += v.x * dt;
            p.y += v.y * dt;
        }
    }
}
