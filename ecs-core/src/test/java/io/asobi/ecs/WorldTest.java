package io.asobi.ecs;

import io.asobi.ecs.Components.AllKinds;
import io.asobi.ecs.Components.Frozen;
import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.NotARecord;
import io.asobi.ecs.Components.NotPrimitive;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldTest
{
    private final World world = new World();
    private final ComponentType<Position> pos = world.register(Position.class);
    private final ComponentType<Velocity> vel = world.register(Velocity.class);
    private final FloatField px = pos.floatField("x");
    private final FloatField py = pos.floatField("y");

    @Test
    void shouldCreateFromTemplateWithZeroedFields()
    {
        final EntityTemplate template = world.template(pos, vel);
        final int e = world.createEntity(template);
        assertThat(world.isAlive(e)).isTrue();
        assertThat(world.has(e, pos)).isTrue();
        assertThat(world.has(e, Health.class)).isFalse();
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(0, 0));
        assertThat(world.entityCount()).isEqualTo(1);
    }

    @Test
    void shouldCreateABatchLikeSingleCreates()
    {
        final EntityTemplate template = world.template(pos, vel);
        final World single = new World();
        final EntityTemplate singleTemplate = single.template(single.register(Position.class), single.register(Velocity.class));
        for (final World w : new World[]{ world, single })
        {
            final EntityTemplate t = w == world ? template : singleTemplate;
            w.destroy(w.createEntity(t));
            w.destroy(w.createEntity(t));
        }
        final int[] batch = new int[7];
        world.createEntities(template, 5, batch, 1);
        for (int i = 1; i <= 5; i++)
        {
            assertThat(batch[i]).isEqualTo(single.createEntity(singleTemplate));
            assertThat(world.get(batch[i], Position.class)).isEqualTo(new Position(0, 0));
        }
        assertThat(world.entityCount()).isEqualTo(5);
        assertThat(world.stateHash()).isEqualTo(single.stateHash());
        world.set(batch[3], px, 2f);
        world.destroy(batch[1]);
        assertThat(world.get(batch[3], Position.class)).isEqualTo(new Position(2, 0));
        assertThatThrownBy(() -> world.createEntities(template, 3, batch, 5)).hasMessageContaining("does not fit");
    }

    @Test
    void shouldReuseVacatedRowsAsZeroes()
    {
        final EntityTemplate template = world.template(pos);
        final int a = world.createEntity(new Position(5, 5));
        final int b = world.createEntity(new Position(6, 6));
        world.destroy(b);
        world.destroy(a);
        final int c = world.createEntity(template);
        final int d = world.createEntity(template);
        assertThat(world.get(c, Position.class)).isEqualTo(new Position(0, 0));
        assertThat(world.get(d, Position.class)).isEqualTo(new Position(0, 0));
        world.add(c, new Velocity(1, 1));
        world.remove(c, vel);
        world.add(c, vel);
        assertThat(world.get(c, Velocity.class)).isEqualTo(new Velocity(0, 0));
    }

    @Test
    void shouldCreateWithValuesAndReadThemBack()
    {
        final int e = world.createEntity(new Position(1, 2), new Velocity(3, 4), new Health(7));
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(1, 2));
        assertThat(world.get(e, Velocity.class)).isEqualTo(new Velocity(3, 4));
        assertThat(world.get(e, Health.class)).isEqualTo(new Health(7));
        assertThat(world.get(e, px)).isEqualTo(1f);
        world.set(e, py, 9f);
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(1, 9));
    }

    @Test
    void shouldStoreEveryPrimitiveKindBitExact()
    {
        final AllKinds value = new AllKinds(true, (byte)-3, (short)-300, 'z', -70_000, Long.MIN_VALUE + 5,
            Float.intBitsToFloat(0x7fc00001), -0.0d);
        final int e = world.createEntity(value);
        final AllKinds read = world.get(e, AllKinds.class);
        assertThat(read.b()).isTrue();
        assertThat(read.by()).isEqualTo((byte)-3);
        assertThat(read.s()).isEqualTo((short)-300);
        assertThat(read.c()).isEqualTo('z');
        assertThat(read.i()).isEqualTo(-70_000);
        assertThat(read.l()).isEqualTo(Long.MIN_VALUE + 5);
        assertThat(Float.floatToRawIntBits(read.f())).isEqualTo(0x7fc00001);
        assertThat(Double.doubleToRawLongBits(read.d())).isEqualTo(Double.doubleToRawLongBits(-0.0d));
    }

    @Test
    void shouldMoveRowBetweenArchetypesKeepingValues()
    {
        final int a = world.createEntity(new Position(1, 1));
        final int b = world.createEntity(new Position(2, 2));
        final int c = world.createEntity(new Position(3, 3));
        world.add(b, new Velocity(5, 6));
        assertThat(world.get(b, Position.class)).isEqualTo(new Position(2, 2));
        assertThat(world.get(b, Velocity.class)).isEqualTo(new Velocity(5, 6));
        assertThat(world.get(a, Position.class)).isEqualTo(new Position(1, 1));
        assertThat(world.get(c, Position.class)).isEqualTo(new Position(3, 3));

        assertThat(world.remove(b, Velocity.class)).isTrue();
        assertThat(world.remove(b, vel)).isFalse();
        assertThat(world.has(b, vel)).isFalse();
        assertThat(world.get(b, Position.class)).isEqualTo(new Position(2, 2));
        assertThat(world.get(b, Velocity.class)).isNull();
    }

    @Test
    void shouldOverwriteWhenAddingAComponentAlreadyPresent()
    {
        final int e = world.createEntity(new Position(1, 1));
        world.add(e, new Position(4, 5));
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(4, 5));
        world.add(e, pos);
        assertThat(world.get(e, Position.class)).isEqualTo(new Position(4, 5));
    }

    @Test
    void shouldDetectStaleHandlesAndRecycleSlots()
    {
        final int e = world.createEntity(new Position(1, 1));
        world.destroy(e);
        assertThat(world.isAlive(e)).isFalse();
        assertThatThrownBy(() -> world.get(e, Position.class))
            .isInstanceOf(StaleEntityException.class).hasMessageContaining("stale");
        assertThatThrownBy(() -> world.destroy(e)).isInstanceOf(StaleEntityException.class);
        assertThatThrownBy(() -> world.set(e, px, 1f)).isInstanceOf(StaleEntityException.class);
        assertThatThrownBy(() -> world.get(EntityIds.NULL, px)).isInstanceOf(StaleEntityException.class);
        assertThatThrownBy(() -> world.get(EntityIds.pack(999, 0), px))
            .isInstanceOf(StaleEntityException.class).hasMessageContaining("never created");

        final int reused = world.createEntity(new Position(2, 2));
        assertThat(EntityIds.index(reused)).isEqualTo(EntityIds.index(e));
        assertThat(reused).isNotEqualTo(e);
        assertThat(world.isAlive(e)).isFalse();
        assertThat(world.isAlive(reused)).isTrue();
    }

    @Test
    void shouldRecycleSlotsInFifoOrderSoGenerationsWrapSlowly()
    {
        final int[] entities = new int[4];
        for (int i = 0; i < entities.length; i++)
        {
            entities[i] = world.createEntity(new Position(i, i));
        }
        for (final int e : entities)
        {
            world.destroy(e);
        }
        assertThat(EntityIds.index(world.createEntity(new Position(0, 0)))).isEqualTo(EntityIds.index(entities[0]));
        assertThat(EntityIds.index(world.createEntity(new Position(0, 0)))).isEqualTo(EntityIds.index(entities[1]));
    }

    @Test
    void shouldNeverHandOutTheNullHandleAcrossGenerationWrap()
    {
        final Set<Integer> seen = new HashSet<>();
        int e = world.createEntity(new Position(0, 0));
        for (int i = 0; i < 600; i++)
        {
            world.destroy(e);
            e = world.createEntity(new Position(0, 0));
            assertThat(e).isNotEqualTo(EntityIds.NULL);
            seen.add(EntityIds.generation(e));
        }
        assertThat(seen).hasSize(256);
    }

    @Test
    void shouldRejectComponentsThatAreNotRecordsOfPrimitives()
    {
        assertThatThrownBy(() -> world.register(NotPrimitive.class))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("field 'name'").hasMessageContaining("java.lang.String");
        @SuppressWarnings({"unchecked", "rawtypes"})
        final Class<Record> notRecord = (Class)NotARecord.class;
        assertThatThrownBy(() -> world.register(notRecord))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record of primitive fields");
        assertThatThrownBy(() -> world.createEntity(new NotPrimitive("x")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectDuplicateAndForeignComponents()
    {
        assertThatThrownBy(() -> world.template(pos, pos)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> world.createEntity(new Position(1, 1), new Position(2, 2)))
            .hasMessageContaining("given twice");
        final World other = new World();
        final ComponentType<Position> otherPos = other.register(Position.class);
        final int e = world.createEntity(new Position(1, 1));
        assertThatThrownBy(() -> world.add(e, otherPos)).hasMessageContaining("another world");
        assertThatThrownBy(() -> world.get(e, otherPos.floatField("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.createEntity(other.template(otherPos))).hasMessageContaining("another world");
    }

    @Test
    void shouldRejectFieldsOfTheWrongTypeOrName()
    {
        assertThatThrownBy(() -> pos.intField("x")).hasMessageContaining("is FLOAT");
        assertThatThrownBy(() -> pos.field("z")).hasMessageContaining("no field 'z'");
        final int e = world.createEntity(new Velocity(1, 1));
        assertThatThrownBy(() -> world.get(e, px))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no component");
    }

    @Test
    void shouldRejectStructuralChangesWhileACursorIterates()
    {
        world.createEntity(new Position(1, 1));
        world.createEntity(new Position(2, 2), new Frozen());
        final QueryCursor cursor = world.query().with(pos).build().cursor();
        cursor.reset();
        assertThat(cursor.next()).isTrue();
        final int e = cursor.entity();
        assertThatThrownBy(() -> world.createEntity(new Position(3, 3)))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("world.commands()");
        assertThatThrownBy(() -> world.destroy(e)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> world.add(e, vel)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> world.remove(e, pos)).isInstanceOf(IllegalStateException.class);
        world.set(e, px, 5f);
        cursor.close();
        world.destroy(e);
        assertThat(world.entityCount()).isEqualTo(1);
    }

    @Test
    void shouldUnlockWhenACursorIsExhausted()
    {
        world.createEntity(new Position(1, 1));
        final QueryCursor cursor = world.query().with(pos).build().cursor();
        cursor.reset();
        while (cursor.next())
        {
            cursor.set(px, 3f);
        }
        world.createEntity(new Position(2, 2));
        assertThat(world.entityCount()).isEqualTo(2);
        assertThatThrownBy(cursor::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset()");
    }

    @Test
    void shouldValidateContext()
    {
        assertThatThrownBy(() -> new World.Context().initialEntityCapacity(0).conclude())
            .hasMessageContaining("initialEntityCapacity");
        assertThatThrownBy(() -> new World.Context().initialArchetypeCapacity(0).conclude())
            .hasMessageContaining("initialArchetypeCapacity");
        assertThatThrownBy(() -> new World.Context().changeLogRetentionTicks(0).conclude())
            .hasMessageContaining("changeLogRetentionTicks");
        final World.Context ctx = new World.Context().conclude();
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldFindEntitiesWithTheFriendlyApi()
    {
        final int a = world.createEntity(new Position(1, 2), new Velocity(3, 4));
        world.createEntity(new Position(5, 6));
        final int c = world.createEntity(new Position(7, 8), new Velocity(9, 10), new Health(1));
        assertThat(world.findEntitiesWith(Position.class, Velocity.class).toList())
            .containsExactly(new With2<>(a, new Position(1, 2), new Velocity(3, 4)),
                new With2<>(c, new Position(7, 8), new Velocity(9, 10)));
        assertThat(world.findEntitiesWith(Position.class).size()).isEqualTo(3);
        assertThat(world.findEntitiesWith(Position.class, Velocity.class, Health.class).stream().map(With3::entity))
            .containsExactly(c);
        for (final With1<Position> r : world.findEntitiesWith(Position.class))
        {
            world.destroy(r.entity());
        }
        assertThat(world.entityCount()).isZero();
    }
}
