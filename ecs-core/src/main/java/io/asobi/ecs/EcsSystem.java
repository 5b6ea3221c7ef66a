package io.asobi.ecs;

/**
 * A unit of simulation logic run once per tick in its {@link Phase}. It may write component values through cursors
 * and record structural changes in {@link World#commands()}; it must not read wall clocks or other outside state.
 */
@FunctionalInterface
public interface EcsSystem
{
    /**
     * @param world the world being stepped.
     * @param tick  the tick being run.
     */
    void update(World world, long tick);
}
