package io.asobi.ecs;

/**
 * A {@code int} field of a component type: a typed key to its column.
 */
public final class IntField extends Field
{
    IntField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.INT, name);
    }
}
