package io.asobi.ecs;

/**
 * A {@code char} field of a component type: a typed key to its column.
 */
public final class CharField extends Field
{
    CharField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.CHAR, name);
    }
}
