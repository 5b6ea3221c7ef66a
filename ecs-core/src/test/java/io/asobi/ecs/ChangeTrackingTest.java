package io.asobi.ecs;

import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeTrackingTest
{
    private final World world = new World(new World.Context().changeLogRetentionTicks(10));
    private final ComponentType<Position> pos = world.register(Position.class);
    private final ComponentType<Velocity> vel = world.register(Velocity.class);
    private final FloatField px = pos.floatField("x");
    private final FloatField py = pos.floatField("y");
    private final FloatField vx = vel.floatField("x");

    @Test
    void shouldReportRowsWrittenSinceATickPerComponent()
    {
        final int a = world.createEntity(new Position(0, 0), new Velocity(1, 0));
        final int b = world.createEntity(new Position(0, 0), new Velocity(1, 0));
        final long created = world.tick();
        world.advanceTick();
        final long t1 = world.tick();
        assertThat(world.changedSince(a, px, t1)).isFalse();
        assertThat(world.changedSince(a, px, created - 1)).isTrue();

        world.advanceTick();
        world.set(b, px, 5f);
        assertThat(world.changedSince(b, px, t1)).isTrue();
        assertThat(world.changedSince(b, py, t1)).as("fields of one component share a row tick").isTrue();
        assertThat(world.changedSince(b, vx, t1)).isFalse();
        assertThat(world.changedSince(a, px, t1)).isFalse();
        assertThat(world.changedSince(b, px, world.tick())).isFalse();
    }

    @Test
    void shouldMarkAWholeColumnOnBulkWrite()
    {
        final int a = world.createEntity(new Position(0, 0), new Velocity(1, 0));
        world.createEntity(new Position(0, 0));
        world.advanceTick();
        final long since = world.tick();
        world.advanceTick();
        final QueryCursor cursor = world.query().with(pos, vel).build().cursor().reset();
        while (cursor.nextChunk())
        {
            final float[] x = cursor.columnForWrite(px);
            x[0] += 1;
        }
        assertThat(world.changedSince(a, px, since)).isTrue();
        assertThat(world.changedSince(a, vx, since)).isFalse();
        cursor.reset();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.changedSince(px, since)).isTrue();
        assertThat(cursor.columnChangedSince(px, since)).isTrue();
        assertThat(cursor.columnChangedSince(vx, since)).isFalse();
        cursor.close();
    }

    @Test
    void shouldKeepChangeTicksWhenARowMovesAndMarkAddedComponents()
    {
        final int a = world.createEntity(new Position(0, 0));
        world.advanceTick();
        final long since = world.tick();
        world.advanceTick();
        world.add(a, new Health(3));
        assertThat(world.changedSince(a, px, since)).isFalse();
        assertThat(world.changedSince(a, world.register(Health.class).intField("hp"), since)).isTrue();
    }

    @Test
    void shouldListEntitiesCreatedAndDestroyedSinceATick()
    {
        final int a = world.createEntity(new Position(0, 0));
        world.advanceTick();
        final long since = world.tick();
        world.advanceTick();
        final int b = world.createEntity(new Position(0, 0));
        world.destroy(a);
        final int c = world.createEntity(new Position(0, 0));
        world.destroy(c);

        final IntArrayList created = new IntArrayList();
        final IntArrayList destroyed = new IntArrayList();
        world.createdSince(since, created);
        world.destroyedSince(since, destroyed);
        assertThat(created.toIntArray()).containsExactly(b, c);
        assertThat(destroyed.toIntArray()).containsExactly(a, c);

        created.clear();
        world.createdSince(world.tick(), created);
        assertThat(created).isEmpty();
    }

    @Test
    void shouldRefuseToAnswerForTicksOutsideTheRetentionWindow()
    {
        world.createEntity(new Position(0, 0));
        for (int i = 0; i < 20; i++)
        {
            world.advanceTick();
        }
        final IntArrayList out = new IntArrayList();
        assertThatThrownBy(() -> world.createdSince(0, out))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer covers");
        world.createdSince(world.tick() - 5, out);
        assertThat(out).isEmpty();
    }
}
