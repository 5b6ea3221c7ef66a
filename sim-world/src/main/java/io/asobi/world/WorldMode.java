package io.asobi.world;

/**
 * A world mode: its shape and a factory for the game logic of each world. Java modes implement this interface;
 * Lua world scripts (later) will implement it too.
 */
public interface WorldMode
{
    /**
     * The mode's current shape; read when a world of the mode is created.
     *
     * @return never null.
     */
    WorldConfig config();

    /**
     * Create the logic of one new world.
     *
     * @return a new instance, used by the world's tick thread only.
     */
    WorldLogic newWorld();
}
