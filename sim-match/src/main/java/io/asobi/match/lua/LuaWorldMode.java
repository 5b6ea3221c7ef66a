package io.asobi.match.lua;

import io.asobi.world.WorldConfig;
import io.asobi.world.WorldLogic;
import io.asobi.world.WorldMode;
import io.asobi.world.WorldTerrain;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A world mode from a Lua script declaring {@code game_type = "world"} (asobi-spec §5.3): its shape read from the
 * mode globals, its wire fields from {@code wire_fields}, and a {@link LuaWorldLogic} with its own VM per world.
 * <p>
 * An optional {@code terrain} global gives the world a terrain streamed as {@code world.terrain}:
 * {@code { kind = "noise", seed = 7 }} or {@code { kind = "flat", tile = 3, elevation = 0 }}, each with optional
 * {@code radius_chunks} (default: the view ring's extent) and {@code chunks_per_tick} (default 4).
 * <p>
 * An optional {@code terrain_provider(config)} callback overrides that global: it is called once when the mode
 * loads, with {@code {mode=, grid_size=, zone_size=, view_radius=, tick_rate=}}, and returns
 * {@code {module = "noise"|"flat", args = {...}}} ({@code kind} is accepted for {@code module}; noise args:
 * {@code seed}; flat args: {@code tile}, {@code elevation}; both: {@code radius_chunks}, {@code chunks_per_tick}),
 * or nil / {@code "none"} for no terrain. An answer that names no allow-listed provider or has invalid args, or a
 * failing call, makes every world start of the mode fail ({@code world_start_failed}) with the reason logged.
 */
final class LuaWorldMode implements WorldMode
{
    private static final Set<String> RESERVED = Set.of("id", "op", "x", "y", "type");
    private static final LuaValue F_TERRAIN_PROVIDER = LuaValue.valueOf("terrain_provider");

    private final String name;
    private final ScriptRuntime runtime;
    private final Path script;
    private final WorldConfig config;
    private final List<WireRecords.WireField> wireFields;
    private final Class<? extends Record> wireClass;
    private final String startProblem;

    private LuaWorldMode(
        final String name,
        final ScriptRuntime runtime,
        final Path script,
        final WorldConfig config,
        final List<WireRecords.WireField> wireFields,
        final String startProblem)
    {
        this.startProblem = startProblem;
        this.name = name;
        this.runtime = runtime;
        this.script = script;
        this.config = config;
        this.wireFields = wireFields;
        this.wireClass = wireFields.isEmpty() ? null : WireRecords.define(wireFields);
    }

    /**
     * Load a world mode: run the script once in a probe VM and read its globals.
     *
     * @param name    mode name.
     * @param runtime shared services.
     * @param script  resolved script path.
     * @return the mode, or null if the script is not a world script.
     * @throws LuaScriptException if the script fails or a global is invalid.
     */
    static LuaWorldMode load(final String name, final ScriptRuntime runtime, final Path script)
    {
        final GameApi game = new GameApi(runtime, null, runtime.nanoClock(), "world mode " + name + " (loading)");
        final LuaVm vm = new LuaVm(runtime, script, 0L, game);
        vm.runMain();
        final LuaTable g = vm.globals();
        final String scriptName = vm.mainName();
        if (!ModeGlobals.isWorld(g, scriptName))
        {
            return null;
        }
        if (g.rawget("match_size").isnil())
        {
            throw invalid(scriptName, "global match_size is required (a positive integer)");
        }
        final int matchSize = integer(g, "match_size", 1, Integer.MAX_VALUE, 1, scriptName);
        final WorldConfig defaults = WorldConfig.defaults(name);
        final WorldConfig config = defaults
            .withGrid(
                integer(g, "grid_size", 1, WorldConfig.MAX_GRID_SIZE, defaults.gridSize(), scriptName),
                number(g, "zone_size", defaults.zoneSize(), scriptName),
                integer(g, "view_radius", 0, WorldConfig.MAX_VIEW_RADIUS, defaults.viewRadius(), scriptName))
            .withRates(
                integer(g, "tick_rate", 1, 60, defaults.tickRateHz(), scriptName),
                integer(g, "broadcast_interval", 1, WorldConfig.MAX_BROADCAST_INTERVAL, defaults.broadcastInterval(),
                    scriptName))
            .withMaxPlayers(integer(g, "max_players", 1, Integer.MAX_VALUE, matchSize, scriptName))
            .withLifecycle(
                integer(g, "player_ttl_ms", -1, Integer.MAX_VALUE, 0, scriptName),
                integer(g, "empty_grace_ms", 0, Integer.MAX_VALUE, 0, scriptName),
                bool(g, "persistent", false, scriptName))
            .withDiscovery(bool(g, "listed", false, scriptName), bool(g, "quick_play", false, scriptName))
            .withTerrain(terrain(g, scriptName));
        final String problem = config.problem();
        if (null != problem)
        {
            throw invalid(scriptName, problem);
        }
        WorldConfig started = config;
        String startProblem = null;
        final LuaValue provider = vm.function(F_TERRAIN_PROVIDER);
        if (!provider.isnil())
        {
            try
            {
                final WorldTerrain chosen = terrainProvider(vm.invoke(provider, providerConfig(name, config)).arg1());
                started = config.withTerrain(chosen);
                startProblem = started.problem();
            }
            catch (final LuaScriptException ex)
            {
                startProblem = "terrain_provider failed: " + ex.getMessage();
            }
            catch (final IllegalArgumentException ex)
            {
                startProblem = "terrain_provider: " + ex.getMessage();
            }
            if (null != startProblem)
            {
                startProblem = scriptName + ": " + startProblem;
            }
        }
        for (final String required : List.of("spawn_position", "handle_input"))
        {
            if (vm.function(LuaValue.valueOf(required)).isnil())
            {
                throw invalid(scriptName, "required function " + required + " is not defined");
            }
        }
        return new LuaWorldMode(name, runtime, script, started, wireFields(g, scriptName), startProblem);
    }

    public WorldConfig config()
    {
        return config;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException naming the reason if {@code terrain_provider} gave no usable answer.
     */
    public WorldLogic newWorld()
    {
        if (null != startProblem)
        {
            throw new IllegalStateException(startProblem);
        }
        return new LuaWorldLogic(name, runtime, script, wireClass, wireFields);
    }

    /**
     * Why worlds of this mode cannot start.
     *
     * @return the reason, or null if they can.
     */
    String startProblem()
    {
        return startProblem;
    }

    private static LuaTable providerConfig(final String name, final WorldConfig config)
    {
        final LuaTable table = new LuaTable();
        table.rawset("mode", name);
        table.rawset("grid_size", config.gridSize());
        table.rawset("zone_size", config.zoneSize());
        table.rawset("view_radius", config.viewRadius());
        table.rawset("tick_rate", config.tickRateHz());
        return table;
    }

    /**
     * The terrain a {@code terrain_provider} answer selects.
     *
     * @param answer the callback's result.
     * @return the terrain, or null for none.
     * @throws IllegalArgumentException naming what is wrong with the answer.
     */
    static WorldTerrain terrainProvider(final LuaValue answer)
    {
        if (answer.isnil() || answer.isstring() && !answer.isnumber() && "none".equals(answer.tojstring()))
        {
            return null;
        }
        if (!answer.istable())
        {
            throw new IllegalArgumentException("expected {module = \"noise\"|\"flat\", args = {...}} or nil, got " +
                answer.typename());
        }
        final LuaTable t = (LuaTable)answer;
        LuaValue module = t.rawget("module");
        if (module.isnil())
        {
            module = t.rawget("kind");
        }
        final LuaValue argsValue = t.rawget("args");
        if (!argsValue.isnil() && !argsValue.istable())
        {
            throw new IllegalArgumentException("args must be a table, got " + argsValue.typename());
        }
        final LuaTable args = argsValue.istable() ? (LuaTable)argsValue : new LuaTable();
        final String moduleName = module.isstring() && !module.isnumber() ? module.tojstring() : null;
        final WorldTerrain base;
        if (WorldTerrain.NOISE.equals(moduleName))
        {
            final LuaValue seed = args.rawget("seed");
            if (!seed.isnil() && (!(seed instanceof org.luaj.vm2.LuaNumber) ||
                seed.todouble() != Math.floor(seed.todouble()) || Math.abs(seed.todouble()) > 0x1p53))
            {
                throw new IllegalArgumentException("args.seed must be an integer, got " + seed.tojstring());
            }
            base = WorldTerrain.noise(seed.isnil() ? 0 : seed.tolong());
        }
        else if (WorldTerrain.FLAT.equals(moduleName))
        {
            base = WorldTerrain.flat(
                providerArg(args, "tile", 0, io.asobi.terrain.Chunk.MAX_TILE_ID, io.asobi.terrain.Tiles.GRASS),
                providerArg(args, "elevation", 0, 255, 0));
        }
        else
        {
            throw new IllegalArgumentException("module must be \"noise\" or \"flat\" (the allow-listed providers), got " +
                module.tojstring());
        }
        return base.withStreaming(
            providerArg(args, "radius_chunks", 0, io.asobi.terrain.ViewerStream.MAX_RADIUS_CHUNKS,
                WorldTerrain.DEFAULT_RADIUS),
            providerArg(args, "chunks_per_tick", 1, WorldTerrain.MAX_CHUNKS_PER_TICK,
                WorldTerrain.DEFAULT_CHUNKS_PER_TICK));
    }

    private static int providerArg(
        final LuaTable args, final String key, final int min, final int max, final int defaultValue)
    {
        final LuaValue v = args.rawget(key);
        if (v.isnil())
        {
            return defaultValue;
        }
        if (!(v instanceof org.luaj.vm2.LuaNumber) || v.todouble() != Math.floor(v.todouble()) ||
            v.todouble() < min || v.todouble() > max)
        {
            throw new IllegalArgumentException("args." + key + " must be an integer in " + min + ".." + max +
                ", got " + v.tojstring());
        }
        return v.toint();
    }

    /**
     * @return the wire fields, in the order they are registered.
     */
    List<WireRecords.WireField> wireFields()
    {
        return wireFields;
    }

    private static List<WireRecords.WireField> wireFields(final LuaTable g, final String script)
    {
        final LuaValue value = g.rawget("wire_fields");
        if (value.isnil())
        {
            return List.of();
        }
        if (!value.istable())
        {
            throw invalid(script, "wire_fields must be a table {name = \"int\"|\"number\"|\"boolean\"}");
        }
        final TreeMap<String, WireRecords.Kind> sorted = new TreeMap<>();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = value.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            final LuaValue v = next.arg(2);
            final String fieldName = k.isstring() && !k.isnumber() ? k.tojstring() : null;
            if (null == fieldName || !WireRecords.NAME.matcher(fieldName).matches() || RESERVED.contains(fieldName))
            {
                throw invalid(script, "wire_fields: invalid or reserved field name " + k.tojstring() +
                    " (lower-case identifiers up to 32 characters; not id, op, x, y, type)");
            }
            final WireRecords.Kind kind = v.isstring() ? WireRecords.Kind.of(v.tojstring()) : null;
            if (null == kind)
            {
                throw invalid(script, "wire_fields." + fieldName + " must be \"int\", \"number\" or \"boolean\"");
            }
            sorted.put(fieldName, kind);
        }
        if (sorted.size() > io.asobi.world.ZoneContext.MAX_WIRE_FIELDS)
        {
            throw invalid(script, "wire_fields: at most " + io.asobi.world.ZoneContext.MAX_WIRE_FIELDS + " fields");
        }
        final ArrayList<WireRecords.WireField> fields = new ArrayList<>();
        sorted.forEach((n, kind) -> fields.add(new WireRecords.WireField(n, kind)));
        return List.copyOf(fields);
    }

    private static WorldTerrain terrain(final LuaTable g, final String script)
    {
        final LuaValue value = g.rawget("terrain");
        if (value.isnil())
        {
            return null;
        }
        if (!value.istable())
        {
            throw invalid(script, "terrain must be a table { kind = \"noise\", seed = n } or " +
                "{ kind = \"flat\", tile = n, elevation = n }");
        }
        final LuaTable t = (LuaTable)value;
        final LuaValue kind = t.rawget("kind");
        final WorldTerrain base;
        if (kind.isstring() && WorldTerrain.NOISE.equals(kind.tojstring()))
        {
            final LuaValue seed = t.rawget("seed");
            if (!(seed instanceof org.luaj.vm2.LuaNumber) || seed.todouble() != Math.floor(seed.todouble()) ||
                Math.abs(seed.todouble()) > 0x1p53)
            {
                throw invalid(script, "terrain.seed must be an integer, got " + seed.tojstring());
            }
            base = WorldTerrain.noise(seed.tolong());
        }
        else if (kind.isstring() && WorldTerrain.FLAT.equals(kind.tojstring()))
        {
            base = WorldTerrain.flat(
                field(t, "tile", 0, io.asobi.terrain.Chunk.MAX_TILE_ID, io.asobi.terrain.Tiles.GRASS, script),
                field(t, "elevation", 0, 255, 0, script));
        }
        else
        {
            throw invalid(script, "terrain.kind must be \"noise\" or \"flat\", got " + kind.tojstring());
        }
        return base.withStreaming(
            field(t, "radius_chunks", 0, io.asobi.terrain.ViewerStream.MAX_RADIUS_CHUNKS, WorldTerrain.DEFAULT_RADIUS,
                script),
            field(t, "chunks_per_tick", 1, WorldTerrain.MAX_CHUNKS_PER_TICK, WorldTerrain.DEFAULT_CHUNKS_PER_TICK,
                script));
    }

    private static int field(
        final LuaTable t, final String key, final int min, final int max, final int defaultValue, final String script)
    {
        final LuaValue v = t.rawget(key);
        if (v.isnil())
        {
            return defaultValue;
        }
        if (!(v instanceof org.luaj.vm2.LuaNumber) || v.todouble() != Math.floor(v.todouble()) ||
            v.todouble() < min || v.todouble() > max)
        {
            throw invalid(script, "terrain." + key + " must be an integer in " + min + ".." + max + ", got " +
                v.tojstring());
        }
        return v.toint();
    }

    private static int integer(
        final LuaTable g, final String key, final int min, final int max, final int defaultValue, final String script)
    {
        final LuaValue v = g.rawget(key);
        if (v.isnil())
        {
            return defaultValue;
        }
        if (!v.isnumber() || v.isstring() && !(v instanceof org.luaj.vm2.LuaNumber) ||
            v.todouble() != Math.floor(v.todouble()) || v.todouble() < min || v.todouble() > max)
        {
            throw invalid(script, "global " + key + " must be an integer in " + min + ".." + max + ", got " +
                v.tojstring());
        }
        return v.toint();
    }

    private static double number(final LuaTable g, final String key, final double defaultValue, final String script)
    {
        final LuaValue v = g.rawget(key);
        if (v.isnil())
        {
            return defaultValue;
        }
        if (!(v instanceof org.luaj.vm2.LuaNumber) || !(v.todouble() > 0) || Double.isInfinite(v.todouble()))
        {
            throw invalid(script, "global " + key + " must be a positive number, got " + v.tojstring());
        }
        return v.todouble();
    }

    private static boolean bool(final LuaTable g, final String key, final boolean defaultValue, final String script)
    {
        final LuaValue v = g.rawget(key);
        if (v.isnil())
        {
            return defaultValue;
        }
        if (!v.isboolean())
        {
            throw invalid(script, "global " + key + " must be a boolean, got " + v.tojstring());
        }
        return v.toboolean();
    }

    private static LuaScriptException invalid(final String script, final String message)
    {
        return new LuaScriptException(script + ": " + message, script, LuaScriptException.UNKNOWN_LINE, null);
    }
}
