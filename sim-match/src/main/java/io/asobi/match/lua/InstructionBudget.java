package io.asobi.match.lua;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

import java.util.Arrays;

/**
 * The instruction budget of one Lua VM, installed from Java as its {@code Globals.debuglib} (LuaJ calls it for every
 * VM instruction, call and return); scripts never see a {@code debug} library.
 * <p>
 * Armed with a number of instructions before each callback: when that many have run, every further instruction
 * throws {@link Exhausted}, an {@link Error} that neither {@code pcall} nor {@code xpcall} catch (they catch
 * {@code Exception}s), so a script cannot swallow the cut-off. It also bounds the Lua call depth to
 * {@link #MAX_CALL_DEPTH} with an ordinary, catchable {@code "stack overflow"} error, well before the Java stack
 * overflows. Counting is deterministic: the same script and inputs are cut off at the same instruction.
 * <p>
 * The stock {@code DebugLib} call-stack tracking (synchronized, per instruction) is not used; tracebacks are empty.
 * <p>
 * <b>Note:</b> single-threaded, like the VM it belongs to.
 */
final class InstructionBudget extends DebugLib
{
    /** Deepest nesting of Lua function calls (and pcalls) before a {@code "stack overflow"} error. */
    static final int MAX_CALL_DEPTH = 200;

    private final LuaFunction[] frames = new LuaFunction[MAX_CALL_DEPTH];
    private long remaining;
    private long limit;
    private int depth;
    private String exhaustedAt;

    /**
     * Allow {@code instructions} more instructions and reset the call depth; called before each callback.
     *
     * @param instructions the budget, at least 1.
     */
    void arm(final long instructions)
    {
        limit = instructions;
        remaining = instructions;
        depth = 0;
        exhaustedAt = null;
    }

    /**
     * Refuse all instructions until armed again (no Lua runs outside a budgeted call).
     */
    void disarm()
    {
        remaining = 0;
        Arrays.fill(frames, 0, depth, null);
        depth = 0;
    }

    /**
     * The armed budget.
     *
     * @return instructions allowed by the last {@link #arm(long)}.
     */
    long limit()
    {
        return limit;
    }

    /**
     * Instructions run since the last {@link #arm(long)}.
     *
     * @return count, capped at the limit.
     */
    long used()
    {
        return limit - Math.max(0, remaining);
    }

    /**
     * Where the budget ran out.
     *
     * @return {@code "file:line"} of the first refused instruction, or null if the budget was not exhausted.
     */
    String exhaustedAt()
    {
        return exhaustedAt;
    }

    /**
     * {@inheritDoc}
     */
    public void onCall(final LuaFunction f)
    {
        push(f);
    }

    /**
     * {@inheritDoc}
     */
    public void onCall(final LuaClosure c, final Varargs varargs, final LuaValue[] stack)
    {
        push(c);
    }

    /**
     * {@inheritDoc}
     */
    public void onInstruction(final int pc, final Varargs v, final int top)
    {
        if (--remaining < 0)
        {
            remaining = -1;
            if (null == exhaustedAt)
            {
                exhaustedAt = location(pc);
            }
            throw Exhausted.INSTANCE;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onReturn()
    {
        if (depth > 0)
        {
            frames[--depth] = null;
        }
    }

    /**
     * {@inheritDoc}
     */
    public String traceback(final int level)
    {
        return "";
    }

    private void push(final LuaFunction f)
    {
        if (depth >= MAX_CALL_DEPTH)
        {
            // Thrown before the callee's frame is entered, so no onReturn pairs with it.
            throw new LuaError("stack overflow (more than " + MAX_CALL_DEPTH + " nested calls)");
        }
        frames[depth++] = f;
    }

    private String location(final int pc)
    {
        if (depth > 0 && frames[depth - 1] instanceof LuaClosure closure)
        {
            final Prototype p = closure.p;
            final String source = null == p.source ? "?" : p.source.tojstring();
            final int line = null != p.lineinfo && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : -1;
            return line > 0 ? source + ":" + line : source;
        }
        return "?";
    }

    /**
     * Thrown at every instruction once the budget is spent. An {@link Error}, so {@code pcall} does not catch it;
     * shared and stackless, so throwing it allocates nothing.
     */
    static final class Exhausted extends Error
    {
        private static final long serialVersionUID = 1L;

        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted()
        {
            super("Lua instruction budget exhausted", null, false, false);
        }
    }
}
