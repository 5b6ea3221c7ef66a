package io.asobi.ecs;

/**
 * Primitive type of a component field and of the column that stores it. The ordinal is the wire value of the
 * snapshot schema's {@code FieldKind}.
 */
public enum FieldKind
{
    BOOLEAN(boolean.class, 1),
    BYTE(byte.class, 1),
    SHORT(short.class, 2),
    CHAR(char.class, 2),
    INT(int.class, 4),
    LONG(long.class, 8),
    FLOAT(float.class, 4),
    DOUBLE(double.class, 8);

    private static final FieldKind[] VALUES = values();

    final Class<?> javaType;
    final int sizeBytes;

    FieldKind(final Class<?> javaType, final int sizeBytes)
    {
        this.javaType = javaType;
        this.sizeBytes = sizeBytes;
    }

    /**
     * @return bytes one value takes in a column.
     */
    public int sizeBytes()
    {
        return sizeBytes;
    }

    static FieldKind of(final Class<?> type)
    {
        for (final FieldKind kind : VALUES)
        {
            if (kind.javaType == type)
            {
                return kind;
            }
        }
        return null;
    }

    static FieldKind ofOrdinal(final int ordinal)
    {
        if (ordinal < 0 || ordinal >= VALUES.length)
        {
            throw new IllegalArgumentException("unknown field kind " + ordinal);
        }
        return VALUES[ordinal];
    }
}
