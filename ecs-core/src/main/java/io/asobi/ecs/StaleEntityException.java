package io.asobi.ecs;

/**
 * Thrown when a handle refers to an entity that has been destroyed (its slot's generation moved on), was never
 * created, or is reserved by a command buffer that has not been applied yet.
 */
public final class StaleEntityException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    StaleEntityException(final int entity, final String reason)
    {
        super("entity " + EntityIds.toString(entity) + " " + reason);
    }
}
