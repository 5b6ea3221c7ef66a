package io.asobi.match.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua table that refuses every change once built: used for what all VMs of the JVM share (the string library
 * behind the string metatable), so one match cannot change another's behaviour.
 * <p>
 * <b>Note:</b> safe to read from many threads once published, since it never changes after construction.
 */
final class ReadOnlyLuaTable extends LuaTable
{
    private final String name;
    private final boolean sealed;

    /**
     * Copy the entries of {@code source} (not its metatable) into a new read-only table.
     *
     * @param name   shown in the error on an attempted change.
     * @param source entries to copy.
     */
    ReadOnlyLuaTable(final String name, final LuaTable source)
    {
        this.name = name;
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = source.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            super.rawset(k, next.arg(2));
        }
        sealed = true;
    }

    /**
     * {@inheritDoc}
     */
    public void rawset(final int key, final LuaValue value)
    {
        refuseIfSealed();
        super.rawset(key, value);
    }

    /**
     * {@inheritDoc}
     */
    public void rawset(final LuaValue key, final LuaValue value)
    {
        refuseIfSealed();
        super.rawset(key, value);
    }

    /**
     * {@inheritDoc}
     */
    public void hashset(final LuaValue key, final LuaValue value)
    {
        refuseIfSealed();
        super.hashset(key, value);
    }

    /**
     * {@inheritDoc}
     */
    public LuaValue setmetatable(final LuaValue metatable)
    {
        refuseIfSealed();
        return super.setmetatable(metatable);
    }

    /**
     * {@inheritDoc}
     */
    public void sort(final LuaValue comparator)
    {
        refuseIfSealed();
        super.sort(comparator);
    }

    private void refuseIfSealed()
    {
        // False only while the constructor copies the source entries.
        if (sealed)
        {
            throw new LuaError("attempt to modify read-only table '" + name + "'");
        }
    }
}
