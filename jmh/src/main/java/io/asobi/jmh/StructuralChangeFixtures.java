package io.asobi.jmh;

import com.artemis.Archetype;
import com.artemis.ArchetypeBuilder;
import com.artemis.ComponentMapper;
import com.artemis.World;
import com.artemis.WorldConfigurationBuilder;
import dev.dominion.ecs.api.Composition;
import dev.dominion.ecs.api.Dominion;
import dev.dominion.ecs.api.Entity;
import io.asobi.ecs.ComponentType;
import io.asobi.ecs.EntityTemplate;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Peers of the structural-change benchmark (B3), {@link #ENTITIES} entities of two components (Position, Velocity).
 * Three states per peer:
 * <ul>
 *   <li>{@code *Empty}: a newly constructed, empty world for every invocation (create is measured into it);</li>
 *   <li>{@code *Populated}: a newly constructed world holding {@link #ENTITIES} entities for every invocation
 *       (destroy is measured on it);</li>
 *   <li>{@code *Steady}: one world of {@link #ENTITIES} entities for the whole trial; add-then-remove of a third
 *       component leaves it in the state it started in, so no per-invocation rebuild is needed.</li>
 * </ul>
 * Per-invocation setup is not timed (it also runs {@link System#gc()} so the previous world is not collected inside the
 * next measurement), but JMH's gc profiler counts its allocation (it counts per iteration), so the B/op of the create
 * and destroy rows includes building the world they run on.
 */
public final class StructuralChangeFixtures
{
    /** Entities created, changed or destroyed per invocation. */
    public static final int ENTITIES = 1_000_000;

    private StructuralChangeFixtures()
    {
    }

    /** Our component added and removed (Position and Velocity are {@link DenseIterationFixtures}' records). */
    public record Health(int hp)
    {
    }

    /**
     * Called by the per-invocation setups after dropping the previous invocation's world: collecting that million-entity
     * world is not part of the next measured operation, so it is done here, untimed.
     */
    static void collectGarbage()
    {
        System.gc();
    }

    // ---------------------------------------------------------------- ours (io.asobi.ecs)

    /** Our world with default settings (no presizing: growth is part of creating into a new world). */
    static io.asobi.ecs.World newOursWorld()
    {
        return new io.asobi.ecs.World();
    }

    static EntityTemplate positionVelocity(final io.asobi.ecs.World world)
    {
        return world.template(
            world.register(DenseIterationFixtures.Position.class), world.register(DenseIterationFixtures.Velocity.class));
    }

    static int[] populate(final io.asobi.ecs.World world, final int entityCount)
    {
        final EntityTemplate template = positionVelocity(world);
        final int[] ids = new int[entityCount];
        for (int i = 0; i < entityCount; i++)
        {
            ids[i] = world.createEntity(template);
        }
        return ids;
    }

    /** A new empty world of ours and its prepared (Position, Velocity) template for every invocation. */
    @State(Scope.Thread)
    public static class OursEmpty
    {
        final int entityCount;
        final int[] out;
        io.asobi.ecs.World world;
        EntityTemplate template;

        public OursEmpty()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        OursEmpty(final int entityCount)
        {
            this.entityCount = entityCount;
            out = new int[entityCount];
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            world = null;
            template = null;
            collectGarbage();
            world = newOursWorld();
            template = positionVelocity(world);
        }

        /** {@code createEntities(template, n, out, 0)}: one batch, storage grown once, slots taken in one pass. */
        public int createBatch()
        {
            world.createEntities(template, entityCount, out, 0);
            return out[entityCount - 1];
        }

        /** {@code createEntity(template)} per entity: zeroed fields, no allocation per entity beyond storage growth. */
        public int createTemplate()
        {
            final io.asobi.ecs.World world = this.world;
            final EntityTemplate template = this.template;
            int last = -1;
            for (int i = 0; i < entityCount; i++)
            {
                last = world.createEntity(template);
            }
            return last;
        }
    }

    /** A new world of ours holding {@link #ENTITIES} entities for every invocation. */
    @State(Scope.Thread)
    public static class OursPopulated
    {
        final int entityCount;
        io.asobi.ecs.World world;
        int[] ids;

        public OursPopulated()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        OursPopulated(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            world = null;
            ids = null;
            collectGarbage();
            world = newOursWorld();
            ids = populate(world, entityCount);
        }

        /** {@code destroy(entity)} on every entity, in creation order. */
        public int destroy()
        {
            final io.asobi.ecs.World world = this.world;
            for (final int id : ids)
            {
                world.destroy(id);
            }
            return world.entityCount();
        }
    }

    /** One world of ours with {@link #ENTITIES} entities for the trial. */
    @State(Scope.Thread)
    public static class OursSteady
    {
        final int entityCount;
        io.asobi.ecs.World world;
        int[] ids;
        ComponentType<Health> health;

        public OursSteady()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        OursSteady(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            world = newOursWorld();
            ids = populate(world, entityCount);
            health = world.register(Health.class);
        }

        /** {@code add(entity, HEALTH)} (zeroed) on every entity, then {@code remove(entity, HEALTH)} on every entity. */
        public boolean addThenRemove()
        {
            final io.asobi.ecs.World world = this.world;
            final ComponentType<Health> health = this.health;
            final int[] ids = this.ids;
            for (final int id : ids)
            {
                world.add(id, health);
            }
            boolean all = true;
            for (final int id : ids)
            {
                all &= world.remove(id, health);
            }
            return all;
        }
    }

    // ---------------------------------------------------------------- Dominion 0.9.0

    /** A new empty Dominion and its prepared (Position, Velocity) composition for every invocation. */
    @State(Scope.Thread)
    public static class DominionEmpty
    {
        final int entityCount;
        Dominion dominion;
        Composition.Of2<EcsBaselineComponents.Position, EcsBaselineComponents.Velocity> composition;

        public DominionEmpty()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        DominionEmpty(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            if (dominion != null)
            {
                dominion.close();
                dominion = null;
                composition = null;
            }
            collectGarbage();
            dominion = Dominion.create("create");
            composition = dominion.composition().of(EcsBaselineComponents.Position.class,
                EcsBaselineComponents.Velocity.class);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            dominion.close();
        }

        /** {@code createPreparedEntity} with the prepared composition, the fastest creation Dominion offers. */
        public Entity createPrepared()
        {
            final Dominion dominion = this.dominion;
            final Composition.Of2<EcsBaselineComponents.Position, EcsBaselineComponents.Velocity> composition =
                this.composition;
            Entity last = null;
            for (int i = 0; i < entityCount; i++)
            {
                last = dominion.createPreparedEntity(composition.withValue(
                    new EcsBaselineComponents.Position(), new EcsBaselineComponents.Velocity()));
            }
            return last;
        }

        /** Plain {@code createEntity(Object...)}, the everyday API. */
        public Entity create()
        {
            final Dominion dominion = this.dominion;
            Entity last = null;
            for (int i = 0; i < entityCount; i++)
            {
                last = dominion.createEntity(new EcsBaselineComponents.Position(), new EcsBaselineComponents.Velocity());
            }
            return last;
        }
    }

    static Entity[] populate(final Dominion dominion, final int entityCount)
    {
        final Entity[] entities = new Entity[entityCount];
        for (int i = 0; i < entityCount; i++)
        {
            entities[i] = dominion.createEntity(new EcsBaselineComponents.Position(), new EcsBaselineComponents.Velocity());
        }
        return entities;
    }

    /** A new Dominion holding {@link #ENTITIES} entities for every invocation. */
    @State(Scope.Thread)
    public static class DominionPopulated
    {
        final int entityCount;
        Dominion dominion;
        Entity[] entities;

        public DominionPopulated()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        DominionPopulated(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            if (dominion != null)
            {
                dominion.close();
                dominion = null;
                entities = null;
            }
            collectGarbage();
            dominion = Dominion.create("destroy");
            entities = populate(dominion, entityCount);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            dominion.close();
        }

        /** {@code deleteEntity} on every entity, in creation order. */
        public boolean destroy()
        {
            final Dominion dominion = this.dominion;
            final Entity[] entities = this.entities;
            boolean all = true;
            for (final Entity entity : entities)
            {
                all &= dominion.deleteEntity(entity);
            }
            return all;
        }
    }

    /** One Dominion of {@link #ENTITIES} entities for the trial. */
    @State(Scope.Thread)
    public static class DominionSteady
    {
        final int entityCount;
        Dominion dominion;
        Entity[] entities;

        public DominionSteady()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        DominionSteady(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            dominion = Dominion.create("add-remove");
            entities = populate(dominion, entityCount);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            dominion.close();
        }

        /** {@code add(new Health())} on every entity, then {@code removeType(Health.class)} on every entity. */
        public boolean addThenRemove()
        {
            final Entity[] entities = this.entities;
            for (final Entity entity : entities)
            {
                entity.add(new EcsBaselineComponents.Health());
            }
            boolean all = true;
            for (final Entity entity : entities)
            {
                all &= entity.removeType(EcsBaselineComponents.Health.class);
            }
            return all;
        }
    }

    // ---------------------------------------------------------------- Artemis-odb 2.3.0

    /** An Artemis world with no systems; {@code process()} applies the pending entity changes. */
    static World newArtemisWorld()
    {
        return new World(new WorldConfigurationBuilder().build());
    }

    static Archetype positionVelocity(final World world)
    {
        return new ArchetypeBuilder()
            .add(EcsBaselineArtemisComponents.Position.class, EcsBaselineArtemisComponents.Velocity.class)
            .build(world);
    }

    static int[] populate(final World world, final int entityCount)
    {
        final Archetype archetype = positionVelocity(world);
        final int[] ids = new int[entityCount];
        for (int i = 0; i < entityCount; i++)
        {
            ids[i] = world.create(archetype);
        }
        world.process();
        return ids;
    }

    /** A new empty Artemis world and its (Position, Velocity) archetype for every invocation. */
    @State(Scope.Thread)
    public static class ArtemisEmpty
    {
        final int entityCount;
        World world;
        Archetype archetype;

        public ArtemisEmpty()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        ArtemisEmpty(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            if (world != null)
            {
                world.dispose();
                world = null;
                archetype = null;
            }
            collectGarbage();
            world = newArtemisWorld();
            archetype = positionVelocity(world);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            world.dispose();
        }

        /** {@code create(archetype)} per entity, then one {@code process()} to apply the creations. */
        public int createArchetype()
        {
            final World world = this.world;
            final Archetype archetype = this.archetype;
            int last = -1;
            for (int i = 0; i < entityCount; i++)
            {
                last = world.create(archetype);
            }
            world.process();
            return last;
        }
    }

    /** A new Artemis world holding {@link #ENTITIES} entities for every invocation. */
    @State(Scope.Thread)
    public static class ArtemisPopulated
    {
        final int entityCount;
        World world;
        int[] ids;

        public ArtemisPopulated()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        ArtemisPopulated(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Invocation)
        public void setUp()
        {
            if (world != null)
            {
                world.dispose();
                world = null;
                ids = null;
            }
            collectGarbage();
            world = newArtemisWorld();
            ids = populate(world, entityCount);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            world.dispose();
        }

        /** {@code delete(id)} per entity, then one {@code process()} to apply the deletions. */
        public int destroy()
        {
            final World world = this.world;
            for (final int id : ids)
            {
                world.delete(id);
            }
            world.process();
            return ids.length;
        }
    }

    /** One Artemis world of {@link #ENTITIES} entities for the trial. */
    @State(Scope.Thread)
    public static class ArtemisSteady
    {
        final int entityCount;
        World world;
        int[] ids;
        ComponentMapper<EcsBaselineArtemisComponents.Health> health;

        public ArtemisSteady()
        {
            this(ENTITIES);
        }

        /** For tests: the same fixture with {@code entityCount} entities instead of {@link #ENTITIES}. */
        ArtemisSteady(final int entityCount)
        {
            this.entityCount = entityCount;
        }

        @Setup(Level.Trial)
        public void setUp()
        {
            world = newArtemisWorld();
            ids = populate(world, entityCount);
            health = world.getMapper(EcsBaselineArtemisComponents.Health.class);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            world.dispose();
        }

        /** Mapper {@code create(id)} on every entity and {@code process()}, then {@code remove(id)} and {@code process()}. */
        public int addThenRemove()
        {
            final World world = this.world;
            final ComponentMapper<EcsBaselineArtemisComponents.Health> health = this.health;
            final int[] ids = this.ids;
            for (final int id : ids)
            {
                health.create(id);
            }
            world.process();
            for (final int id : ids)
            {
                health.remove(id);
            }
            world.process();
            return ids.length;
        }
    }
}
