package io.asobi.ecs;

/**
 * A {@code long} field of a component type: a typed key to its column.
 */
public final class LongField extends Field
{
    LongField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.LONG, name);
    }
}
