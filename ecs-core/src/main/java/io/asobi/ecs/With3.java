package io.asobi.ecs;

/**
 * An entity and three of its components, from {@link World#findEntitiesWith(Class, Class, Class)}.
 *
 * @param entity handle.
 * @param comp1  first component's values.
 * @param comp2  second component's values.
 * @param comp3  third component's values.
 * @param <A>    first component type.
 * @param <B>    second component type.
 * @param <C>    third component type.
 */
public record With3<A, B, C>(int entity, A comp1, B comp2, C comp3)
{
}
