package io.asobi.examples.arena;

/**
 * The arena's components: records of primitives, stored by the ECS as one column per field.
 */
final class ArenaComponents
{
    private ArenaComponents()
    {
    }

    /** Where an entity is, in arena units (0..800 × 0..600). */
    record Position(float x, float y)
    {
    }

    /** Per-tick displacement of a projectile. */
    record Velocity(float x, float y)
    {
    }

    /** A player's latest input: movement and aim directions, and whether the trigger is held (0 or 1). */
    record Intent(float moveX, float moveY, int shoot, float aimX, float aimY)
    {
    }

    /** Hit points; at 0 the player respawns. */
    record Health(int hp)
    {
    }

    /** Hits scored. */
    record Score(int points)
    {
    }

    /** Ticks until the player may fire again. */
    record Weapon(int cooldownTicks)
    {
    }

    /** A projectile: the entity that fired it and the ticks it has left. */
    record Projectile(int owner, int ttlTicks)
    {
    }
}
