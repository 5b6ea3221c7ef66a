package io.asobi.ecs;

/**
 * A handle to one field of a component type, and so to one column in every archetype that has the component.
 * Obtain the typed subclasses from {@link ComponentType}, e.g. {@code POS.floatField("x")}, once at set-up, and
 * pass them to cursor and world accessors.
 */
public abstract sealed class Field
    permits BooleanField, ByteField, ShortField, CharField, IntField, LongField, FloatField, DoubleField
{
    final ComponentType<?> component;
    final World world;
    final int index;
    final int columnId;
    final FieldKind kind;
    final String name;

    Field(final ComponentType<?> component, final int index, final int columnId, final FieldKind kind, final String name)
    {
        this.component = component;
        this.world = component.world;
        this.index = index;
        this.columnId = columnId;
        this.kind = kind;
        this.name = name;
    }

    /**
     * @return the component type the field belongs to.
     */
    public ComponentType<?> component()
    {
        return component;
    }

    /**
     * @return position of the field in the record, from 0.
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the field's name in the record.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return primitive type of the field.
     */
    public FieldKind kind()
    {
        return kind;
    }

    static Field create(
        final ComponentType<?> component, final int index, final int columnId, final FieldKind kind, final String name)
    {
        return switch (kind)
        {
            case BOOLEAN -> new BooleanField(component, index, columnId, name);
            case BYTE -> new ByteField(component, index, columnId, name);
            case SHORT -> new ShortField(component, index, columnId, name);
            case CHAR -> new CharField(component, index, columnId, name);
            case INT -> new IntField(component, index, columnId, name);
            case LONG -> new LongField(component, index, columnId, name);
            case FLOAT -> new FloatField(component, index, columnId, name);
            case DOUBLE -> new DoubleField(component, index, columnId, name);
        };
    }

    public String toString()
    {
        return component.name() + "." + name + ":" + kind;
    }
}
