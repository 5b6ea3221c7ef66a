package io.asobi.world;

import io.asobi.ecs.ComponentType;
import io.asobi.ecs.DoubleField;
import io.asobi.ecs.World;

/**
 * One zone as the game logic sees it: its ECS {@link World} of entities and the id bookkeeping around it.
 * <p>
 * Read and write component values through {@link #entities()} (cursors or {@code world.get/set}); create and remove
 * entities only through {@link #spawn} and {@link #destroy}, which keep the ids the clients see. Moving an entity
 * is writing its {@link Position}; the runtime hands it to the neighbouring zone once it is past the edge by the
 * hysteresis margin.
 * <p>
 * <b>Note:</b> use on the world's tick thread only.
 */
public interface ZoneContext
{
    /** Most wire fields (game fields sent to clients) per world, besides {@code x}, {@code y} and {@code type}. */
    int MAX_WIRE_FIELDS = 60;

    /** Longest entity id in characters. */
    int MAX_ID_LENGTH = 128;

    /**
     * @return zone x on the grid.
     */
    int zoneX();

    /**
     * @return zone y on the grid.
     */
    int zoneY();

    /**
     * @return the world this zone belongs to.
     */
    WorldContext world();

    /**
     * The zone's entity store.
     *
     * @return the ECS world; structural changes go through {@link #spawn} and {@link #destroy}.
     */
    World entities();

    /**
     * @return the position component type of {@link #entities()}.
     */
    ComponentType<Position> position();

    /**
     * @return the {@code x} field of {@link #position()}.
     */
    DoubleField positionX();

    /**
     * @return the {@code y} field of {@link #position()}.
     */
    DoubleField positionY();

    /**
     * Create an entity (an NPC or an object) in this zone, with a {@link Position} and an {@link EntityKind}; add
     * further components with {@code entities().add(...)}.
     *
     * @param id   its id, unique in the world, 1..{@value #MAX_ID_LENGTH} characters.
     * @param type its type string, sent as {@code type}.
     * @param x    world x.
     * @param y    world y.
     * @return its handle.
     * @throws IllegalArgumentException if the id is invalid or already used in the world.
     * @throws IllegalStateException    while a query cursor iterates.
     */
    int spawn(String id, String type, double x, double y);

    /**
     * Remove a non-player entity of this zone.
     *
     * @param id its id.
     * @return true if it was here and is now gone.
     * @throws IllegalArgumentException if the id is a player's (players leave, they are not destroyed).
     */
    boolean destroy(String id);

    /**
     * The handle of an entity of this zone.
     *
     * @param id its id.
     * @return the handle, or {@code io.asobi.ecs.EntityIds.NULL} if no entity of that id is in this zone.
     */
    int entity(String id);

    /**
     * @param entity a live handle of this zone.
     * @return its id.
     */
    String idOf(int entity);

    /**
     * @param entity a live handle of this zone.
     * @return its type string.
     */
    String typeOf(int entity);

    /**
     * @return the zone's tick.
     */
    long tick();
}
