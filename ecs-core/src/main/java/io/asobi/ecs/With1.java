package io.asobi.ecs;

/**
 * An entity and one of its components, from {@link World#findEntitiesWith(Class)}.
 *
 * @param entity handle.
 * @param comp   the component's values.
 * @param <A>    component type.
 */
public record With1<A>(int entity, A comp)
{
}
