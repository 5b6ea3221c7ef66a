package io.asobi.match.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;

/**
 * Deep copies of a match's state table, taken before each callback that may change it so that a failed callback
 * can be undone.
 * <p>
 * Every table reachable from the state (through keys or values) is copied once: shared references and cycles keep
 * their shape, metatables are shared with the original (not copied), and functions, strings and numbers are
 * immutable or identities and are shared. The globals table and the read-only library tables are never copied
 * (a reference to them is kept). The walk is iterative, so a deeply nested state cannot overflow the Java stack.
 * <p>
 * <b>Note:</b> single-threaded; reuses its work structures between copies.
 */
final class StateCopier
{
    private final IdentityHashMap<LuaTable, LuaTable> copies = new IdentityHashMap<>();
    private final ArrayDeque<LuaTable> pending = new ArrayDeque<>();
    private int lastTableCount;

    /**
     * Copy a value deeply.
     *
     * @param value the state (usually a table).
     * @return an independent copy for tables, the value itself otherwise.
     */
    LuaValue copy(final LuaValue value)
    {
        if (!isCopied(value))
        {
            lastTableCount = 0;
            return value;
        }
        try
        {
            final LuaTable root = shell((LuaTable)value);
            LuaTable source;
            while (null != (source = pending.poll()))
            {
                fill(source, copies.get(source));
            }
            lastTableCount = copies.size();
            return root;
        }
        finally
        {
            copies.clear();
            pending.clear();
        }
    }

    /**
     * Tables copied by the last {@link #copy(LuaValue)}.
     *
     * @return number of tables.
     */
    int lastTableCount()
    {
        return lastTableCount;
    }

    private static boolean isCopied(final LuaValue value)
    {
        return value instanceof LuaTable && !(value instanceof Globals) && !(value instanceof ReadOnlyLuaTable);
    }

    private LuaTable shell(final LuaTable source)
    {
        // Sized up front: growing a LuaJ table rehashes it, which costs more than one extra pass over the keys.
        final int arrayLength = source.rawlen();
        int entries = 0;
        LuaValue k = LuaValue.NIL;
        while (!(k = source.next(k).arg1()).isnil())
        {
            entries++;
        }
        final LuaTable copy = new LuaTable(arrayLength, Math.max(0, entries - arrayLength));
        final LuaValue metatable = source.getmetatable();
        if (null != metatable)
        {
            copy.setmetatable(metatable);
        }
        copies.put(source, copy);
        pending.add(source);
        return copy;
    }

    private void fill(final LuaTable source, final LuaTable target)
    {
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = source.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                return;
            }
            target.rawset(mapped(k), mapped(next.arg(2)));
        }
    }

    private LuaValue mapped(final LuaValue value)
    {
        if (!isCopied(value))
        {
            return value;
        }
        final LuaTable table = (LuaTable)value;
        final LuaTable copy = copies.get(table);
        return null != copy ? copy : shell(table);
    }
}
