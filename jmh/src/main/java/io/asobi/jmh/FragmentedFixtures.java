package io.asobi.jmh;

import java.lang.reflect.InvocationTargetException;

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
 * Peers of the fragmented iteration (B2b, ecs_bench_suite's frag_iter): {@link #ARCHETYPES} archetypes of
 * {@link #ENTITIES_PER_ARCHETYPE} entities each; every entity has the shared {@code Data{value}} plus one of 26
 * distinct one-float components, created archetype by archetype. The system visits every {@code Data} and doubles
 * it. Values run to infinity after ~128 passes; float infinity costs nothing extra on x86 (only subnormals do).
 */
public final class FragmentedFixtures
{
    /** Distinct archetypes (one per letter). */
    public static final int ARCHETYPES = 26;
    /** Entities in each archetype. */
    public static final int ENTITIES_PER_ARCHETYPE = 20;

    private FragmentedFixtures()
    {
    }

    /** Our shared component. */
    public record Data(float value)
    {
    }

    // Our 26 fragment components (one float each, as records need a field to be worth storing).
    public record FragA(float value) { }
    public record FragB(float value) { }
    public record FragC(float value) { }
    public record FragD(float value) { }
    public record FragE(float value) { }
    public record FragF(float value) { }
    public record FragG(float value) { }
    public record FragH(float value) { }
    public record FragI(float value) { }
    public record FragJ(float value) { }
    public record FragK(float value) { }
    public record FragL(float value) { }
    public record FragM(float value) { }
    public record FragN(float value) { }
    public record FragO(float value) { }
    public record FragP(float value) { }
    public record FragQ(float value) { }
    public record FragR(float value) { }
    public record FragS(float value) { }
    public record FragT(float value) { }
    public record FragU(float value) { }
    public record FragV(float value) { }
    public record FragW(float value) { }
    public record FragX(float value) { }
    public record FragY(float value) { }
    public record FragZ(float value) { }

    @SuppressWarnings("unchecked")
    static final Class<? extends Record>[] FRAGMENTS = new Class[] {
        FragA.class,
        FragB.class,
        FragC.class,
        FragD.class,
        FragE.class,
        FragF.class,
        FragG.class,
        FragH.class,
        FragI.class,
        FragJ.class,
        FragK.class,
        FragL.class,
        FragM.class,
        FragN.class,
        FragO.class,
        FragP.class,
        FragQ.class,
        FragR.class,
        FragS.class,
        FragT.class,
        FragU.class,
        FragV.class,
        FragW.class,
        FragX.class,
        FragY.class,
        FragZ.class
    };

    static Object newInstance(final Class<?> type)
    {
        try
        {
            return type.getDeclaredConstructor().newInstance();
        }
        catch (final InstantiationException | IllegalAccessException | InvocationTargetException |
            NoSuchMethodException ex)
        {
            throw new IllegalStateException("cannot instantiate " + type, ex);
        }
    }

    /** Baseline: one {@code float[20]} column per archetype, the floor for 26 small chunks. */
    @State(Scope.Benchmark)
    public static class RawChunks
    {
        float[][] chunks;

        @Setup(Level.Trial)
        public void setUp()
        {
            chunks = new float[ARCHETYPES][ENTITIES_PER_ARCHETYPE];
            for (final float[] chunk : chunks)
            {
                java.util.Arrays.fill(chunk, 1f);
            }
        }

        /** One pass over all chunks. */
        public float step()
        {
            final float[][] chunks = this.chunks;
            for (final float[] values : chunks)
            {
                for (int i = 0; i < values.length; i++)
                {
                    values[i] *= 2f;
                }
            }
            return chunks[ARCHETYPES - 1][ENTITIES_PER_ARCHETYPE - 1];
        }
    }

    /** Peer: Dominion 0.9.0, {@code findEntitiesWith(Data)} walked with its iterator. */
    @State(Scope.Benchmark)
    public static class DominionPeer
    {
        Dominion dominion;

        @Setup(Level.Trial)
        public void setUp()
        {
            dominion = Dominion.create("frag");
            for (final Class<?> fragment : EcsBaselineComponents.FRAGMENTS)
            {
                for (int i = 0; i < ENTITIES_PER_ARCHETYPE; i++)
                {
                    final EcsBaselineComponents.Data data = new EcsBaselineComponents.Data();
                    data.value = 1f;
                    dominion.createEntity(newInstance(fragment), data);
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            dominion.close();
        }

        /** One pass. */
        public float step()
        {
            float last = 0;
            for (final Results.With1<EcsBaselineComponents.Data> r :
                dominion.findEntitiesWith(EcsBaselineComponents.Data.class))
            {
                final EcsBaselineComponents.Data data = r.comp();
                data.value *= 2f;
                last = data.value;
            }
            return last;
        }
    }

    /** Peer: Artemis-odb 2.3.0, an {@link IteratingSystem} over {@code Data}. */
    @State(Scope.Benchmark)
    public static class ArtemisPeer
    {
        World world;

        @Setup(Level.Trial)
        public void setUp()
        {
            world = new World(new WorldConfigurationBuilder().with(new DoubleDataSystem()).build());
            final ComponentMapper<EcsBaselineArtemisComponents.Data> data =
                world.getMapper(EcsBaselineArtemisComponents.Data.class);
            for (final Class<? extends com.artemis.Component> fragment : EcsBaselineArtemisComponents.FRAGMENTS)
            {
                final ComponentMapper<? extends com.artemis.Component> mapper = world.getMapper(fragment);
                for (int i = 0; i < ENTITIES_PER_ARCHETYPE; i++)
                {
                    final int e = world.create();
                    mapper.create(e);
                    data.create(e).value = 1f;
                }
            }
            world.setDelta(0f);
            world.process(); // flushes the creations into the subscription (and doubles every value once)
            if (world.getSystem(DoubleDataSystem.class).getSubscription().getEntities().size() !=
                ARCHETYPES * ENTITIES_PER_ARCHETYPE)
            {
                throw new IllegalStateException("Artemis subscription did not pick up all entities");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            world.dispose();
        }

        /** One pass. */
        public float step()
        {
            world.process();
            return world.delta;
        }
    }

    /** Ours: one world, 26 archetypes of (Data, FragX), a cached query on Data and one reusable cursor. */
    @State(Scope.Benchmark)
    public static class Ours
    {
        io.asobi.ecs.World world;
        FloatField value;
        QueryCursor cursor;

        @Setup(Level.Trial)
        public void setUp()
        {
            world = new io.asobi.ecs.World();
            final ComponentType<Data> data = world.register(Data.class);
            value = data.floatField("value");
            for (final Class<? extends Record> fragment : FRAGMENTS)
            {
                final EntityTemplate template = world.template(data, world.register(fragment));
                for (int i = 0; i < ENTITIES_PER_ARCHETYPE; i++)
                {
                    world.set(world.createEntity(template), value, 1f);
                }
            }
            cursor = world.query().with(data).build().cursor();
        }

        /** One pass by chunk. */
        public float stepChunks()
        {
            final QueryCursor cursor = this.cursor;
            float last = 0;
            cursor.reset();
            while (cursor.nextChunk())
            {
                final int n = cursor.chunkSize();
                final float[] values = cursor.columnForWrite(value);
                for (int i = 0; i < n; i++)
                {
                    values[i] *= 2f;
                }
                last = values[n - 1];
            }
            return last;
        }

        /** One pass by entity. */
        public float stepEntities()
        {
            final QueryCursor cursor = this.cursor;
            final FloatField value = this.value;
            float last = 0;
            cursor.reset();
            while (cursor.next())
            {
                last = cursor.get(value) * 2f;
                cursor.set(value, last);
            }
            return last;
        }
    }

    /** The Artemis system: {@code data.value *= 2}. */
    public static final class DoubleDataSystem extends IteratingSystem
    {
        ComponentMapper<EcsBaselineArtemisComponents.Data> data;

        public DoubleDataSystem()
        {
            super(Aspect.all(EcsBaselineArtemisComponents.Data.class));
        }

        @Override
        protected void process(final int e)
        {
            data.get(e).value *= 2f;
        }
    }
}
