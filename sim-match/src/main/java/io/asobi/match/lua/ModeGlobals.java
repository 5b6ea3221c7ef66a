package io.asobi.match.lua;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.ModeConfig;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a mode's shape from the globals its script defines (asobi-spec §5.3 "Mode globals") into a
 * {@link ModeConfig}.
 * <p>
 * {@code match_size} is required (a positive integer); {@code max_players} defaults to it and must not be smaller;
 * {@code min_players} defaults to it and is clamped to 1..max_players; {@code strategy} is a string,
 * {@code "skill_based"} or anything else meaning fill; {@code skill_window} (default 100) and
 * {@code skill_expand_rate} (per second, default 10) are non-negative integers; {@code tick_rate} is 1..60 Hz
 * (default 10); {@code state_strategy} is a string, {@code "shared"} meaning one state for all players;
 * {@code listed} and {@code quick_play} are real booleans (default true). A known global of the wrong type or range
 * is an error naming it. Every other global the script defines whose value is a string, number or boolean and whose
 * name does not start with {@code _} goes into {@link ModeConfig#extra()} (which {@code init(config)} receives).
 */
final class ModeGlobals
{
    /** Globals that are read as mode settings and so are not copied to {@code extra}. */
    static final Set<String> MODE_KEYS = Set.of(
        "match_size", "max_players", "min_players", "strategy", "skill_window", "skill_expand_rate", "tick_rate",
        "state_strategy", "listed", "quick_play", "game_type", "type", "bots", "guest_auth", "registration");

    static final int MIN_TICK_RATE_HZ = 1;
    static final int MAX_TICK_RATE_HZ = 60;
    static final int DEFAULT_SKILL_WINDOW = 100;
    static final int DEFAULT_SKILL_EXPAND_PER_SECOND = 10;

    private ModeGlobals()
    {
    }

    /**
     * Whether the script declares a world ({@code game_type = "world"}), which this loader does not serve.
     *
     * @param globals the script's globals after it ran.
     * @param script  script name for the error message.
     * @return true for a world script.
     * @throws LuaScriptException if {@code game_type} is not a string.
     */
    static boolean isWorld(final LuaTable globals, final String script)
    {
        final LuaValue gameType = globals.rawget("game_type");
        if (gameType.isnil())
        {
            return false;
        }
        if (!isString(gameType))
        {
            throw invalid(script, "game_type", "a string", gameType);
        }
        return "world".equals(gameType.tojstring());
    }

    /**
     * Read the mode's shape.
     *
     * @param name     mode name.
     * @param globals  the script's globals after it ran.
     * @param baseline names defined before the script ran (libraries), not copied to {@code extra}.
     * @param script   script name for error messages.
     * @return the shape.
     * @throws LuaScriptException naming the first invalid global.
     */
    static ModeConfig read(final String name, final LuaTable globals, final Set<LuaValue> baseline, final String script)
    {
        final LuaValue matchSizeValue = globals.rawget("match_size");
        if (matchSizeValue.isnil())
        {
            throw new LuaScriptException(script + ": global match_size is required (a positive integer)", script,
                LuaScriptException.UNKNOWN_LINE, null);
        }
        final int matchSize = integer(globals, "match_size", 1, Integer.MAX_VALUE, 0, script);
        final int maxPlayers = integer(globals, "max_players", matchSize, Integer.MAX_VALUE, matchSize, script);
        final int minPlayersRaw = integer(globals, "min_players", Integer.MIN_VALUE, Integer.MAX_VALUE, matchSize,
            script);
        final int minPlayers = Math.max(1, Math.min(maxPlayers, minPlayersRaw));
        final String strategy =
            ModeConfig.SKILL_BASED.equals(string(globals, "strategy", ModeConfig.FILL, script)) ?
            ModeConfig.SKILL_BASED : ModeConfig.FILL;
        final int skillWindow = integer(globals, "skill_window", 0, Integer.MAX_VALUE, DEFAULT_SKILL_WINDOW, script);
        final int skillExpand = integer(
            globals, "skill_expand_rate", 0, Integer.MAX_VALUE, DEFAULT_SKILL_EXPAND_PER_SECOND, script);
        final int tickRateHz = integer(
            globals, "tick_rate", MIN_TICK_RATE_HZ, MAX_TICK_RATE_HZ, ModeConfig.DEFAULT_TICK_RATE_HZ, script);
        final boolean shared = "shared".equals(string(globals, "state_strategy", "", script));
        final boolean listed = bool(globals, "listed", true, script);
        final boolean quickPlay = bool(globals, "quick_play", true, script);

        return new ModeConfig(name, matchSize, minPlayers, maxPlayers, strategy, skillWindow, skillExpand,
            tickRateHz, shared, listed, quickPlay, extra(globals, baseline));
    }

    private static ObjectNode extra(final LuaTable globals, final Set<LuaValue> baseline)
    {
        final TreeMap<String, LuaValue> sorted = new TreeMap<>();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = globals.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            if (!isString(k) || baseline.contains(k))
            {
                continue;
            }
            final String key = LuaJson.javaString(k.checkstring());
            final LuaValue value = next.arg(2);
            if (key.startsWith("_") || MODE_KEYS.contains(key))
            {
                continue;
            }
            if (value.isboolean() || value.type() == LuaValue.TNUMBER || value.type() == LuaValue.TSTRING)
            {
                sorted.put(key, value);
            }
        }
        final ObjectNode extra = JsonNodeFactory.instance.objectNode();
        sorted.forEach((key, value) ->
        {
            switch (value.type())
            {
                case LuaValue.TBOOLEAN -> extra.put(key, value.toboolean());
                case LuaValue.TSTRING -> extra.put(key, LuaJson.javaString(value.checkstring()));
                default ->
                {
                    final double d = value.todouble();
                    if (value.isinttype())
                    {
                        extra.put(key, value.toint());
                    }
                    else if (Double.isFinite(d))
                    {
                        extra.put(key, d);
                    }
                }
            }
        });
        return extra;
    }

    private static int integer(
        final LuaTable globals,
        final String key,
        final int min,
        final int max,
        final int defaultValue,
        final String script)
    {
        final LuaValue value = globals.rawget(key);
        if (value.isnil())
        {
            return defaultValue;
        }
        final String expected = describeRange(min, max);
        if (value.type() != LuaValue.TNUMBER)
        {
            throw invalid(script, key, expected, value);
        }
        final double d = value.todouble();
        if (d != Math.rint(d) || d < min || d > max)
        {
            throw invalid(script, key, expected, value);
        }
        return (int)d;
    }

    private static String describeRange(final int min, final int max)
    {
        if (Integer.MIN_VALUE == min)
        {
            return "an integer";
        }
        if (Integer.MAX_VALUE == max)
        {
            return 0 == min ? "a non-negative integer" : 1 == min ? "a positive integer" : "an integer >= " + min;
        }
        return "an integer in " + min + ".." + max;
    }

    private static String string(final LuaTable globals, final String key, final String defaultValue,
        final String script)
    {
        final LuaValue value = globals.rawget(key);
        if (value.isnil())
        {
            return defaultValue;
        }
        if (!isString(value))
        {
            throw invalid(script, key, "a string", value);
        }
        return value.tojstring();
    }

    private static boolean bool(final LuaTable globals, final String key, final boolean defaultValue,
        final String script)
    {
        final LuaValue value = globals.rawget(key);
        if (value.isnil())
        {
            return defaultValue;
        }
        if (!value.isboolean())
        {
            throw invalid(script, key, "a boolean (true or false)", value);
        }
        return value.toboolean();
    }

    private static boolean isString(final LuaValue value)
    {
        return value.type() == LuaValue.TSTRING;
    }

    private static LuaScriptException invalid(
        final String script, final String key, final String expected, final LuaValue value)
    {
        final String shown = value.type() == LuaValue.TSTRING ? "\"" + value.tojstring() + "\"" :
            value.isnumber() || value.isboolean() ? value.tojstring() : value.typename();
        return new LuaScriptException(script + ": global " + key + " must be " + expected + ", got " + shown, script,
            LuaScriptException.UNKNOWN_LINE, null);
    }
}
