package io.asobi.ecs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A registered component: a Java record whose fields are all primitives, stored as one column per field.
 * Created by {@link World#register(Class)}; holds the typed {@link Field} keys for its columns.
 *
 * @param <T> the record type.
 */
public final class ComponentType<T extends Record>
{
    /** Most fields a component may have. */
    public static final int MAX_FIELDS = 255;

    final World world;
    final int id;
    final Class<T> type;
    final String name;
    final long nameHash;
    final Field[] fields;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    ComponentType(final World world, final int id, final Class<T> type, final int firstColumnId)
    {
        this.world = world;
        this.id = id;
        this.type = type;
        this.name = type.getName();
        this.nameHash = hashName(name);
        final RecordComponent[] components = type.getRecordComponents();
        fields = new Field[components.length];
        accessors = new MethodHandle[components.length];
        final Class<?>[] parameterTypes = new Class<?>[components.length];
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            for (int i = 0; i < components.length; i++)
            {
                final RecordComponent component = components[i];
                final FieldKind kind = FieldKind.of(component.getType());
                fields[i] = Field.create(this, i, firstColumnId + i, kind, component.getName());
                accessors[i] = lookup.unreflect(component.getAccessor());
                parameterTypes[i] = component.getType();
            }
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes));
        }
        catch (final ReflectiveOperationException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("component " + name + " is not accessible: " + ex.getMessage(), ex);
        }
    }

    /**
     * Checks that {@code type} can be a component: a record whose fields are all primitives.
     *
     * @param type candidate class.
     * @throws IllegalArgumentException naming the offending field if not.
     */
    static void validate(final Class<?> type)
    {
        if (null == type || !type.isRecord())
        {
            throw new IllegalArgumentException(
                "a component must be a record of primitive fields, not " + (null == type ? "null" : type.getName()));
        }
        if (type.getRecordComponents().length > MAX_FIELDS)
        {
            throw new IllegalArgumentException(
                "component " + type.getName() + " has more than " + MAX_FIELDS + " fields");
        }
        for (final RecordComponent component : type.getRecordComponents())
        {
            if (null == FieldKind.of(component.getType()))
            {
                throw new IllegalArgumentException("component " + type.getName() + " field '" + component.getName() +
                    "' has type " + component.getType().getName() + "; only primitive fields can be stored in columns");
            }
        }
    }

    /**
     * @return the record class.
     */
    public Class<T> type()
    {
        return type;
    }

    /**
     * @return the record class's binary name, which identifies the component in snapshots.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return id of the component in its world (registration order).
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the fields in record order.
     */
    public List<Field> fields()
    {
        return List.of(fields);
    }

    /**
     * @param fieldName name of the record component.
     * @return its field key.
     * @throws IllegalArgumentException if there is no such field.
     */
    public Field field(final String fieldName)
    {
        for (final Field field : fields)
        {
            if (field.name.equals(fieldName))
            {
                return field;
            }
        }
        throw new IllegalArgumentException("component " + name + " has no field '" + fieldName + "'");
    }

    public FloatField floatField(final String fieldName)
    {
        return typed(fieldName, FloatField.class);
    }

    public IntField intField(final String fieldName)
    {
        return typed(fieldName, IntField.class);
    }

    public LongField longField(final String fieldName)
    {
        return typed(fieldName, LongField.class);
    }

    public DoubleField doubleField(final String fieldName)
    {
        return typed(fieldName, DoubleField.class);
    }

    public ShortField shortField(final String fieldName)
    {
        return typed(fieldName, ShortField.class);
    }

    public ByteField byteField(final String fieldName)
    {
        return typed(fieldName, ByteField.class);
    }

    public BooleanField booleanField(final String fieldName)
    {
        return typed(fieldName, BooleanField.class);
    }

    public CharField charField(final String fieldName)
    {
        return typed(fieldName, CharField.class);
    }

    private <F extends Field> F typed(final String fieldName, final Class<F> fieldClass)
    {
        final Field field = field(fieldName);
        if (!fieldClass.isInstance(field))
        {
            throw new IllegalArgumentException(
                "field " + name + "." + fieldName + " is " + field.kind + ", not " + fieldClass.getSimpleName());
        }
        return fieldClass.cast(field);
    }

    /** Reads field {@code i} of {@code value} as raw bits. */
    long bitsOf(final Object value, final int i)
    {
        try
        {
            return Columns.bitsOfBoxed(fields[i].kind, accessors[i].invoke(value));
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("cannot read " + fields[i], t);
        }
    }

    /** Builds a record from one row of the given archetype. */
    T read(final Archetype archetype, final int row)
    {
        final Object[] args = new Object[fields.length];
        for (int i = 0; i < fields.length; i++)
        {
            final Field field = fields[i];
            args[i] = Columns.boxed(field.kind, archetype.columns[field.columnId], row);
        }
        try
        {
            return type.cast(constructor.invokeWithArguments(args));
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("cannot construct " + name, t);
        }
    }

    static long hashName(final String name)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++)
        {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    public String toString()
    {
        return "ComponentType{" + name + ", id=" + id + "}";
    }
}
