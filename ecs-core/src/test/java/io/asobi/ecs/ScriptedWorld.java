package io.asobi.ecs;

import io.asobi.ecs.Components.Health;
import io.asobi.ecs.Components.Position;
import io.asobi.ecs.Components.Velocity;
import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives a world from a script of random ints and mirrors every operation in a plain reference model
 * (a map from handle to its components), checking the world against the model as it goes.
 */
final class ScriptedWorld
{
    private static final List<Class<? extends Record>> TYPES = List.of(Position.class, Velocity.class, Health.class);

    final World world;
    private final Map<Integer, Map<Class<?>, Record>> model = new LinkedHashMap<>();
    private final IntArrayList dead = new IntArrayList();
    private final List<ComponentType<?>> types = new ArrayList<>();

    ScriptedWorld(final World world)
    {
        this.world = world;
        for (final Class<? extends Record> type : TYPES)
        {
            types.add(world.register(type));
        }
    }

    void run(final List<Integer> script)
    {
        for (int i = 0; i + 1 < script.size(); i += 2)
        {
            step(script.get(i), script.get(i + 1));
        }
        verify();
    }

    void step(final int opCode, final int arg)
    {
        final List<Integer> alive = new ArrayList<>(model.keySet());
        final int op = Math.floorMod(opCode, 9);
        if (op == 0 || alive.isEmpty())
        {
            create(arg);
            return;
        }
        final int entity = alive.get(Math.floorMod(arg, alive.size()));
        final Class<? extends Record> type = TYPES.get(Math.floorMod(arg >>> 8, TYPES.size()));
        switch (op)
        {
            case 1 ->
            {
                world.destroy(entity);
                model.remove(entity);
                dead.addInt(entity);
            }
            case 2 ->
            {
                final Record value = value(type, arg);
                world.add(entity, value);
                model.get(entity).put(type, value);
            }
            case 3 ->
            {
                final boolean had = world.remove(entity, type);
                assertThat(had).isEqualTo(null != model.get(entity).remove(type));
            }
            case 4 ->
            {
                if (model.get(entity).containsKey(Position.class))
                {
                    final float x = arg * 0.25f;
                    world.set(entity, world.register(Position.class).floatField("x"), x);
                    final Position old = (Position)model.get(entity).get(Position.class);
                    model.get(entity).put(Position.class, new Position(x, old.y()));
                }
            }
            case 5 ->
            {
                if (!dead.isEmpty())
                {
                    final int stale = dead.getInt(Math.floorMod(arg, dead.size()));
                    if (!model.containsKey(stale))
                    {
                        assertThat(world.isAlive(stale)).isFalse();
                        assertThatThrownBy(() -> world.get(stale, Position.class))
                            .isInstanceOf(StaleEntityException.class);
                    }
                }
            }
            case 6 -> checkQuery(arg);
            case 7 -> deferred(entity, type, arg);
            default -> world.advanceTick();
        }
    }

    private void create(final int arg)
    {
        final List<Record> values = new ArrayList<>();
        for (int t = 0; t < TYPES.size(); t++)
        {
            if ((arg & (1 << t)) != 0)
            {
                values.add(value(TYPES.get(t), arg));
            }
        }
        final int entity = world.createEntity(values.toArray(new Record[0]));
        assertThat(model).doesNotContainKey(entity);
        final Map<Class<?>, Record> components = new HashMap<>();
        values.forEach(v -> components.put(v.getClass(), v));
        model.put(entity, components);
    }

    private void deferred(final int entity, final Class<? extends Record> type, final int arg)
    {
        final CommandBuffer commands = world.commands();
        final int created = commands.create(value(type, arg));
        commands.add(entity, value(type, arg + 1));
        if ((arg & 1) != 0)
        {
            commands.destroy(entity);
            commands.destroy(entity);
        }
        commands.apply();
        model.put(created, new HashMap<>(Map.of(type, value(type, arg))));
        model.get(entity).put(type, value(type, arg + 1));
        if ((arg & 1) != 0)
        {
            model.remove(entity);
            dead.addInt(entity);
        }
    }

    private void checkQuery(final int arg)
    {
        final QueryBuilder builder = world.query();
        final List<Class<?>> with = new ArrayList<>();
        final List<Class<?>> without = new ArrayList<>();
        for (int t = 0; t < TYPES.size(); t++)
        {
            final int bits = (arg >>> (2 * t)) & 3;
            if (bits == 1)
            {
                builder.with(types.get(t));
                with.add(TYPES.get(t));
            }
            else if (bits == 2)
            {
                builder.without(types.get(t));
                without.add(TYPES.get(t));
            }
        }
        final Set<Integer> expected = new TreeSet<>();
        model.forEach((e, components) ->
        {
            if (components.keySet().containsAll(with) && without.stream().noneMatch(components::containsKey))
            {
                expected.add(e);
            }
        });
        final Set<Integer> actual = new TreeSet<>();
        final QueryCursor cursor = builder.build().cursor().reset();
        while (cursor.next())
        {
            assertThat(actual.add(cursor.entity())).isTrue();
        }
        assertThat(actual).isEqualTo(expected);
    }

    void verify()
    {
        assertThat(world.entityCount()).isEqualTo(model.size());
        model.forEach((entity, components) ->
        {
            assertThat(world.isAlive(entity)).isTrue();
            for (final Class<? extends Record> type : TYPES)
            {
                assertThat(world.get(entity, type)).isEqualTo(components.get(type));
            }
        });
    }

    static Record value(final Class<? extends Record> type, final int arg)
    {
        if (type == Position.class)
        {
            return new Position(arg % 1000, arg / 1000f);
        }
        if (type == Velocity.class)
        {
            return new Velocity(arg & 0xFF, -(arg >>> 24));
        }
        return new Health(arg);
    }
}
