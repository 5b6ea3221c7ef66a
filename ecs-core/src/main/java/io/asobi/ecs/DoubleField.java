package io.asobi.ecs;

/**
 * A {@code double} field of a component type: a typed key to its column.
 */
public final class DoubleField extends Field
{
    DoubleField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.DOUBLE, name);
    }
}
