package io.asobi.ecs;

/**
 * A {@code float} field of a component type: a typed key to its column.
 */
public final class FloatField extends Field
{
    FloatField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.FLOAT, name);
    }
}
