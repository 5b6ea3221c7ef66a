package io.asobi.match.lua;

import io.asobi.match.GameMode;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;
import org.luaj.vm2.LuaValue;

import java.nio.file.Path;

/**
 * A game mode backed by a Lua script: its shape is read from the script's globals by running it in a throw-away VM
 * (a "probe"), and each match gets its own VM ({@link LuaMatchLogic}).
 * <p>
 * <b>Note:</b> {@link #config()} and {@link #newMatch()} are thread safe; {@link #refresh(long)} is called by one
 * thread at a time (the {@link LuaGameModes} watcher).
 */
final class LuaGameMode implements GameMode
{
    /** Functions a match script must define ({@code tick} is optional). */
    static final String[] REQUIRED_FUNCTIONS = { "init", "join", "leave", "handle_input", "get_state" };

    private final String name;
    private final ScriptRuntime runtime;
    private final Path script;
    private final String scriptName;
    private final ScriptLog log;
    private final ScriptWatcher watcher = new ScriptWatcher();
    private volatile ModeConfig config;
    private volatile long codeHash;

    private LuaGameMode(
        final String name, final ScriptRuntime runtime, final Path script, final String scriptName, final Probe probe)
    {
        this.name = name;
        this.runtime = runtime;
        this.script = script;
        this.scriptName = scriptName;
        log = new ScriptLog(scriptName);
        config = probe.config();
        watcher.copyFrom(probe.watcher());
        codeHash = hashOf(watcher.paths());
    }

    /**
     * Load a Lua mode.
     *
     * @param name    mode name.
     * @param runtime shared services.
     * @param script  resolved path of its script.
     * @return the mode, or null if the script declares a world ({@code game_type = "world"}).
     * @throws LuaScriptException naming file and line if the script fails to load or declares an invalid shape.
     */
    static LuaGameMode load(final String name, final ScriptRuntime runtime, final Path script)
    {
        final Probe probe = probe(name, runtime, script);
        if (null == probe.config())
        {
            return null;
        }
        return new LuaGameMode(name, runtime, script, runtime.compiler().gameDir().name(script), probe);
    }

    /**
     * {@inheritDoc}
     */
    public ModeConfig config()
    {
        return config;
    }

    /**
     * {@inheritDoc}
     */
    public MatchLogic newMatch()
    {
        return new LuaMatchLogic(runtime, script, log, config);
    }

    /**
     * {@inheritDoc}
     */
    public long codeHash()
    {
        return codeHash;
    }

    /** FNV-1a 64 over the bytes of the script and the modules it required, in load order; 0 if unreadable. */
    static long hashOf(final java.util.List<Path> files)
    {
        long h = 0xcbf29ce484222325L;
        try
        {
            for (final Path file : files)
            {
                for (final byte b : java.nio.file.Files.readAllBytes(file))
                {
                    h = (h ^ (b & 0xFF)) * 0x100000001b3L;
                }
            }
            return h;
        }
        catch (final java.io.IOException ex)
        {
            return 0L;
        }
    }

    /**
     * The script's name relative to the game directory.
     *
     * @return such as {@code "match.lua"}.
     */
    String scriptName()
    {
        return scriptName;
    }

    /**
     * Re-read the shape if the script (or a module it requires) changed; a failure is logged and the old shape kept.
     *
     * @param nowNs current time, for the log limit.
     * @return true if the shape was re-read.
     */
    boolean refresh(final long nowNs)
    {
        if (!watcher.hasChanged())
        {
            return false;
        }
        try
        {
            final Probe probe = probe(name, runtime, script);
            if (null == probe.config())
            {
                throw new LuaScriptException(scriptName + ": became a world script (game_type = \"world\"); " +
                    "the mode keeps its last match shape", scriptName, LuaScriptException.UNKNOWN_LINE, null);
            }
            config = probe.config();
            watcher.copyFrom(probe.watcher());
            codeHash = hashOf(watcher.paths());
            return true;
        }
        catch (final LuaScriptException ex)
        {
            watcher.acceptCurrent();
            log.reloadFailed(null, "mode '" + name + "': " + ex.getMessage(), nowNs);
            return false;
        }
    }

    private static Probe probe(final String name, final ScriptRuntime runtime, final Path script)
    {
        final GameApi game = new GameApi(runtime, null, runtime.nanoClock(), "mode " + name + " (loading)");
        final LuaVm vm = new LuaVm(runtime, script, 0L, game);
        final ScriptWatcher watcher = new ScriptWatcher();
        try
        {
            vm.runMain();
        }
        finally
        {
            watcher.copyFrom(vm.watcher());
        }
        if (ModeGlobals.isWorld(vm.globals(), vm.mainName()))
        {
            return new Probe(null, watcher);
        }
        for (final String function : REQUIRED_FUNCTIONS)
        {
            if (vm.function(LuaValue.valueOf(function)).isnil())
            {
                throw new LuaScriptException(vm.mainName() + ": required function " + function + " is not defined",
                    vm.mainName(), LuaScriptException.UNKNOWN_LINE, null);
            }
        }
        return new Probe(ModeGlobals.read(name, vm.globals(), vm.baselineGlobals(), vm.mainName()), watcher);
    }

    private record Probe(ModeConfig config, ScriptWatcher watcher)
    {
    }
}
