package io.asobi.ecs;

import com.sun.management.ThreadMXBean;
import io.asobi.ecs.Components.Frozen;
import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest
{
    private final World world = new World();
    private final ComponentType<Position> pos = world.register(Position.class);
    private final ComponentType<Velocity> vel = world.register(Velocity.class);
    private final ComponentType<Frozen> frozen = world.register(Frozen.class);
    private final FloatField px = pos.floatField("x");
    private final FloatField py = pos.floatField("y");
    private final FloatField vx = vel.floatField("x");
    private final FloatField vy = vel.floatField("y");

    @Test
    void shouldMatchWithAndWithoutAcrossArchetypesInCreationOrder()
    {
        final int a = world.createEntity(new Position(1, 0), new Velocity(1, 0));
        final int b = world.createEntity(new Position(2, 0));
        final int c = world.createEntity(new Position(3, 0), new Velocity(1, 0), new Frozen());
        final int d = world.createEntity(new Position(4, 0), new Velocity(1, 0), new Health(3));

        assertThat(entities(world.query().with(pos, vel).build())).containsExactly(a, c, d);
        assertThat(entities(world.query().with(pos, vel).without(frozen).build())).containsExactly(a, d);
        assertThat(entities(world.query().with(pos).build())).containsExactly(a, b, c, d);
        assertThat(world.query().with(pos).without(vel).build().count()).isEqualTo(1);
        assertThatThrownBy(() -> world.query().with(pos).without(pos).build())
            .hasMessageContaining("both required and excluded");
    }

    @Test
    void shouldShareIdenticalQueriesAndSeeArchetypesCreatedLater()
    {
        final Query q1 = world.query().with(pos, vel).build();
        final Query q2 = world.query().with(vel).with(pos).build();
        assertThat(q1).isSameAs(q2);
        assertThat(q1.count()).isZero();
        final int e = world.createEntity(new Position(1, 1), new Velocity(1, 1), new Health(1));
        assertThat(entities(q1)).containsExactly(e);
    }

    @Test
    void shouldIterateChunksAndEntitiesWithTypedAccess()
    {
        for (int i = 0; i < 100; i++)
        {
            world.createEntity(new Position(i, 0), new Velocity(1, 2));
        }
        for (int i = 0; i < 50; i++)
        {
            world.createEntity(new Position(i, 0), new Velocity(1, 2), new Health(i));
        }
        final QueryCursor cursor = world.query().with(pos, vel).build().cursor();
        cursor.reset();
        int chunks = 0;
        while (cursor.nextChunk())
        {
            chunks++;
            final int n = cursor.chunkSize();
            final float[] x = cursor.columnForWrite(px);
            final float[] y = cursor.columnForWrite(py);
            final float[] dx = cursor.column(vx);
            final float[] dy = cursor.column(vy);
            for (int i = 0; i < n; i++)
            {
                x[i] += dx[i];
                y[i] += dy[i];
            }
        }
        assertThat(chunks).isEqualTo(2);
        cursor.reset();
        int count = 0;
        while (cursor.next())
        {
            assertThat(cursor.get(py)).isEqualTo(2f);
            cursor.set(py, cursor.get(py) + cursor.get(vy));
            count++;
        }
        assertThat(count).isEqualTo(150);
        assertThat(world.findEntitiesWith(Position.class).stream().allMatch(r -> r.comp().y() == 4f)).isTrue();
    }

    @Test
    void shouldRejectFieldsTheChunkDoesNotHave()
    {
        world.createEntity(new Position(1, 1));
        final QueryCursor cursor = world.query().with(pos).build().cursor();
        cursor.reset();
        assertThat(cursor.next()).isTrue();
        assertThatThrownBy(() -> cursor.get(vx)).hasMessageContaining("has no component");
        assertThat(cursor.has(vel)).isFalse();
        assertThatThrownBy(() -> cursor.has(new World().register(Velocity.class)))
            .hasMessageContaining("another world");
        cursor.close();
        assertThatThrownBy(cursor::entities).hasMessageContaining("no current chunk");
    }

    @Test
    void shouldNotAllocateWhileIterating()
    {
        for (int i = 0; i < 20_000; i++)
        {
            world.createEntity(new Position(i, 0), new Velocity(1, 1));
        }
        world.createEntity(new Position(0, 0), new Velocity(1, 1), new Frozen());
        final QueryCursor cursor = world.query().with(pos, vel).build().cursor();
        for (int warm = 0; warm < 20; warm++)
        {
            step(cursor);
        }
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().threadId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++)
        {
            step(cursor);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 20 passes over 20,001 entities").isLessThan(1024);
    }

    private void step(final QueryCursor cursor)
    {
        cursor.reset();
        while (cursor.nextChunk())
        {
            final int n = cursor.chunkSize();
            final float[] x = cursor.columnForWrite(px);
            final float[] dx = cursor.column(vx);
            for (int i = 0; i < n; i++)
            {
                x[i] += dx[i];
            }
        }
        cursor.reset();
        while (cursor.next())
        {
            cursor.set(py, cursor.get(py) + cursor.get(vy));
        }
    }

    private static int[] entities(final Query query)
    {
        final IntArrayList result = new IntArrayList();
        final QueryCursor cursor = query.cursor().reset();
        while (cursor.next())
        {
            result.addInt(cursor.entity());
        }
        return result.toIntArray();
    }
}
