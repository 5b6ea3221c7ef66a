package io.asobi.match.lua;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.EntityIds;
import io.asobi.ecs.Field;
import io.asobi.ecs.QueryCursor;
import io.asobi.ecs.World;
import io.asobi.world.Position;
import io.asobi.world.WorldContext;
import io.asobi.world.WorldLogic;
import io.asobi.world.ZoneContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link WorldLogic} of a Lua world script (asobi-spec §5.3): one sandboxed VM per world. Entities are Lua
 * tables keyed by id, with reserved {@code x}, {@code y}, {@code type} and the script's {@code wire_fields} (copied
 * into the zone ECS after each callback, so deltas carry exactly the changed ones); other fields stay in Lua.
 * <p>
 * Callbacks: {@code init(config)}, {@code join(player_id, state[, ctx])}, {@code leave}, {@code spawn_position},
 * {@code zone_tick(entities, zone_state)}, {@code handle_input(player_id, input, entities)},
 * {@code post_tick(tick, state)} (once per world step; {@code state._finished = true} ends the world with
 * {@code state._result}), {@code spawn_templates(config)}, {@code generate_world(seed, config)},
 * {@code on_zone_loaded(cx, cy, state)}. An entity removed from the returned entities table is despawned (players
 * cannot be); a new id added to it with a table value is spawned. A failing callback is logged (rate limited) and
 * its result discarded. {@code game.terrain.*} reads and edits the world's terrain ({@link LuaTerrain}).
 * <p>
 * Snapshots ({@link #snapshot}, {@link #restore}): the world state table, the zone state tables, the Lua tables of
 * the entities and the {@code math.random} state, in one {@link LuaStateCodec} snapshot of the table
 * {@code {state=, zones={["x,y"]=}, entities={[id]=}}} (zones and entities in sorted order, so equal worlds give
 * equal bytes). Module-level variables are not part of it.
 */
final class LuaWorldLogic implements WorldLogic
{
    private static final LuaValue X = LuaValue.valueOf("x");
    private static final LuaValue Y = LuaValue.valueOf("y");
    private static final LuaValue TYPE = LuaValue.valueOf("type");
    private static final LuaValue F_INIT = LuaValue.valueOf("init");
    private static final LuaValue F_JOIN = LuaValue.valueOf("join");
    private static final LuaValue F_LEAVE = LuaValue.valueOf("leave");
    private static final LuaValue F_SPAWN_POSITION = LuaValue.valueOf("spawn_position");
    private static final LuaValue F_ZONE_TICK = LuaValue.valueOf("zone_tick");
    private static final LuaValue F_HANDLE_INPUT = LuaValue.valueOf("handle_input");
    private static final LuaValue F_SPAWN_TEMPLATES = LuaValue.valueOf("spawn_templates");
    private static final LuaValue F_GENERATE_WORLD = LuaValue.valueOf("generate_world");
    private static final LuaValue F_ON_ZONE_LOADED = LuaValue.valueOf("on_zone_loaded");
    private static final LuaValue F_POST_TICK = LuaValue.valueOf("post_tick");
    private static final LuaString FINISHED = LuaValue.valueOf("_finished");
    private static final LuaString RESULT = LuaValue.valueOf("_result");
    private static final LuaString S_STATE = LuaValue.valueOf("state");
    private static final LuaString S_ZONES = LuaValue.valueOf("zones");
    private static final LuaString S_ENTITIES = LuaValue.valueOf("entities");

    private final String modeName;
    private final ScriptRuntime runtime;
    private final Path script;
    private final Class<? extends Record> wireClass;
    private final List<WireRecords.WireField> wireFields;
    private final LuaValue[] wireKeys;
    private final HashMap<String, LuaTable> entities = new HashMap<>();
    private final HashMap<Long, LuaValue> zoneStates = new HashMap<>();
    private final HashSet<String> despawned = new HashSet<>();
    private final ArrayList<String> idsScratch = new ArrayList<>();
    private ScriptLog log;
    private WorldContext world;
    private LuaVm vm;
    private LuaTable configTable;
    private LuaValue state = new LuaTable();
    private LuaValue templates = new LuaTable();
    private LuaTable currentEntities;
    /** The zone whose inputs are being applied, and the entity table they pass along (one per zone step). */
    private ZoneContext inputZone;
    private LuaTable inputEntities;
    private long nextReloadCheckNs;
    private final LuaStateCodec codec = new LuaStateCodec();
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(4096);
    long reloads;
    long failures;

    LuaWorldLogic(
        final String modeName,
        final ScriptRuntime runtime,
        final Path script,
        final Class<? extends Record> wireClass,
        final List<WireRecords.WireField> wireFields)
    {
        this.modeName = modeName;
        this.runtime = runtime;
        this.script = script;
        this.wireClass = wireClass;
        this.wireFields = wireFields;
        wireKeys = new LuaValue[wireFields.size()];
        for (int i = 0; i < wireKeys.length; i++)
        {
            wireKeys[i] = LuaValue.valueOf(wireFields.get(i).name());
        }
    }

    public List<Class<? extends Record>> wireComponents()
    {
        return null == wireClass ? List.of() : List.of(wireClass);
    }

    public void init(final WorldContext ctx)
    {
        setUp(ctx);
        final LuaValue init = vm.function(F_INIT);
        if (!init.isnil())
        {
            final LuaValue result = vm.invoke(init, configTable).arg1();
            state = result.istable() ? result : new LuaTable();
        }
        final LuaValue generate = vm.function(F_GENERATE_WORLD);
        if (!generate.isnil())
        {
            final LuaValue zones = vm.invoke(generate, LuaValue.varargsOf(
                LuaValue.valueOf(ctx.seed()), configTable)).arg1();
            if (zones.istable())
            {
                final int grid = ctx.config().gridSize();
                for (int zx = 0; zx < grid && zx < 1024; zx++)
                {
                    for (int zy = 0; zy < grid && zy < 1024; zy++)
                    {
                        final LuaValue zoneState = zones.get(zx + "," + zy);
                        if (zoneState.istable())
                        {
                            zoneStates.put(key(zx, zy), zoneState);
                        }
                    }
                }
            }
        }
    }

    /** Build the VM, run the main chunk and load the templates: what init and restore share. */
    private void setUp(final WorldContext ctx)
    {
        world = ctx;
        final GameApi game = new GameApi(runtime, new WorldScriptHost(ctx, runtime.nanoClock()),
            runtime.nanoClock(), "world " + ctx.worldId(), "world.");
        game.table().rawset("match", org.luaj.vm2.LuaValue.NIL); // worlds have no game.match
        final LuaTable zone = new LuaTable();
        zone.rawset("spawn", new Spawn());
        zone.rawset("despawn", new Despawn());
        game.table().rawset("zone", zone);
        game.table().rawset("spatial", LuaSpatial.table(this::currentEntities));
        game.table().rawset("terrain", LuaTerrain.table(ctx.terrain()));
        vm = new LuaVm(runtime, script, ctx.seed(), game);
        game.table().rawset("id", new DeterministicIdFunction());
        log = new ScriptLog(vm.mainName());
        vm.runMain();
        configTable = new LuaTable();
        configTable.rawset("world_id", ctx.worldId());
        configTable.rawset("mode", modeName);
        configTable.rawset("grid_size", ctx.config().gridSize());
        configTable.rawset("zone_size", ctx.config().zoneSize());
        configTable.rawset("view_radius", ctx.config().viewRadius());
        configTable.rawset("tick_rate", ctx.config().tickRateHz());
        loadTemplates();
        nextReloadCheckNs = runtime.nanoClock().nanoTime() + runtime.reloadPollIntervalNs();
    }

    public String join(final String playerId, final ObjectNode joinCtx)
    {
        final LuaValue join = vm.function(F_JOIN);
        if (join.isnil())
        {
            return null;
        }
        final Varargs result;
        try
        {
            result = null == joinCtx ?
                vm.invoke(join, LuaValue.varargsOf(LuaValue.valueOf(playerId), state)) :
                vm.invoke(join, LuaValue.varargsOf(LuaValue.valueOf(playerId), state, LuaJson.fromTree(joinCtx)));
        }
        catch (final LuaScriptException ex)
        {
            failed("join", ex);
            return "internal";
        }
        if (result.arg1().isnil() || !result.arg1().istable())
        {
            final LuaValue reason = result.arg(2);
            return reason.isstring() ? reason.tojstring() : "refused";
        }
        state = result.arg1();
        return null;
    }

    public Position spawnPosition(final String playerId)
    {
        final double center = world.config().gridSize() * world.config().zoneSize() / 2;
        try
        {
            final LuaValue pos = vm.invoke(vm.function(F_SPAWN_POSITION),
                LuaValue.varargsOf(LuaValue.valueOf(playerId), state)).arg1();
            if (pos.istable() && pos.get(X).isnumber() && pos.get(Y).isnumber())
            {
                return new Position(pos.get(X).todouble(), pos.get(Y).todouble());
            }
        }
        catch (final LuaScriptException ex)
        {
            failed("spawn_position", ex);
        }
        return new Position(center, center);
    }

    public void playerSpawned(final ZoneContext zone, final int entity, final String playerId)
    {
        final LuaTable table = new LuaTable();
        table.rawset(X, LuaValue.valueOf(zone.entities().get(entity, zone.positionX())));
        table.rawset(Y, LuaValue.valueOf(zone.entities().get(entity, zone.positionY())));
        table.rawset(TYPE, LuaValue.valueOf("player"));
        if (null != wireClass)
        {
            zone.entities().add(entity, zone.entities().component(wireClass));
        }
        entities.put(playerId, table);
    }

    public void leave(final String playerId)
    {
        entities.remove(playerId);
        final LuaValue leave = vm.function(F_LEAVE);
        if (leave.isnil())
        {
            return;
        }
        try
        {
            final LuaValue result = vm.invoke(leave, LuaValue.varargsOf(LuaValue.valueOf(playerId), state)).arg1();
            if (result.istable())
            {
                state = result;
            }
        }
        catch (final LuaScriptException ex)
        {
            failed("leave", ex);
        }
    }

    public void handleInput(
        final ZoneContext zone, final int entity, final String playerId, final byte[] json, final int offset,
        final int length)
    {
        final LuaTable input;
        try
        {
            input = LuaJson.decodeObject(json, offset, length);
        }
        catch (final RuntimeException ex)
        {
            return;
        }
        if (zone == inputZone)
        {
            // inside the zone's input phase: the table goes from one handle_input to the next and is applied once
            try
            {
                final LuaValue result = vm.invoke(vm.function(F_HANDLE_INPUT),
                    LuaValue.varargsOf(LuaValue.valueOf(playerId), input, inputEntities)).arg1();
                if (result.istable())
                {
                    inputEntities = (LuaTable)result;
                    currentEntities = inputEntities;
                }
            }
            catch (final LuaScriptException ex)
            {
                failed("handle_input", ex);
            }
            return;
        }
        final LuaTable before = zoneEntities(zone);
        beginCallback(zone, before);
        try
        {
            final Varargs result = vm.invoke(vm.function(F_HANDLE_INPUT),
                LuaValue.varargsOf(LuaValue.valueOf(playerId), input, before));
            apply(zone, result.arg1());
        }
        catch (final LuaScriptException ex)
        {
            failed("handle_input", ex);
        }
        finally
        {
            endCallback();
        }
    }

    /**
     * The zone's entity table is built once for all of its inputs of the step (each {@code handle_input} gets the
     * table the previous one returned) and applied once in {@link #endInputs}.
     */
    public void beginInputs(final ZoneContext zone)
    {
        inputEntities = zoneEntities(zone);
        inputZone = zone;
        beginCallback(zone, inputEntities);
    }

    public void endInputs(final ZoneContext zone)
    {
        if (zone != inputZone)
        {
            return;
        }
        try
        {
            apply(zone, inputEntities);
        }
        finally
        {
            inputZone = null;
            inputEntities = null;
            endCallback();
        }
    }

    public void zoneTick(final ZoneContext zone, final long tick)
    {
        maybeReload();
        final long zoneKey = key(zone.zoneX(), zone.zoneY());
        LuaValue zoneState = zoneStates.get(zoneKey);
        if (null == zoneState)
        {
            zoneState = loadZone(zone);
            zoneStates.put(zoneKey, zoneState);
        }
        final LuaValue zoneTick = vm.function(F_ZONE_TICK);
        if (zoneTick.isnil())
        {
            return;
        }
        final LuaTable before = zoneEntities(zone);
        beginCallback(zone, before);
        try
        {
            final Varargs result = vm.invoke(zoneTick, LuaValue.varargsOf(before, zoneState));
            if (result.arg(2).istable())
            {
                zoneStates.put(zoneKey, result.arg(2));
            }
            apply(zone, result.arg1());
        }
        catch (final LuaScriptException ex)
        {
            failed("zone_tick", ex);
        }
        finally
        {
            endCallback();
        }
    }

    public void postTick(final long tick)
    {
        if (null == vm)
        {
            return;
        }
        final LuaValue postTick = vm.function(F_POST_TICK);
        if (postTick.isnil())
        {
            return;
        }
        final LuaValue result;
        try
        {
            result = vm.invoke(postTick, LuaValue.varargsOf(LuaValue.valueOf(tick), state)).arg1();
        }
        catch (final LuaScriptException ex)
        {
            failed("post_tick", ex);
            return;
        }
        if (!result.istable())
        {
            return;
        }
        state = result;
        if (!result.rawget(FINISHED).toboolean())
        {
            return;
        }
        ObjectNode finished = JsonNodeFactory.instance.objectNode();
        final LuaValue resultTable = result.rawget(RESULT);
        if (resultTable.istable())
        {
            try
            {
                finished = LuaJson.toObjectNode(resultTable);
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                failures++;
                log.callbackFailed("post_tick", world.worldId(),
                    vm.mainName() + ": state._result cannot be sent: " + ex.getMessage(),
                    runtime.nanoClock().nanoTime());
            }
        }
        world.finish(finished);
    }

    /**
     * {@inheritDoc}
     * <p>
     * The world state, zone states, entity tables and {@code math.random} state (see the class comment).
     *
     * @throws IllegalStateException if the state holds a value a snapshot cannot hold (functions, userdata,
     *                               metatables, boolean or table keys...), naming its path.
     */
    public byte[] snapshot()
    {
        if (null == vm)
        {
            throw new IllegalStateException("world not started");
        }
        final LuaTable zones = new LuaTable();
        final TreeMap<Long, LuaValue> sortedZones = new TreeMap<>(zoneStates);
        for (final Map.Entry<Long, LuaValue> zone : sortedZones.entrySet())
        {
            zones.rawset(zoneName(zone.getKey()), zone.getValue());
        }
        final LuaTable entityTables = new LuaTable();
        for (final Map.Entry<String, LuaTable> entity : new TreeMap<>(entities).entrySet())
        {
            entityTables.rawset(LuaJson.luaString(entity.getKey()), entity.getValue());
        }
        final LuaTable root = new LuaTable();
        root.rawset(S_STATE, state);
        root.rawset(S_ZONES, zones);
        root.rawset(S_ENTITIES, entityTables);
        final int length = codec.encode(vm.random().state(), root, snapshotBuffer, 0);
        if (length < 0)
        {
            throw new IllegalStateException("world script state cannot be snapshotted: " + codec.failure());
        }
        final byte[] bytes = new byte[length];
        snapshotBuffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Builds the VM and runs the main chunk and {@code spawn_templates} as {@link #init} does, but neither
     * {@code init} nor {@code generate_world}: the states, entity tables and {@code math.random} state come from
     * the snapshot.
     *
     * @throws IllegalArgumentException if the bytes are not a world script snapshot; checked before the VM is built.
     * @throws IllegalStateException    if this world was already started.
     */
    public void restore(final WorldContext ctx, final byte[] bytes)
    {
        if (null != vm)
        {
            throw new IllegalStateException("restore replaces init: this world has already started");
        }
        if (null == bytes)
        {
            throw new IllegalArgumentException("world script snapshot is null");
        }
        final LuaStateCodec.Decoded decoded = LuaStateCodec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
        final LuaTable root = decoded.state();
        final LuaValue restoredState = root.rawget(S_STATE);
        final LuaValue zones = root.rawget(S_ZONES);
        final LuaValue entityTables = root.rawget(S_ENTITIES);
        if (!restoredState.istable() || !zones.istable() || !entityTables.istable())
        {
            throw new IllegalArgumentException("not a world script snapshot: state, zones and entities tables expected");
        }
        final int grid = ctx.config().gridSize();
        final HashMap<Long, LuaValue> restoredZones = new HashMap<>();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = zones.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            final long zoneKey = parseZone(k, grid);
            if (!next.arg(2).istable())
            {
                throw new IllegalArgumentException("zone state " + k.tojstring() + " is not a table");
            }
            restoredZones.put(zoneKey, next.arg(2));
        }
        final HashMap<String, LuaTable> restoredEntities = new HashMap<>();
        k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = entityTables.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            if (!(k instanceof LuaString) || !next.arg(2).istable() || k.tojstring().isEmpty() ||
                k.tojstring().length() > ZoneContext.MAX_ID_LENGTH)
            {
                throw new IllegalArgumentException("entity " + k.tojstring() + " is not an id with a table");
            }
            restoredEntities.put(k.tojstring(), (LuaTable)next.arg(2));
        }
        setUp(ctx);
        vm.random().state(decoded.randomState());
        state = restoredState;
        zoneStates.clear();
        zoneStates.putAll(restoredZones);
        entities.clear();
        entities.putAll(restoredEntities);
    }

    public void close()
    {
        entities.clear();
        zoneStates.clear();
    }

    LuaValue state()
    {
        return state;
    }

    private static LuaString zoneName(final long zoneKey)
    {
        return LuaValue.valueOf((int)(zoneKey >> 32) + "," + (int)zoneKey);
    }

    private static long parseZone(final LuaValue name, final int grid)
    {
        final String text = name.isstring() && !name.isnumber() ? name.tojstring() : "";
        final int comma = text.indexOf(',');
        try
        {
            final int zx = Integer.parseInt(text.substring(0, Math.max(0, comma)));
            final int zy = Integer.parseInt(text.substring(comma + 1));
            if (zx >= 0 && zy >= 0 && zx < grid && zy < grid && text.equals(zx + "," + zy))
            {
                return key(zx, zy);
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new IllegalArgumentException("zone name " + name.tojstring() + " is not \"x,y\" inside the grid");
    }

    /**
     * The Lua entity table of an id, for tests.
     *
     * @param id entity id.
     * @return the table, or null.
     */
    LuaTable entity(final String id)
    {
        return entities.get(id);
    }

    int entityCount()
    {
        return entities.size();
    }

    private LuaValue loadZone(final ZoneContext zone)
    {
        final LuaValue loaded = vm.function(F_ON_ZONE_LOADED);
        if (loaded.isnil())
        {
            return new LuaTable();
        }
        try
        {
            final Varargs result = vm.invoke(loaded, LuaValue.varargsOf(
                LuaValue.valueOf(zone.zoneX()), LuaValue.valueOf(zone.zoneY()), state));
            if (result.arg(2).istable())
            {
                state = result.arg(2);
            }
            return result.arg1().istable() ? result.arg1() : new LuaTable();
        }
        catch (final LuaScriptException ex)
        {
            failed("on_zone_loaded", ex);
            return new LuaTable();
        }
    }

    private void loadTemplates()
    {
        final LuaValue function = vm.function(F_SPAWN_TEMPLATES);
        if (function.isnil())
        {
            return;
        }
        final LuaValue result = vm.invoke(function, configTable).arg1();
        if (result.istable())
        {
            templates = result;
        }
    }

    private void maybeReload()
    {
        if (!runtime.reloadEnabled())
        {
            return;
        }
        final long nowNs = runtime.nanoClock().nanoTime();
        if (nowNs - nextReloadCheckNs < 0)
        {
            return;
        }
        nextReloadCheckNs = nowNs + runtime.reloadPollIntervalNs();
        final LuaVm.ReloadResult result = vm.reloadIfChanged();
        if (null != result.failure())
        {
            failures++;
            log.reloadFailed(world.worldId(), result.failure().getMessage(), nowNs);
        }
        else if (result.reloaded())
        {
            reloads++;
            log.reloaded(world.worldId(), nowNs);
            try
            {
                loadTemplates();
            }
            catch (final LuaScriptException ex)
            {
                failed("spawn_templates", ex);
            }
        }
    }

    private LuaTable zoneEntities(final ZoneContext zone)
    {
        final LuaTable table = new LuaTable();
        final World ecs = zone.entities();
        idsScratch.clear();
        try (QueryCursor cursor = ecs.query().with(zone.position()).build().cursor().reset())
        {
            while (cursor.next())
            {
                idsScratch.add(zone.idOf(cursor.entity()));
            }
        }
        for (final String id : idsScratch)
        {
            final int e = zone.entity(id);
            LuaTable entity = entities.get(id);
            if (null == entity)
            {
                entity = new LuaTable();
                entity.rawset(TYPE, LuaValue.valueOf(zone.typeOf(e)));
                entities.put(id, entity);
            }
            entity.rawset(X, LuaValue.valueOf(ecs.get(e, zone.positionX())));
            entity.rawset(Y, LuaValue.valueOf(ecs.get(e, zone.positionY())));
            table.rawset(id, entity);
        }
        return table;
    }

    private void beginCallback(final ZoneContext zone, final LuaTable before)
    {
        currentEntities = before;
        despawned.clear();
    }

    private void endCallback()
    {
        currentEntities = null;
        despawned.clear();
    }

    private LuaTable currentEntities()
    {
        return currentEntities;
    }

    /** Write the returned entities back: changed positions and wire fields, removals and additions. */
    private void apply(final ZoneContext zone, final LuaValue returned)
    {
        if (!returned.istable())
        {
            return;
        }
        final ArrayList<String> ids = new ArrayList<>(idsScratch);
        for (final String id : ids)
        {
            if (despawned.contains(id))
            {
                continue;
            }
            final int e = zone.entity(id);
            if (EntityIds.NULL == e)
            {
                continue;
            }
            final LuaValue value = returned.get(id);
            if (value.istable())
            {
                entities.put(id, (LuaTable)value);
                write(zone, e, (LuaTable)value);
            }
            else if (!"player".equals(zone.typeOf(e)))
            {
                zone.destroy(id);
                entities.remove(id);
            }
        }
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = returned.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            if (!k.isstring() || !next.arg(2).istable())
            {
                continue;
            }
            final String id = k.tojstring();
            if (!entities.containsKey(id) && !despawned.contains(id))
            {
                spawn(id, (LuaTable)next.arg(2));
            }
        }
    }

    private boolean spawn(final String id, final LuaTable entity)
    {
        final double x = entity.get(X).optdouble(0);
        final double y = entity.get(Y).optdouble(0);
        final LuaValue type = entity.get(TYPE);
        final String typeName = type.isstring() ? type.tojstring() : "npc";
        if ("player".equals(typeName) || id.isEmpty() || id.length() > ZoneContext.MAX_ID_LENGTH)
        {
            return false;
        }
        final ZoneContext zone = world.zoneAt(x, y);
        if (null == zone)
        {
            return false;
        }
        final int e;
        try
        {
            e = zone.spawn(id, typeName, x, y);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return false;
        }
        entity.rawset(X, LuaValue.valueOf(x));
        entity.rawset(Y, LuaValue.valueOf(y));
        entity.rawset(TYPE, LuaValue.valueOf(typeName));
        if (null != wireClass)
        {
            zone.entities().add(e, zone.entities().component(wireClass));
        }
        entities.put(id, entity);
        write(zone, e, entity);
        if (zone == inputZone)
        {
            // seen by the next handle_input of the phase, and removed if the table it ends with lacks it
            inputEntities.rawset(id, entity);
            idsScratch.add(id);
        }
        return true;
    }

    private void write(final ZoneContext zone, final int e, final LuaTable entity)
    {
        final World ecs = zone.entities();
        final LuaValue x = entity.get(X);
        final LuaValue y = entity.get(Y);
        if (x.isnumber() && ecs.get(e, zone.positionX()) != x.todouble())
        {
            ecs.set(e, zone.positionX(), x.todouble());
        }
        if (y.isnumber() && ecs.get(e, zone.positionY()) != y.todouble())
        {
            ecs.set(e, zone.positionY(), y.todouble());
        }
        if (null == wireClass)
        {
            return;
        }
        final List<Field> fields = ecs.component(wireClass).fields();
        for (int i = 0; i < wireKeys.length; i++)
        {
            final LuaValue v = entity.get(wireKeys[i]);
            final long bits = switch (wireFields.get(i).kind())
            {
                case INT -> v.isnumber() ? (long)(int)v.todouble() : 0L;
                case NUMBER -> Double.doubleToRawLongBits(v.isnumber() ? v.todouble() : 0.0);
                case BOOLEAN -> v.toboolean() ? 1L : 0L;
            };
            final Field field = fields.get(i);
            if (ecs.getBits(e, field) != bits)
            {
                ecs.setBits(e, field, bits);
            }
        }
    }

    private ZoneContext owningZone(final String id, final LuaTable entity)
    {
        final ZoneContext guess = world.zoneAt(entity.get(X).optdouble(0), entity.get(Y).optdouble(0));
        if (null == guess)
        {
            return null;
        }
        if (EntityIds.NULL != guess.entity(id))
        {
            return guess;
        }
        final int grid = world.config().gridSize();
        for (int dx = -1; dx <= 1; dx++)
        {
            for (int dy = -1; dy <= 1; dy++)
            {
                final int zx = guess.zoneX() + dx;
                final int zy = guess.zoneY() + dy;
                if ((0 != dx || 0 != dy) && zx >= 0 && zy >= 0 && zx < grid && zy < grid)
                {
                    final ZoneContext zone = world.zone(zx, zy);
                    if (null != zone && EntityIds.NULL != zone.entity(id))
                    {
                        return zone;
                    }
                }
            }
        }
        return null;
    }

    private void failed(final String callback, final LuaScriptException ex)
    {
        failures++;
        log.callbackFailed(callback, null == world ? null : world.worldId(), ex.getMessage(),
            runtime.nanoClock().nanoTime());
    }

    private static long key(final int zoneX, final int zoneY)
    {
        return ((long)zoneX << 32) | (zoneY & 0xFFFF_FFFFL);
    }

    private static LuaTable deepCopy(final LuaTable from, final int depth)
    {
        final LuaTable to = new LuaTable();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = from.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                return to;
            }
            final LuaValue v = next.arg(2);
            to.rawset(k, v.istable() && depth < LuaJson.MAX_DEPTH ? deepCopy((LuaTable)v, depth + 1) : v);
        }
    }

    /** {@code game.zone.spawn(template, x, y[, overrides])} → true/false. */
    private final class Spawn extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (args.narg() < 3 || !args.arg1().isstring() || !args.arg(2).isnumber() || !args.arg(3).isnumber() ||
                (args.narg() > 3 && !args.arg(4).isnil() && !args.arg(4).istable()))
            {
                return GameApi.errorTable("game.zone.spawn: expected (template, x, y[, overrides])");
            }
            final LuaValue template = templates.get(args.arg1());
            if (!template.istable())
            {
                return LuaValue.FALSE;
            }
            final LuaValue base = template.get("base_state");
            final LuaTable entity = base.istable() ? deepCopy((LuaTable)base, 0) : new LuaTable();
            if (args.arg(4).istable())
            {
                final LuaTable overrides = deepCopy((LuaTable)args.arg(4), 0);
                LuaValue k = LuaValue.NIL;
                while (true)
                {
                    final Varargs next = overrides.next(k);
                    k = next.arg1();
                    if (k.isnil())
                    {
                        break;
                    }
                    entity.rawset(k, next.arg(2));
                }
            }
            final LuaValue type = template.get(TYPE);
            entity.rawset(TYPE, type.isstring() ? type : LuaValue.valueOf("npc"));
            entity.rawset(X, LuaValue.valueOf(args.arg(2).todouble()));
            entity.rawset(Y, LuaValue.valueOf(args.arg(3).todouble()));
            final String id = nextId();
            entity.rawset("id", id);
            return LuaValue.valueOf(spawn(id, entity));
        }
    }

    /**
     * A UUID (version 7 layout) drawn from the world's seeded generator, the one behind {@code math.random}: ids of
     * spawned entities and {@code game.id()} must be the same when a journaled world is re-simulated, so they cannot
     * come from the clock. Snapshots keep the generator's state.
     */
    private String nextId()
    {
        final DeterministicRandom random = vm.random();
        final long high = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x7000L;
        final long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new java.util.UUID(high, low).toString();
    }

    /** {@code game.id()} in world scripts: {@link #nextId()}. */
    private final class DeterministicIdFunction extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (0 != args.narg())
            {
                final LuaTable error = new LuaTable();
                error.rawset("error", "game.id: expected no arguments");
                return error;
            }
            return LuaValue.valueOf(nextId());
        }
    }

    /** {@code game.zone.despawn(id)} → true/false. */
    private final class Despawn extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (1 != args.narg() || !args.arg1().isstring())
            {
                return GameApi.errorTable("game.zone.despawn: expected (id)");
            }
            final String id = args.arg1().tojstring();
            final LuaTable entity = entities.get(id);
            if (null == entity || "player".equals(entity.get(TYPE).optjstring("")))
            {
                return LuaValue.FALSE;
            }
            final ZoneContext zone = owningZone(id, entity);
            if (null == zone || !zone.destroy(id))
            {
                return LuaValue.FALSE;
            }
            entities.remove(id);
            despawned.add(id);
            if (null != currentEntities)
            {
                currentEntities.rawset(id, LuaValue.NIL);
            }
            return LuaValue.TRUE;
        }
    }
}
