package io.asobi.match.lua;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.regex.Pattern;

/**
 * Snapshots of a Lua match: the state table and the {@code math.random} state, as bytes.
 * <p>
 * Values: booleans, integers and doubles (LuaJ's {@code LuaInteger} and {@code LuaDouble}, kept apart), strings (as
 * bytes) and tables with such keys and values; shared tables and cycles keep their shape. Anything else in the state
 * (functions, userdata, coroutines, metatables, library tables, boolean or table keys) makes {@link #encode} refuse,
 * naming the first offending path.
 * <p>
 * <b>Iteration order.</b> LuaJ's {@code next} visits a table's array part (indices 1..capacity) and then its hash
 * slots in slot order, each slot's chain in chain order; a new key is appended to the end of its slot's chain, and
 * only a rehash (when the live hash entries reach the hash capacity) reorders chains. A snapshot therefore records
 * each table's array and hash capacities (both powers of two) and its entries in {@code next} order; the restored
 * table is created with the same capacities and filled in that order, so no rehash happens, every key lands in the
 * same slot (string and number hashes depend only on the value) at the same place in its chain, and {@code next}
 * visits the keys in the original order. Later inserts, removals and rehashes then behave as in the original too
 * (removed keys leave dead slots that {@code next} skips and the next rehash drops). Keys hashed by identity
 * (booleans, tables) would land elsewhere in another JVM, so they are refused. The encoder checks that hash keys come
 * in non-decreasing slot order and the decoder checks it again.
 * <p>
 * Layout (little-endian): magic, version, random state, table count, offset of the table section; the entries of
 * each table in id order (the state is table 0; a table's id is its order of discovery), array entries as index and
 * value, hash entries as key and value; then the table section: per table its array capacity, hash capacity, array
 * entry count and hash entry count. Values are a tag byte and a payload.
 * <p>
 * <b>Note:</b> single-threaded; reuses its work structures.
 */
final class LuaStateCodec
{
    /** First four bytes of a snapshot. */
    static final int MAGIC = 0x534C5341; // "ASLS" in little-endian order

    /** Format version written and read. */
    static final int VERSION = 1;

    /** Largest snapshot written or read. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    /** Most table slots (array plus hash capacity over all tables) a snapshot may describe. */
    static final int MAX_TOTAL_CAPACITY = 1 << 23;

    static final int HEADER_LENGTH = 24;
    static final int TABLE_LENGTH = 16;

    private static final int MIN_ENTRY_LENGTH = 5;
    private static final int MAX_PATH_SEGMENTS = 32;
    private static final int MAX_SEGMENT_CHARS = 40;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INTEGER = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte TABLE = 6;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final MethodHandle ARRAY_CAPACITY;
    private static final MethodHandle HASH_CAPACITY;
    private static final String LAYOUT_FAILURE;

    static
    {
        MethodHandle arrayCapacity = null;
        MethodHandle hashCapacity = null;
        String failure = null;
        try
        {
            // LuaJ keeps the capacities behind protected accessors; they decide the iteration order.
            final Method array = LuaTable.class.getDeclaredMethod("getArrayLength");
            final Method hash = LuaTable.class.getDeclaredMethod("getHashLength");
            array.setAccessible(true);
            hash.setAccessible(true);
            arrayCapacity = MethodHandles.lookup().unreflect(array);
            hashCapacity = MethodHandles.lookup().unreflect(hash);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            failure = "LuaJ table capacities cannot be read: " + ex;
        }
        ARRAY_CAPACITY = arrayCapacity;
        HASH_CAPACITY = hashCapacity;
        LAYOUT_FAILURE = failure;
    }

    private final IdentityHashMap<LuaTable, Integer> ids = new IdentityHashMap<>();
    private final ArrayList<LuaTable> tables = new ArrayList<>();
    private final IntArrayList parents = new IntArrayList();
    private final ArrayList<LuaValue> parentKeys = new ArrayList<>();
    private final IntArrayList layouts = new IntArrayList();
    private ExpandableArrayBuffer out;
    private int start;
    private int position;
    private long totalCapacity;
    private String failure;

    /**
     * What a snapshot holds.
     *
     * @param randomState state of the {@code math.random} generator.
     * @param state       the state table, rebuilt.
     */
    record Decoded(long randomState, LuaTable state)
    {
    }

    /**
     * Write a snapshot.
     *
     * @param randomState state of the {@code math.random} generator.
     * @param state       the match's state table.
     * @param out         where to write; grows as needed.
     * @param offset      where to start.
     * @return bytes written, or -1 (and {@link #failure()} says why) if the state cannot be snapshotted.
     */
    int encode(final long randomState, final LuaValue state, final ExpandableArrayBuffer out, final int offset)
    {
        failure = null;
        if (null != LAYOUT_FAILURE)
        {
            failure = LAYOUT_FAILURE;
            return -1;
        }
        this.out = out;
        start = offset;
        position = offset + HEADER_LENGTH;
        try
        {
            if (!(state instanceof LuaTable))
            {
                throw new Refused("state is a " + state.typename() + ", not a table");
            }
            admit((LuaTable)state, -1, null);
            for (int i = 0; i < tables.size(); i++)
            {
                writeEntries(i);
            }
            final int tablesOffset = position - offset;
            reserve(tables.size() * TABLE_LENGTH);
            for (int i = 0, n = layouts.size(); i < n; i++)
            {
                out.putInt(position, layouts.getInt(i), LE);
                position += 4;
            }
            out.putInt(offset, MAGIC, LE);
            out.putInt(offset + 4, VERSION, LE);
            out.putLong(offset + 8, randomState, LE);
            out.putInt(offset + 16, tables.size(), LE);
            out.putInt(offset + 20, tablesOffset, LE);
            return position - offset;
        }
        catch (final Refused ex)
        {
            failure = ex.getMessage();
            return -1;
        }
        finally
        {
            this.out = null;
            ids.clear();
            tables.clear();
            parents.clear();
            parentKeys.clear();
            layouts.clear();
            totalCapacity = 0;
        }
    }

    /**
     * Why the last {@link #encode} returned -1.
     *
     * @return the reason, naming the offending path where there is one; null after a success.
     */
    String failure()
    {
        return failure;
    }

    /**
     * Read a snapshot.
     *
     * @param src    holding it.
     * @param offset where it starts.
     * @param length its length.
     * @return the random state and the rebuilt state table.
     * @throws IllegalArgumentException if the bytes are not a valid snapshot; nothing large is allocated before the
     *                                  sizes have been checked against the length.
     */
    static Decoded decode(final DirectBuffer src, final int offset, final int length)
    {
        if (null == src || offset < 0 || length < 0 || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException("lua snapshot: range " + offset + "+" + length + " is outside the buffer");
        }
        if (length < HEADER_LENGTH || length > MAX_BYTES)
        {
            throw new IllegalArgumentException("lua snapshot: bad length " + length);
        }
        if (src.getInt(offset, LE) != MAGIC)
        {
            throw new IllegalArgumentException("lua snapshot: bad magic");
        }
        final int version = src.getInt(offset + 4, LE);
        if (version != VERSION)
        {
            throw new IllegalArgumentException("lua snapshot: unsupported version " + version);
        }
        final long randomState = src.getLong(offset + 8, LE);
        final int tableCount = src.getInt(offset + 16, LE);
        final int tablesOffset = src.getInt(offset + 20, LE);
        if (tableCount < 1 || tableCount > (length - HEADER_LENGTH) / TABLE_LENGTH ||
            tablesOffset != length - tableCount * TABLE_LENGTH)
        {
            throw new IllegalArgumentException(
                "lua snapshot: bad table count " + tableCount + " or table section offset " + tablesOffset);
        }

        final int[] layout = new int[tableCount * 4];
        long capacity = 0;
        long entries = 0;
        for (int i = 0; i < tableCount; i++)
        {
            final int at = offset + tablesOffset + i * TABLE_LENGTH;
            final int arrayCapacity = src.getInt(at, LE);
            final int hashCapacity = src.getInt(at + 4, LE);
            final int arrayCount = src.getInt(at + 8, LE);
            final int hashCount = src.getInt(at + 12, LE);
            if (!isCapacity(arrayCapacity) || !isCapacity(hashCapacity) || 1 == hashCapacity ||
                arrayCount < 0 || arrayCount > arrayCapacity || hashCount < 0 || hashCount > hashCapacity)
            {
                throw new IllegalArgumentException("lua snapshot: table " + i + " has a bad layout: capacities " +
                    arrayCapacity + "/" + hashCapacity + ", entries " + arrayCount + "/" + hashCount);
            }
            capacity += (long)arrayCapacity + hashCapacity;
            entries += (long)arrayCount + hashCount;
            layout[i * 4] = arrayCapacity;
            layout[i * 4 + 1] = hashCapacity;
            layout[i * 4 + 2] = arrayCount;
            layout[i * 4 + 3] = hashCount;
        }
        if (capacity > MAX_TOTAL_CAPACITY || entries * MIN_ENTRY_LENGTH > tablesOffset - HEADER_LENGTH)
        {
            throw new IllegalArgumentException("lua snapshot: " + capacity + " table slots for " + entries +
                " entries do not fit the limits or the length");
        }

        final LuaTable[] decoded = new LuaTable[tableCount];
        for (int i = 0; i < tableCount; i++)
        {
            decoded[i] = new LuaTable(layout[i * 4], layout[i * 4 + 1]);
        }
        final Reader reader = new Reader(src, offset + HEADER_LENGTH, offset + tablesOffset, decoded);
        for (int i = 0; i < tableCount; i++)
        {
            reader.fill(i, decoded[i], layout[i * 4], layout[i * 4 + 1], layout[i * 4 + 2], layout[i * 4 + 3]);
        }
        if (reader.position != reader.end)
        {
            throw new IllegalArgumentException("lua snapshot: " + (reader.end - reader.position) +
                " bytes after the last entry");
        }
        return new Decoded(randomState, decoded[0]);
    }

    private static boolean isCapacity(final int capacity)
    {
        return capacity >= 0 && capacity <= MAX_TOTAL_CAPACITY && 0 == (capacity & (capacity - 1));
    }

    private static boolean isHashKey(final LuaValue key)
    {
        return key instanceof LuaString || key instanceof LuaInteger ||
            (key instanceof LuaDouble && !Double.isNaN(key.todouble()));
    }

    private static int arrayCapacity(final LuaTable table)
    {
        try
        {
            return (int)ARRAY_CAPACITY.invokeExact(table);
        }
        catch (final Throwable ex)
        {
            throw new Refused("LuaJ table capacity cannot be read: " + ex);
        }
    }

    private static int hashCapacity(final LuaTable table)
    {
        try
        {
            return (int)HASH_CAPACITY.invokeExact(table);
        }
        catch (final Throwable ex)
        {
            throw new Refused("LuaJ table capacity cannot be read: " + ex);
        }
    }

    private void admit(final LuaTable table, final int parent, final LuaValue key)
    {
        ids.put(table, tables.size());
        tables.add(table);
        parents.addInt(parent);
        parentKeys.add(key);
        final int id = tables.size() - 1;
        if (table.getClass() != LuaTable.class)
        {
            throw new Refused(path(id, null) + " is a library or system table (" +
                table.getClass().getSimpleName() + ")");
        }
        if (null != table.getmetatable())
        {
            throw new Refused(path(id, null) + " has a metatable");
        }
        final int arrayCapacity = arrayCapacity(table);
        final int hashCapacity = hashCapacity(table);
        totalCapacity += (long)arrayCapacity + hashCapacity;
        if (totalCapacity > MAX_TOTAL_CAPACITY)
        {
            throw new Refused("state tables hold more than " + MAX_TOTAL_CAPACITY + " slots (at " +
                path(id, null) + ")");
        }
        layouts.addInt(arrayCapacity);
        layouts.addInt(hashCapacity);
        layouts.addInt(0);
        layouts.addInt(0);
    }

    private void writeEntries(final int id)
    {
        final LuaTable table = tables.get(id);
        final int arrayCapacity = layouts.getInt(id * 4);
        final int hashCapacity = layouts.getInt(id * 4 + 1);
        int arrayCount = 0;
        int hashCount = 0;
        int lastIndex = 0;
        int lastSlot = -1;
        LuaValue key = LuaValue.NIL;
        while (true)
        {
            final Varargs next = table.next(key);
            key = next.arg1();
            if (key.isnil())
            {
                break;
            }
            final int index = key instanceof LuaInteger ? key.toint() : 0;
            if (index >= 1 && index <= arrayCapacity)
            {
                if (hashCount > 0 || index <= lastIndex)
                {
                    throw new Refused(path(id, null) + ": iteration order cannot be reproduced");
                }
                lastIndex = index;
                reserve(4);
                out.putInt(position, index, LE);
                position += 4;
                arrayCount++;
            }
            else
            {
                if (!isHashKey(key))
                {
                    throw new Refused(path(id, key) + ": a " + key.typename() +
                        " key cannot be snapshotted (use string or number keys)");
                }
                final int slot = LuaTable.hashSlot(key, hashCapacity - 1);
                if (slot < lastSlot || hashCount >= hashCapacity)
                {
                    throw new Refused(path(id, null) + ": iteration order cannot be reproduced");
                }
                lastSlot = slot;
                writeValue(key, id, key);
                hashCount++;
            }
            writeValue(next.arg(2), id, key);
        }
        layouts.setInt(id * 4 + 2, arrayCount);
        layouts.setInt(id * 4 + 3, hashCount);
    }

    private void writeValue(final LuaValue value, final int parent, final LuaValue key)
    {
        switch (value.type())
        {
            case LuaValue.TBOOLEAN ->
            {
                reserve(1);
                out.putByte(position++, value.toboolean() ? TRUE : FALSE);
            }
            case LuaValue.TNUMBER ->
            {
                if (value instanceof LuaInteger)
                {
                    reserve(5);
                    out.putByte(position, INTEGER);
                    out.putInt(position + 1, value.toint(), LE);
                    position += 5;
                }
                else if (value instanceof LuaDouble && LuaValue.valueOf(value.todouble()) instanceof LuaDouble)
                {
                    reserve(9);
                    out.putByte(position, DOUBLE);
                    out.putLong(position + 1, Double.doubleToRawLongBits(value.todouble()), LE);
                    position += 9;
                }
                else
                {
                    throw new Refused(path(parent, key) + " is a number of an unknown kind: " +
                        value.getClass().getName());
                }
            }
            case LuaValue.TSTRING ->
            {
                final LuaString string = value.checkstring();
                reserve(5L + string.m_length);
                out.putByte(position, STRING);
                out.putInt(position + 1, string.m_length, LE);
                out.putBytes(position + 5, string.m_bytes, string.m_offset, string.m_length);
                position += 5 + string.m_length;
            }
            case LuaValue.TTABLE ->
            {
                final LuaTable table = (LuaTable)value;
                Integer id = ids.get(table);
                if (null == id)
                {
                    admit(table, parent, key);
                    id = tables.size() - 1;
                }
                reserve(5);
                out.putByte(position, TABLE);
                out.putInt(position + 1, id, LE);
                position += 5;
            }
            default -> throw new Refused(path(parent, key) + " is a " + value.typename() +
                ", which cannot be snapshotted (keep only tables, strings, numbers and booleans in the state)");
        }
    }

    private void reserve(final long bytes)
    {
        if (position - start + bytes > MAX_BYTES)
        {
            throw new Refused("snapshot would exceed " + MAX_BYTES + " bytes");
        }
    }

    /** Path of table {@code id} (and its entry {@code key}, if not null), such as {@code state.players.p1.fn}. */
    private String path(final int id, final LuaValue key)
    {
        final ArrayDeque<String> segments = new ArrayDeque<>();
        if (null != key)
        {
            segments.push(segment(key));
        }
        for (int t = id; t > 0 && segments.size() <= MAX_PATH_SEGMENTS; t = parents.getInt(t))
        {
            segments.push(segment(parentKeys.get(t)));
        }
        final StringBuilder path = new StringBuilder("state");
        if (segments.size() > MAX_PATH_SEGMENTS)
        {
            path.append("...");
        }
        for (final String segment : segments)
        {
            path.append(segment);
        }
        return path.toString();
    }

    private static String segment(final LuaValue key)
    {
        if (key instanceof LuaString)
        {
            final String text = key.tojstring();
            if (NAME.matcher(text).matches() && text.length() <= MAX_SEGMENT_CHARS)
            {
                return "." + text;
            }
            return "[\"" + (text.length() <= MAX_SEGMENT_CHARS ? text : text.substring(0, MAX_SEGMENT_CHARS) + "...") +
                "\"]";
        }
        if (key.type() == LuaValue.TNUMBER)
        {
            return "[" + key.tojstring() + "]";
        }
        return "[<" + key.typename() + ">]";
    }

    /** Why a state cannot be snapshotted; thrown within the encoder only. */
    private static final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Refused(final String message)
        {
            super(message, null, false, false);
        }
    }

    /** Reads the entry section of one snapshot. */
    private static final class Reader
    {
        private final DirectBuffer src;
        private final int end;
        private final LuaTable[] tables;
        private int position;

        Reader(final DirectBuffer src, final int position, final int end, final LuaTable[] tables)
        {
            this.src = src;
            this.position = position;
            this.end = end;
            this.tables = tables;
        }

        void fill(
            final int id,
            final LuaTable table,
            final int arrayCapacity,
            final int hashCapacity,
            final int arrayCount,
            final int hashCount)
        {
            int lastIndex = 0;
            for (int i = 0; i < arrayCount; i++)
            {
                need(4);
                final int index = src.getInt(position, LE);
                position += 4;
                if (index <= lastIndex || index > arrayCapacity)
                {
                    throw bad("table " + id + " has array index " + index + " out of order or range");
                }
                lastIndex = index;
                table.rawset(index, value());
            }
            int lastSlot = -1;
            for (int i = 0; i < hashCount; i++)
            {
                final LuaValue key = value();
                if (!isHashKey(key) || (key instanceof LuaInteger && key.toint() >= 1 && key.toint() <= arrayCapacity))
                {
                    throw bad("table " + id + " has a bad hash key of type " + key.typename());
                }
                final int slot = LuaTable.hashSlot(key, hashCapacity - 1);
                if (slot < lastSlot)
                {
                    throw bad("table " + id + " has hash keys out of slot order");
                }
                lastSlot = slot;
                if (!table.rawget(key).isnil())
                {
                    throw bad("table " + id + " has a duplicate key");
                }
                table.rawset(key, value());
            }
        }

        private LuaValue value()
        {
            need(1);
            final byte tag = src.getByte(position++);
            switch (tag)
            {
                case FALSE:
                    return LuaValue.FALSE;
                case TRUE:
                    return LuaValue.TRUE;
                case INTEGER:
                {
                    need(4);
                    final int value = src.getInt(position, LE);
                    position += 4;
                    return LuaValue.valueOf(value);
                }
                case DOUBLE:
                {
                    need(8);
                    final double value = Double.longBitsToDouble(src.getLong(position, LE));
                    position += 8;
                    final LuaValue number = LuaValue.valueOf(value);
                    if (!(number instanceof LuaDouble))
                    {
                        throw bad("double " + value + " is not in LuaJ's form (it is an integer)");
                    }
                    return number;
                }
                case STRING:
                {
                    need(4);
                    final int length = src.getInt(position, LE);
                    position += 4;
                    if (length < 0 || length > end - position)
                    {
                        throw bad("string length " + length + " exceeds the snapshot");
                    }
                    final byte[] bytes = new byte[length];
                    src.getBytes(position, bytes);
                    position += length;
                    return LuaString.valueOf(bytes);
                }
                case TABLE:
                {
                    need(4);
                    final int id = src.getInt(position, LE);
                    position += 4;
                    if (id < 0 || id >= tables.length)
                    {
                        throw bad("table reference " + id + " out of range");
                    }
                    return tables[id];
                }
                default:
                    throw bad("unknown value tag " + tag);
            }
        }

        private void need(final int bytes)
        {
            if (end - position < bytes)
            {
                throw bad("truncated entries");
            }
        }

        private static IllegalArgumentException bad(final String message)
        {
            return new IllegalArgumentException("lua snapshot: " + message);
        }
    }
}
