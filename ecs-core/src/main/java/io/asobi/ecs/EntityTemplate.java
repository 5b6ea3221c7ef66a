package io.asobi.ecs;

/**
 * A prepared set of components: creating an entity from a template goes straight to its archetype, without
 * looking anything up and without allocating. Obtain with {@link World#template(ComponentType[])}.
 */
public final class EntityTemplate
{
    final World world;
    final Archetype archetype;

    EntityTemplate(final World world, final Archetype archetype)
    {
        this.world = world;
        this.archetype = archetype;
    }

    /**
     * @param type a component type.
     * @return true if entities created from this template have it.
     */
    public boolean has(final ComponentType<?> type)
    {
        return archetype.has(type.id);
    }

    public String toString()
    {
        return "EntityTemplate{" + archetype + "}";
    }
}
