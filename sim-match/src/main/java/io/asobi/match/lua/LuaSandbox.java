package io.asobi.match.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.OsLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Builds the {@code Globals} of one Lua VM by hand (never {@code JsePlatform.standardGlobals()}).
 * <p>
 * What a script sees: the base library without {@code load}, {@code loadstring}, {@code dofile}, {@code loadfile},
 * {@code print} and {@code collectgarbage} (which would run a JVM-wide {@code System.gc()}); {@code table};
 * {@code string} without {@code dump} and with {@code string.rep} capped at {@link #MAX_REP_BYTES}; {@code math} with
 * a per-VM deterministic {@code math.random}, {@code math.randomseed} as a no-op (as in Asobi, so a script seeding
 * from {@code os.time()} stays reproducible) and {@code math.sqrt} of a negative number = 0.0 (as in Asobi); and an
 * {@code os} with only {@code clock}, {@code date}, {@code difftime} and {@code time}. There is no {@code io},
 * {@code package}, {@code coroutine}, {@code debug}, {@code luajava} or {@code bit32}.
 * <p>
 * LuaJ keeps the string metatable in a JVM-wide static; here it is a read-only table whose {@code __index} is a
 * read-only string library shared by every VM. Each VM's global {@code string} is its own writable copy, so a script
 * may add {@code string.trim} for itself (callable as {@code string.trim(s)}, not as {@code s:trim()}) and can never
 * change another match's strings.
 * <p>
 * Note that {@code os.time}, {@code os.clock} and {@code os.date} read the wall clock: a script that lets them decide
 * game state gives up replay determinism.
 */
final class LuaSandbox
{
    /** Largest string {@code string.rep} builds. */
    static final int MAX_REP_BYTES = 4 * 1024 * 1024;

    private static final String[] REMOVED_BASE = { "load", "loadstring", "dofile", "loadfile", "print",
        "collectgarbage" };
    private static final String[] KEPT_OS = { "clock", "date", "difftime", "time" };

    private static final LuaTable SHARED_STRING;
    private static final LuaTable STRING_METATABLE;

    static
    {
        final Globals scratch = new Globals();
        scratch.rawset("package", packageWithLoaded());
        final LuaTable string = new StringLib().call(LuaValue.EMPTYSTRING, scratch).checktable();
        string.rawset("dump", LuaValue.NIL);
        string.rawset("rep", new Rep());
        SHARED_STRING = new ReadOnlyLuaTable("string", string);
        final LuaTable metatable = new LuaTable();
        metatable.rawset(LuaValue.INDEX, SHARED_STRING);
        STRING_METATABLE = new ReadOnlyLuaTable("string metatable", metatable);
        LuaString.s_metatable = STRING_METATABLE;
    }

    private LuaSandbox()
    {
    }

    /**
     * A fresh sandboxed VM.
     *
     * @param budget hook counting its instructions; installed as its debug hook.
     * @param random generator behind its {@code math.random}.
     * @return the globals, with no {@code game} or {@code require} yet.
     */
    static Globals newGlobals(final InstructionBudget budget, final DeterministicRandom random)
    {
        // Re-assert the shared string metatable, in case other code in the JVM loaded LuaJ's StringLib.
        LuaString.s_metatable = STRING_METATABLE;

        final Globals globals = new Globals();
        globals.rawset("package", packageWithLoaded()); // the stock libraries register in package.loaded
        globals.load(new BaseLib());
        globals.load(new TableLib());
        globals.load(new JseMathLib());
        globals.load(new OsLib());
        globals.rawset("package", LuaValue.NIL);

        for (final String name : REMOVED_BASE)
        {
            globals.rawset(name, LuaValue.NIL);
        }

        final LuaTable string = new LuaTable();
        copyInto(SHARED_STRING, string);
        globals.rawset("string", string);

        final LuaTable os = globals.rawget("os").checktable();
        final LuaTable reducedOs = new LuaTable();
        for (final String name : KEPT_OS)
        {
            reducedOs.rawset(name, os.rawget(name));
        }
        globals.rawset("os", reducedOs);

        final LuaTable math = globals.rawget("math").checktable();
        math.rawset("random", new Random(random));
        math.rawset("randomseed", new RandomSeed());
        math.rawset("sqrt", new Sqrt());

        globals.debuglib = budget;
        return globals;
    }

    private static LuaTable packageWithLoaded()
    {
        final LuaTable pkg = new LuaTable();
        pkg.rawset("loaded", new LuaTable());
        return pkg;
    }

    private static void copyInto(final LuaTable from, final LuaTable to)
    {
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = from.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                return;
            }
            to.rawset(k, next.arg(2));
        }
    }

    /** {@code math.random([m [, n]])} on the VM's deterministic generator, with Lua 5.2 semantics. */
    static final class Random extends VarArgFunction
    {
        private final DeterministicRandom random;

        Random(final DeterministicRandom random)
        {
            this.random = random;
        }

        public Varargs invoke(final Varargs args)
        {
            switch (args.narg())
            {
                case 0:
                    return LuaValue.valueOf(random.nextDouble());

                case 1:
                {
                    final int m = args.checkint(1);
                    if (m < 1)
                    {
                        throw new LuaError("bad argument #1 to 'random' (interval is empty)");
                    }
                    return LuaValue.valueOf((int)random.nextLong(1, m));
                }

                default:
                {
                    final int m = args.checkint(1);
                    final int n = args.checkint(2);
                    if (m > n)
                    {
                        throw new LuaError("bad argument #2 to 'random' (interval is empty)");
                    }
                    return LuaValue.valueOf((int)random.nextLong(m, n));
                }
            }
        }
    }

    /** {@code math.randomseed(x)}: a no-op, so the match's seed alone decides the sequence. */
    static final class RandomSeed extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            return LuaValue.NONE;
        }
    }

    /** {@code math.sqrt(x)}: 0.0 for a negative {@code x}, as in Asobi. */
    static final class Sqrt extends OneArgFunction
    {
        public LuaValue call(final LuaValue arg)
        {
            final double x = arg.checkdouble();
            return LuaValue.valueOf(x < 0.0 ? 0.0 : Math.sqrt(x));
        }
    }

    /** {@code string.rep(s, n [, sep])} with the result capped at {@link #MAX_REP_BYTES}. */
    static final class Rep extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            final LuaString s = args.checkstring(1);
            final int n = args.checkint(2);
            final LuaString sep = args.optstring(3, LuaValue.EMPTYSTRING);
            if (n <= 0)
            {
                return LuaValue.EMPTYSTRING;
            }
            final long total = (long)s.m_length * n + (long)sep.m_length * (n - 1);
            if (total > MAX_REP_BYTES)
            {
                throw new LuaError("bad argument #2 to 'rep' (result larger than " + MAX_REP_BYTES + " bytes)");
            }
            final byte[] bytes = new byte[(int)total];
            int at = 0;
            for (int i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    System.arraycopy(sep.m_bytes, sep.m_offset, bytes, at, sep.m_length);
                    at += sep.m_length;
                }
                System.arraycopy(s.m_bytes, s.m_offset, bytes, at, s.m_length);
                at += s.m_length;
            }
            return LuaString.valueUsing(bytes);
        }
    }
}
