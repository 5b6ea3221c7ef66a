package io.asobi.ecs;

/**
 * An entity and two of its components, from {@link World#findEntitiesWith(Class, Class)}.
 *
 * @param entity handle.
 * @param comp1  first component's values.
 * @param comp2  second component's values.
 * @param <A>    first component type.
 * @param <B>    second component type.
 */
public record With2<A, B>(int entity, A comp1, B comp2)
{
}
