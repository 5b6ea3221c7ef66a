package io.asobi.ecs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a world's systems: {@link #runTick()} advances the world's tick, then runs every {@link Phase} in order and
 * the systems of a phase in the order they were added. Direct structural changes throw during a phase; commands
 * recorded in {@link World#commands()} are applied at each phase boundary. An exception from a system ends the tick
 * (the caller decides what to do, e.g. the tick engine quarantines the simulation); the world is left unlocked.
 */
public final class Systems
{
    private final World world;
    private final Map<Phase, List<Named>> byPhase = new EnumMap<>(Phase.class);
    private final Set<String> names = new HashSet<>();
    private Named[] order = new Named[0];
    private boolean running;

    /**
     * @param world the world the systems step.
     */
    public Systems(final World world)
    {
        this.world = world;
        for (final Phase phase : Phase.values())
        {
            byPhase.put(phase, new ArrayList<>());
        }
    }

    /**
     * Adds a system at the end of a phase.
     *
     * @param name unique, for diagnostics.
     * @return this.
     */
    public Systems add(final Phase phase, final String name, final EcsSystem system)
    {
        if (running)
        {
            throw new IllegalStateException("cannot add a system while a tick runs");
        }
        if (null == phase || null == name || null == system)
        {
            throw new IllegalArgumentException("phase, name and system are required");
        }
        if (!names.add(name))
        {
            throw new IllegalArgumentException("a system named '" + name + "' already exists");
        }
        byPhase.get(phase).add(new Named(phase, name, system));
        final List<Named> all = new ArrayList<>();
        for (final Phase p : Phase.values())
        {
            all.addAll(byPhase.get(p));
        }
        order = all.toArray(new Named[0]);
        return this;
    }

    /**
     * @return "PHASE:name" of every system in run order.
     */
    public List<String> order()
    {
        final List<String> result = new ArrayList<>();
        for (final Named named : order)
        {
            result.add(named.phase + ":" + named.name);
        }
        return result;
    }

    /**
     * Runs one tick.
     *
     * @return the tick that ran.
     */
    public long runTick()
    {
        if (running)
        {
            throw new IllegalStateException("runTick is not reentrant");
        }
        final long tick = world.advanceTick();
        running = true;
        try
        {
            world.commands().apply();
            Phase phase = null;
            for (final Named named : order)
            {
                if (named.phase != phase)
                {
                    endPhase(phase);
                    phase = named.phase;
                    world.beginPhase();
                }
                named.system.update(world, tick);
                world.closeAllCursors();
            }
            endPhase(phase);
        }
        finally
        {
            world.endPhase();
            running = false;
        }
        return tick;
    }

    private void endPhase(final Phase phase)
    {
        if (null != phase)
        {
            world.endPhase();
            world.commands().apply();
        }
    }

    private record Named(Phase phase, String name, EcsSystem system)
    {
    }
}
