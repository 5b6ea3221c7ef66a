package io.asobi.ecs;

/**
 * A {@code byte} field of a component type: a typed key to its column.
 */
public final class ByteField extends Field
{
    ByteField(final ComponentType<?> component, final int index, final int columnId, final String name)
    {
        super(component, index, columnId, FieldKind.BYTE, name);
    }
}
