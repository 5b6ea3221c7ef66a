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
import io.asobi.jmh.EcsBaselineComponents.Acceleration;
import io.asobi.jmh.EcsBaselineComponents.Force;
import io.asobi.jmh.EcsBaselineComponents.Friction;
import io.asobi.jmh.EcsBaselineComponents.Position;
import io.asobi.jmh.EcsBaselineComponents.Velocity;
import io.asobi.jmh.EcsBaselineComponents.Wind;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Peers of the wide query (B2a): {@link #ENTITIES} entities with six two-float components (Position, Velocity,
 * Acceleration, Force, Friction, Wind); one system reads all twelve floats and writes the two of Position:
 * {@code p += (v + (a + f) * dt + w) * friction * dt} per axis. Every peer gets the same initial values.
 */
public final class WideFixtures
{
    /** Entities in every wide fixture. */
    public static final int ENTITIES = 1_000_000;

    private WideFixtures()
    {
    }

    /** Our six components (records of primitives, as {@code io.asobi.ecs} requires). */
    public static final class Records
    {
        private Records()
        {
        }

        /** Position, the one component written. */
        public record Position(float x, float y)
        {
        }

        /** Read-only component. */
        public record Velocity(float x, float y)
        {
        }

        /** Read-only component. */
        public record Acceleration(float x, float y)
        {
        }

        /** Read-only component. */
        public record Force(float x, float y)
        {
        }

        /** Read-only component. */
        public record Friction(float x, float y)
        {
        }

        /** Read-only component. */
        public record Wind(float x, float y)
        {
        }
    }

    static float initialV(final int i)
    {
        return 1f + (i % 7) * 0.5f;
    }

    static float initialA(final int i)
    {
        return (i % 3) * 0.1f;
    }

    static float initialF(final int i)
    {
        return 0.5f - (i % 4) * 0.125f;
    }

    static float initialW(final int i)
    {
        return (i % 11) * 0.01f;
    }

    static float initialFriction(final int i)
    {
        return 0.99f - (i % 2) * 0.01f;
    }

    /** Baseline: twelve flat {@code float[]} columns. */
    @State(Scope.Benchmark)
    public static class RawSoa
    {
        final int entityCount;
        float[] px;
        float[] py;
        float[] vx;
        float[] vy;
        float[] ax;
        float[] ay;
        float[] fx;
        float[] fy;
        float[] wx;
        float[] wy;
        float[] rx;
        float[] ry;

        public RawSoa()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        RawSoa(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            final int n = entityCount;
            px = new float[n];
            py = new float[n];
            vx = new float[n];
            vy = new float[n];
            ax = new float[n];
            ay = new float[n];
            fx = new float[n];
            fy = new float[n];
            wx = new float[n];
            wy = new float[n];
            rx = new float[n];
            ry = new float[n];
            for (int i = 0; i < n; i++)
            {
                px[i] = i % 1000;
                py[i] = i % 777;
                vx[i] = initialV(i);
                vy[i] = -initialV(i);
                ax[i] = initialA(i);
                ay[i] = -initialA(i);
                fx[i] = initialF(i);
                fy[i] = -initialF(i);
                wx[i] = initialW(i);
                wy[i] = -initialW(i);
                rx[i] = initialFriction(i);
                ry[i] = initialFriction(i);
            }
        }

        /** One system pass. */
        public float step(final float dt)
        {
            final float[] px = this.px;
            final float[] py = this.py;
            final float[] vx = this.vx;
            final float[] vy = this.vy;
            final float[] ax = this.ax;
            final float[] ay = this.ay;
            final float[] fx = this.fx;
            final float[] fy = this.fy;
            final float[] wx = this.wx;
            final float[] wy = this.wy;
            final float[] rx = this.rx;
            final float[] ry = this.ry;
            final int n = px.length;
            for (int i = 0; i < n; i++)
            {
                px[i] += (vx[i] + (ax[i] + fx[i]) * dt + wx[i]) * rx[i] * dt;
                py[i] += (vy[i] + (ay[i] + fy[i]) * dt + wy[i]) * ry[i] * dt;
            }
            return px[n - 1];
        }
    }

    /** Peer: Dominion 0.9.0, {@code findEntitiesWith} of all six classes (its maximum) walked with the iterator. */
    @State(Scope.Benchmark)
    public static class DominionPeer
    {
        final int entityCount;
        Dominion dominion;

        public DominionPeer()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        DominionPeer(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            dominion = Dominion.create("wide");
            for (int i = 0; i < entityCount; i++)
            {
                final Position p = new Position();
                p.x = i % 1000;
                p.y = i % 777;
                final Velocity v = new Velocity();
                v.x = initialV(i);
                v.y = -initialV(i);
                final Acceleration a = new Acceleration();
                a.x = initialA(i);
                a.y = -initialA(i);
                final Force f = new Force();
                f.x = initialF(i);
                f.y = -initialF(i);
                final Friction r = new Friction();
                r.x = initialFriction(i);
                r.y = initialFriction(i);
                final Wind w = new Wind();
                w.x = initialW(i);
                w.y = -initialW(i);
                dominion.createEntity(p, v, a, f, r, w);
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
            for (final Results.With6<Position, Velocity, Acceleration, Force, Friction, Wind> e : dominion.findEntitiesWith(
                Position.class, Velocity.class, Acceleration.class, Force.class, Friction.class, Wind.class))
            {
                final Position p = e.comp1();
                final Velocity v = e.comp2();
                final Acceleration a = e.comp3();
                final Force f = e.comp4();
                final Friction r = e.comp5();
                final Wind w = e.comp6();
                p.x += (v.x + (a.x + f.x) * dt + w.x) * r.x * dt;
                p.y += (v.y + (a.y + f.y) * dt + w.y) * r.y * dt;
                last = p.x;
            }
            return last;
        }
    }

    /** Peer: Artemis-odb 2.3.0, one {@link IteratingSystem} with six component mappers. */
    @State(Scope.Benchmark)
    public static class ArtemisPeer
    {
        final int entityCount;
        World world;

        public ArtemisPeer()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        ArtemisPeer(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            world = new World(new WorldConfigurationBuilder().with(new WideSystem()).build());
            final Archetype archetype = new ArchetypeBuilder().add(
                EcsBaselineArtemisComponents.Position.class,
                EcsBaselineArtemisComponents.Velocity.class,
                EcsBaselineArtemisComponents.Acceleration.class,
                EcsBaselineArtemisComponents.Force.class,
                EcsBaselineArtemisComponents.Friction.class,
                EcsBaselineArtemisComponents.Wind.class).build(world);
            final ComponentMapper<EcsBaselineArtemisComponents.Position> pm =
                world.getMapper(EcsBaselineArtemisComponents.Position.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Velocity> vm =
                world.getMapper(EcsBaselineArtemisComponents.Velocity.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Acceleration> am =
                world.getMapper(EcsBaselineArtemisComponents.Acceleration.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Force> fm =
                world.getMapper(EcsBaselineArtemisComponents.Force.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Friction> rm =
                world.getMapper(EcsBaselineArtemisComponents.Friction.class);
            final ComponentMapper<EcsBaselineArtemisComponents.Wind> wm =
                world.getMapper(EcsBaselineArtemisComponents.Wind.class);
            for (int i = 0; i < entityCount; i++)
            {
                final int e = world.create(archetype);
                pm.get(e).x = i % 1000;
                pm.get(e).y = i % 777;
                vm.get(e).x = initialV(i);
                vm.get(e).y = -initialV(i);
                am.get(e).x = initialA(i);
                am.get(e).y = -initialA(i);
                fm.get(e).x = initialF(i);
                fm.get(e).y = -initialF(i);
                rm.get(e).x = initialFriction(i);
                rm.get(e).y = initialFriction(i);
                wm.get(e).x = initialW(i);
                wm.get(e).y = -initialW(i);
            }
            world.setDelta(0f);
            world.process();
            if (world.getSystem(WideSystem.class).getSubscription().getEntities().size() != entityCount)
            {
                throw new IllegalStateException("Artemis subscription did not pick up all entities");
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

    /** Ours: one archetype of the six components, a cached query on all six and one reusable cursor, by chunk. */
    @State(Scope.Benchmark)
    public static class Ours
    {
        final int entityCount;
        io.asobi.ecs.World world;
        FloatField px;
        FloatField py;
        FloatField vx;
        FloatField vy;
        FloatField ax;
        FloatField ay;
        FloatField fx;
        FloatField fy;
        FloatField wx;
        FloatField wy;
        FloatField rx;
        FloatField ry;
        QueryCursor cursor;

        public Ours()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        Ours(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            world = new io.asobi.ecs.World(new io.asobi.ecs.World.Context()
                .initialEntityCapacity(entityCount).initialArchetypeCapacity(entityCount));
            final ComponentType<Records.Position> p = world.register(Records.Position.class);
            final ComponentType<Records.Velocity> v = world.register(Records.Velocity.class);
            final ComponentType<Records.Acceleration> a = world.register(Records.Acceleration.class);
            final ComponentType<Records.Force> f = world.register(Records.Force.class);
            final ComponentType<Records.Friction> r = world.register(Records.Friction.class);
            final ComponentType<Records.Wind> w = world.register(Records.Wind.class);
            px = p.floatField("x");
            py = p.floatField("y");
            vx = v.floatField("x");
            vy = v.floatField("y");
            ax = a.floatField("x");
            ay = a.floatField("y");
            fx = f.floatField("x");
            fy = f.floatField("y");
            rx = r.floatField("x");
            ry = r.floatField("y");
            wx = w.floatField("x");
            wy = w.floatField("y");
            final EntityTemplate template = world.template(p, v, a, f, r, w);
            for (int i = 0; i < entityCount; i++)
            {
                final int e = world.createEntity(template);
                world.set(e, px, i % 1000);
                world.set(e, py, i % 777);
                world.set(e, vx, initialV(i));
                world.set(e, vy, -initialV(i));
                world.set(e, ax, initialA(i));
                world.set(e, ay, -initialA(i));
                world.set(e, fx, initialF(i));
                world.set(e, fy, -initialF(i));
                world.set(e, rx, initialFriction(i));
                world.set(e, ry, initialFriction(i));
                world.set(e, wx, initialW(i));
                world.set(e, wy, -initialW(i));
            }
            cursor = world.query().with(p, v, a, f, r, w).build().cursor();
        }

        /** One system pass by chunk. */
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
                final float[] ax = cursor.column(this.ax);
                final float[] ay = cursor.column(this.ay);
                final float[] fx = cursor.column(this.fx);
                final float[] fy = cursor.column(this.fy);
                final float[] wx = cursor.column(this.wx);
                final float[] wy = cursor.column(this.wy);
                final float[] rx = cursor.column(this.rx);
                final float[] ry = cursor.column(this.ry);
                for (int i = 0; i < n; i++)
                {
                    px[i] += (vx[i] + (ax[i] + fx[i]) * dt + wx[i]) * rx[i] * dt;
                    py[i] += (vy[i] + (ay[i] + fy[i]) * dt + wy[i]) * ry[i] * dt;
                }
                last = px[n - 1];
            }
            return last;
        }
    }

    /** The Artemis system of the wide query. */
    public static final class WideSystem extends IteratingSystem
    {
        ComponentMapper<EcsBaselineArtemisComponents.Position> positions;
        ComponentMapper<EcsBaselineArtemisComponents.Velocity> velocities;
        ComponentMapper<EcsBaselineArtemisComponents.Acceleration> accelerations;
        ComponentMapper<EcsBaselineArtemisComponents.Force> forces;
        ComponentMapper<EcsBaselineArtemisComponents.Friction> frictions;
        ComponentMapper<EcsBaselineArtemisComponents.Wind> winds;

        public WideSystem()
        {
            super(Aspect.all(
                EcsBaselineArtemisComponents.Position.class,
                EcsBaselineArtemisComponents.Velocity.class,
                EcsBaselineArtemisComponents.Acceleration.class,
                EcsBaselineArtemisComponents.Force.class,
                EcsBaselineArtemisComponents.Friction.class,
                EcsBaselineArtemisComponents.Wind.class));
        }

        @Override
        protected void process(final int e)
        {
            final float dt = world.delta;
            final EcsBaselineArtemisComponents.Position p = positions.get(e);
            final EcsBaselineArtemisComponents.Velocity v = velocities.get(e);
            final EcsBaselineArtemisComponents.Acceleration a = accelerations.get(e);
            final EcsBaselineArtemisComponents.Force f = forces.get(e);
            final EcsBaselineArtemisComponents.Friction r = frictions.get(e);
            final EcsBaselineArtemisComponents.Wind w = winds.get(e);
            p.x += (v.x + (a.x + f.x) * dt + w.x) * r.x * dt;
            p.y += (v.y + (a.y + f.y) * dt + w.y) * r.y * dt;
        }
    }
}
