package io.asobi.ecs;

import org.agrona.MutableDirectBuffer;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Operations on primitive column arrays held as {@code Object}, switched on {@link FieldKind}. Only structural
 * changes, snapshots and hashing go through here; systems read and write the typed arrays directly.
 */
final class Columns
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Kind codes: {@link FieldKind#ordinal()}, switched on as ints on the row-move path. */
    static final int BOOLEAN = 0;
    static final int BYTE = 1;
    static final int SHORT = 2;
    static final int CHAR = 3;
    static final int INT = 4;
    static final int LONG = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;

    private Columns()
    {
    }

    /** Copies one value between two columns of the same kind; keyed by {@link FieldKind#ordinal()}. */
    static void copy(final int kind, final Object src, final int srcRow, final Object dst, final int dstRow)
    {
        switch (kind)
        {
            case FLOAT -> ((float[])dst)[dstRow] = ((float[])src)[srcRow];
            case INT -> ((int[])dst)[dstRow] = ((int[])src)[srcRow];
            case DOUBLE -> ((double[])dst)[dstRow] = ((double[])src)[srcRow];
            case LONG -> ((long[])dst)[dstRow] = ((long[])src)[srcRow];
            case SHORT -> ((short[])dst)[dstRow] = ((short[])src)[srcRow];
            case BYTE -> ((byte[])dst)[dstRow] = ((byte[])src)[srcRow];
            case CHAR -> ((char[])dst)[dstRow] = ((char[])src)[srcRow];
            default -> ((boolean[])dst)[dstRow] = ((boolean[])src)[srcRow];
        }
    }

    /** Moves one value within a column and zeroes the vacated row; keyed by {@link FieldKind#ordinal()}. */
    static void move(final int kind, final Object column, final int fromRow, final int toRow)
    {
        switch (kind)
        {
            case FLOAT ->
            {
                final float[] a = (float[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case INT ->
            {
                final int[] a = (int[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case DOUBLE ->
            {
                final double[] a = (double[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case LONG ->
            {
                final long[] a = (long[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case SHORT ->
            {
                final short[] a = (short[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case BYTE ->
            {
                final byte[] a = (byte[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            case CHAR ->
            {
                final char[] a = (char[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = 0;
            }
            default ->
            {
                final boolean[] a = (boolean[])column;
                a[toRow] = a[fromRow];
                a[fromRow] = false;
            }
        }
    }

    /** Zeroes one value; keyed by {@link FieldKind#ordinal()}. */
    static void clear(final int kind, final Object column, final int row)
    {
        switch (kind)
        {
            case FLOAT -> ((float[])column)[row] = 0;
            case INT -> ((int[])column)[row] = 0;
            case DOUBLE -> ((double[])column)[row] = 0;
            case LONG -> ((long[])column)[row] = 0;
            case SHORT -> ((short[])column)[row] = 0;
            case BYTE -> ((byte[])column)[row] = 0;
            case CHAR -> ((char[])column)[row] = 0;
            default -> ((boolean[])column)[row] = false;
        }
    }

    static Object allocate(final FieldKind kind, final int capacity)
    {
        return switch (kind)
        {
            case BOOLEAN -> new boolean[capacity];
            case BYTE -> new byte[capacity];
            case SHORT -> new short[capacity];
            case CHAR -> new char[capacity];
            case INT -> new int[capacity];
            case LONG -> new long[capacity];
            case FLOAT -> new float[capacity];
            case DOUBLE -> new double[capacity];
        };
    }

    static Object grow(final FieldKind kind, final Object column, final int capacity)
    {
        return switch (kind)
        {
            case BOOLEAN -> Arrays.copyOf((boolean[])column, capacity);
            case BYTE -> Arrays.copyOf((byte[])column, capacity);
            case SHORT -> Arrays.copyOf((short[])column, capacity);
            case CHAR -> Arrays.copyOf((char[])column, capacity);
            case INT -> Arrays.copyOf((int[])column, capacity);
            case LONG -> Arrays.copyOf((long[])column, capacity);
            case FLOAT -> Arrays.copyOf((float[])column, capacity);
            case DOUBLE -> Arrays.copyOf((double[])column, capacity);
        };
    }

    /** Reads one value as raw bits (floats and doubles bit-exact, NaN payloads included). */
    static long bits(final FieldKind kind, final Object column, final int row)
    {
        return switch (kind)
        {
            case BOOLEAN -> ((boolean[])column)[row] ? 1 : 0;
            case BYTE -> ((byte[])column)[row];
            case SHORT -> ((short[])column)[row];
            case CHAR -> ((char[])column)[row];
            case INT -> ((int[])column)[row];
            case LONG -> ((long[])column)[row];
            case FLOAT -> Float.floatToRawIntBits(((float[])column)[row]);
            case DOUBLE -> Double.doubleToRawLongBits(((double[])column)[row]);
        };
    }

    /** Writes one value from raw bits, the inverse of {@link #bits}. */
    static void setBits(final FieldKind kind, final Object column, final int row, final long bits)
    {
        switch (kind)
        {
            case BOOLEAN -> ((boolean[])column)[row] = bits != 0;
            case BYTE -> ((byte[])column)[row] = (byte)bits;
            case SHORT -> ((short[])column)[row] = (short)bits;
            case CHAR -> ((char[])column)[row] = (char)bits;
            case INT -> ((int[])column)[row] = (int)bits;
            case LONG -> ((long[])column)[row] = bits;
            case FLOAT -> ((float[])column)[row] = Float.intBitsToFloat((int)bits);
            case DOUBLE -> ((double[])column)[row] = Double.longBitsToDouble(bits);
        }
    }

    /** Boxed value for the record constructor of the friendly API. */
    static Object boxed(final FieldKind kind, final Object column, final int row)
    {
        return switch (kind)
        {
            case BOOLEAN -> ((boolean[])column)[row];
            case BYTE -> ((byte[])column)[row];
            case SHORT -> ((short[])column)[row];
            case CHAR -> ((char[])column)[row];
            case INT -> ((int[])column)[row];
            case LONG -> ((long[])column)[row];
            case FLOAT -> ((float[])column)[row];
            case DOUBLE -> ((double[])column)[row];
        };
    }

    /** Raw bits of a boxed primitive, as {@link #bits} would read it back from a column. */
    static long bitsOfBoxed(final FieldKind kind, final Object value)
    {
        return switch (kind)
        {
            case BOOLEAN -> (Boolean)value ? 1 : 0;
            case BYTE -> (Byte)value;
            case SHORT -> (Short)value;
            case CHAR -> (Character)value;
            case INT -> (Integer)value;
            case LONG -> (Long)value;
            case FLOAT -> Float.floatToRawIntBits((Float)value);
            case DOUBLE -> Double.doubleToRawLongBits((Double)value);
        };
    }

    /** Writes {@code rows} values little-endian into {@code buffer} at {@code offset}; returns bytes written. */
    static int write(
        final FieldKind kind, final Object column, final int rows, final MutableDirectBuffer buffer, final int offset)
    {
        int o = offset;
        switch (kind)
        {
            case BOOLEAN ->
            {
                final boolean[] a = (boolean[])column;
                for (int i = 0; i < rows; i++, o++)
                {
                    buffer.putByte(o, a[i] ? (byte)1 : 0);
                }
            }
            case BYTE -> buffer.putBytes(o, (byte[])column, 0, rows);
            case SHORT ->
            {
                final short[] a = (short[])column;
                for (int i = 0; i < rows; i++, o += 2)
                {
                    buffer.putShort(o, a[i], LE);
                }
            }
            case CHAR ->
            {
                final char[] a = (char[])column;
                for (int i = 0; i < rows; i++, o += 2)
                {
                    buffer.putChar(o, a[i], LE);
                }
            }
            case INT ->
            {
                final int[] a = (int[])column;
                for (int i = 0; i < rows; i++, o += 4)
                {
                    buffer.putInt(o, a[i], LE);
                }
            }
            case LONG ->
            {
                final long[] a = (long[])column;
                for (int i = 0; i < rows; i++, o += 8)
                {
                    buffer.putLong(o, a[i], LE);
                }
            }
            case FLOAT ->
            {
                final float[] a = (float[])column;
                for (int i = 0; i < rows; i++, o += 4)
                {
                    buffer.putInt(o, Float.floatToRawIntBits(a[i]), LE);
                }
            }
            case DOUBLE ->
            {
                final double[] a = (double[])column;
                for (int i = 0; i < rows; i++, o += 8)
                {
                    buffer.putLong(o, Double.doubleToRawLongBits(a[i]), LE);
                }
            }
        }
        return rows * kind.sizeBytes;
    }

    /** Reads {@code rows} values written by {@link #write}; returns bytes read. */
    static int read(
        final FieldKind kind, final Object column, final int rows, final DirectBuffer buffer, final int offset)
    {
        int o = offset;
        switch (kind)
        {
            case BOOLEAN ->
            {
                final boolean[] a = (boolean[])column;
                for (int i = 0; i < rows; i++, o++)
                {
                    a[i] = buffer.getByte(o) != 0;
                }
            }
            case BYTE -> buffer.getBytes(o, (byte[])column, 0, rows);
            case SHORT ->
            {
                final short[] a = (short[])column;
                for (int i = 0; i < rows; i++, o += 2)
                {
                    a[i] = buffer.getShort(o, LE);
                }
            }
            case CHAR ->
            {
                final char[] a = (char[])column;
                for (int i = 0; i < rows; i++, o += 2)
                {
                    a[i] = buffer.getChar(o, LE);
                }
            }
            case INT ->
            {
                final int[] a = (int[])column;
                for (int i = 0; i < rows; i++, o += 4)
                {
                    a[i] = buffer.getInt(o, LE);
                }
            }
            case LONG ->
            {
                final long[] a = (long[])column;
                for (int i = 0; i < rows; i++, o += 8)
                {
                    a[i] = buffer.getLong(o, LE);
                }
            }
            case FLOAT ->
            {
                final float[] a = (float[])column;
                for (int i = 0; i < rows; i++, o += 4)
                {
                    a[i] = Float.intBitsToFloat(buffer.getInt(o, LE));
                }
            }
            case DOUBLE ->
            {
                final double[] a = (double[])column;
                for (int i = 0; i < rows; i++, o += 8)
                {
                    a[i] = Double.longBitsToDouble(buffer.getLong(o, LE));
                }
            }
        }
        return rows * kind.sizeBytes;
    }

    /**
     * Reads one little-endian value as {@link #read} would store it and returns its bits as {@link #bits} would read
     * them back from the column; used to check a snapshot before it is restored.
     */
    static long bitsAt(final FieldKind kind, final DirectBuffer buffer, final int offset)
    {
        return switch (kind)
        {
            case BOOLEAN -> buffer.getByte(offset) != 0 ? 1 : 0;
            case BYTE -> buffer.getByte(offset);
            case SHORT -> buffer.getShort(offset, LE);
            case CHAR -> buffer.getChar(offset, LE);
            case INT -> buffer.getInt(offset, LE);
            case LONG -> buffer.getLong(offset, LE);
            case FLOAT -> Float.floatToRawIntBits(Float.intBitsToFloat(buffer.getInt(offset, LE)));
            case DOUBLE -> Double.doubleToRawLongBits(Double.longBitsToDouble(buffer.getLong(offset, LE)));
        };
    }
}
