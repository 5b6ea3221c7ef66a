package io.asobi.ecs;

/**
 * A {@code boolean} field of a component type: a typed key to its column.
 */
public final class BooleanField extends Field
{
    BooleanField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.BOOLEAN, name);
    }
}
