package io.asobi.ecs;

/**
 * A {@code short} field of a component type: a typed key to its column.
 */
public final class ShortField extends Field
{
    ShortField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.SHORT, name);
    }
}
