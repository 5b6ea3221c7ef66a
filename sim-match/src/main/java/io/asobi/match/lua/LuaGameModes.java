package io.asobi.match.lua;

import io.asobi.match.GameMode;
import io.asobi.match.GameModes;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The game modes of a game directory (asobi-spec §5.3): Lua scripts with hot reload, and Java modes named in
 * {@code config.lua}.
 * <p>
 * Loading: if {@value #CONFIG_SCRIPT} exists it returns {@code {mode_name = "relative/script.lua", ...}}; otherwise
 * {@value #DEFAULT_SCRIPT} is the single mode {@value #DEFAULT_MODE}. A value {@code "java:fully.qualified.Class"}
 * names a Java {@link GameMode} with a public no-argument constructor, loaded from the classpath. Script paths must be
 * relative, stay inside the game directory and cross no symbolic link. Mode names are 1 to 64 of
 * {@code [A-Za-z0-9_.-]}. Each Lua mode's shape is read from its globals (see {@link ModeGlobals}); a script that
 * declares {@code game_type = "world"} is skipped with a warning (worlds are not served here).
 * <p>
 * Hot reload: each match polls its own script (see {@code LuaMatchLogic}); {@link #pollModes()} re-reads mode
 * shapes, which apply to new matches only, and re-reads {@code config.lua} (adding, removing or re-pointing modes)
 * when it changes. Both are off when {@link Context#reloadEnabled()} is false.
 * <p>
 * <b>Note:</b> {@link #find}, {@link #all} and the modes' {@code config()}/{@code newMatch()} are thread safe;
 * {@link #pollModes()} may be called from any thread (calls are serialised).
 */
public final class LuaGameModes implements GameModes, AutoCloseable
{
    /** Script declaring the modes, if present. */
    public static final String CONFIG_SCRIPT = "config.lua";

    /** Script of the single mode when there is no {@value #CONFIG_SCRIPT}. */
    public static final String DEFAULT_SCRIPT = "match.lua";

    /** Name of that single mode. */
    public static final String DEFAULT_MODE = "default";

    /** Prefix of a {@code config.lua} value naming a Java game mode class. */
    public static final String JAVA_PREFIX = "java:";

    private static final Logger LOG = LoggerFactory.getLogger(LuaGameModes.class);
    private static final Pattern MODE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final GameDir gameDir;
    private final ScriptRuntime runtime;
    private final NanoClock nanoClock;
    private final long modeWatchIntervalNs;
    private final ClassLoader classLoader;
    private volatile Map<String, io.asobi.world.WorldMode> worldModes = Map.of();
    private volatile Map<String, GameMode> modes;
    private volatile boolean isClosed;
    private GameDir.FileStat configStat;
    private long nextWatchNs;

    private LuaGameModes(final Context ctx)
    {
        try
        {
            gameDir = new GameDir(ctx.gameDir());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LuaScriptException(ex.getMessage(), null, LuaScriptException.UNKNOWN_LINE, ex);
        }
        runtime = new ScriptRuntime(new ScriptCompiler(gameDir), ctx);
        nanoClock = ctx.nanoClock();
        modeWatchIntervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.modeWatchIntervalMs());
        final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        classLoader = null != contextLoader ? contextLoader : LuaGameModes.class.getClassLoader();
        configStat = GameDir.stat(gameDir.root().resolve(CONFIG_SCRIPT));
        modes = loadModes();
        nextWatchNs = nanoClock.nanoTime() + modeWatchIntervalNs;
    }

    /**
     * Load the modes of a game directory.
     *
     * @param ctx settings; concluded here unless already concluded.
     * @return the modes.
     * @throws LuaScriptException       naming the file (and line, where known) if the directory or a script is bad.
     * @throws IllegalArgumentException if a setting is invalid.
     */
    public static LuaGameModes load(final Context ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        return new LuaGameModes(ctx);
    }

    /**
     * {@inheritDoc}
     */
    public GameMode find(final String name)
    {
        return null == name ? null : modes.get(name);
    }

    /**
     * The world modes of the game dir: {@code "java:Class"} entries whose class implements
     * {@link io.asobi.world.WorldMode} (created once with its public no-argument constructor, named as
     * {@code config.lua} names it only if its config agrees).
     *
     * @return the world modes, by name.
     */
    public io.asobi.world.WorldModes worldModes()
    {
        final Map<String, io.asobi.world.WorldMode> current = worldModes;
        return name -> null == name ? null : current.get(name);
    }

    /**
     * {@inheritDoc}
     */
    public Collection<GameMode> all()
    {
        return modes.values();
    }

    /**
     * The names of the current modes.
     *
     * @return an unmodifiable snapshot, sorted.
     */
    public List<String> names()
    {
        return List.copyOf(modes.keySet());
    }

    /**
     * The game directory, as a real path.
     *
     * @return the directory scripts are read from.
     */
    public Path gameDir()
    {
        return gameDir.root();
    }

    /**
     * Re-read mode shapes whose script (or a module it requires) changed, and the mode table if {@code config.lua}
     * changed; does nothing until {@link Context#modeWatchIntervalMs()} has passed since the last check, or when
     * reload is disabled or this is closed. A script that fails to load is logged and its mode keeps its last shape;
     * a {@code config.lua} that fails keeps the last mode table. Never throws for a script problem.
     */
    public synchronized void pollModes()
    {
        if (isClosed || !runtime.reloadEnabled())
        {
            return;
        }
        final long nowNs = nanoClock.nanoTime();
        if (nowNs - nextWatchNs < 0)
        {
            return;
        }
        nextWatchNs = nowNs + modeWatchIntervalNs;

        final GameDir.FileStat currentConfigStat = GameDir.stat(gameDir.root().resolve(CONFIG_SCRIPT));
        if (!currentConfigStat.equals(configStat))
        {
            configStat = currentConfigStat;
            try
            {
                modes = loadModes();
                LOG.info("lua game modes reloaded from {}: {}", gameDir.root(), modes.keySet());
            }
            catch (final LuaScriptException ex)
            {
                LOG.warn("lua hot reload failed: {}; keeping modes {}", ex.getMessage(), modes.keySet());
            }
            return;
        }
        for (final GameMode mode : modes.values())
        {
            if (mode instanceof LuaGameMode luaMode && luaMode.refresh(nowNs))
            {
                LOG.info("lua game mode '{}' re-read from {}", luaMode.config().name(), luaMode.scriptName());
            }
        }
    }

    /**
     * Stop watching and drop the compiled scripts; running matches keep their VMs and go on.
     */
    public synchronized void close()
    {
        isClosed = true;
        runtime.compiler().clear();
    }

    private Map<String, GameMode> loadModes()
    {
        final Path config = gameDir.root().resolve(CONFIG_SCRIPT);
        final Map<String, String> declared;
        final boolean fromConfig = Files.exists(config, LinkOption.NOFOLLOW_LINKS);
        if (fromConfig)
        {
            declared = readConfig();
        }
        else if (Files.exists(gameDir.root().resolve(DEFAULT_SCRIPT), LinkOption.NOFOLLOW_LINKS))
        {
            declared = Map.of(DEFAULT_MODE, DEFAULT_SCRIPT);
        }
        else
        {
            throw new LuaScriptException("game directory " + gameDir.root() + " has neither " + CONFIG_SCRIPT +
                " nor " + DEFAULT_SCRIPT, null, LuaScriptException.UNKNOWN_LINE, null);
        }

        final LinkedHashMap<String, GameMode> loaded = new LinkedHashMap<>();
        final LinkedHashMap<String, io.asobi.world.WorldMode> worlds = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : new TreeMap<>(declared).entrySet())
        {
            final String name = entry.getKey();
            final String value = entry.getValue();
            final String source = fromConfig ? CONFIG_SCRIPT : DEFAULT_SCRIPT;
            if (value.startsWith(JAVA_PREFIX))
            {
                final io.asobi.world.WorldMode worldMode =
                    JavaGameMode.loadWorld(name, value.substring(JAVA_PREFIX.length()), classLoader, source);
                if (null != worldMode)
                {
                    worlds.put(name, worldMode);
                    continue;
                }
                loaded.put(name, JavaGameMode.load(name, value.substring(JAVA_PREFIX.length()), classLoader, source));
                continue;
            }
            final Path script;
            try
            {
                script = gameDir.resolve(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new LuaScriptException(source + ": mode '" + name + "': " + ex.getMessage(), source,
                    LuaScriptException.UNKNOWN_LINE, ex);
            }
            final LuaGameMode mode = LuaGameMode.load(name, runtime, script);
            if (null == mode)
            {
                final LuaWorldMode worldMode = LuaWorldMode.load(name, runtime, script);
                if (null != worldMode)
                {
                    worlds.put(name, worldMode);
                }
                continue;
            }
            loaded.put(name, mode);
        }
        worldModes = Map.copyOf(worlds);
        return Collections.unmodifiableMap(loaded);
    }

    private Map<String, String> readConfig()
    {
        final Path path;
        try
        {
            path = gameDir.resolve(CONFIG_SCRIPT);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LuaScriptException(
                CONFIG_SCRIPT + ": " + ex.getMessage(), CONFIG_SCRIPT, LuaScriptException.UNKNOWN_LINE, ex);
        }
        final LuaVm vm = new LuaVm(runtime, path, 0L,
            new GameApi(runtime, null, runtime.nanoClock(), CONFIG_SCRIPT + " (loading)"));
        final LuaValue result = vm.runMain().arg1();
        if (!result.istable())
        {
            throw configError("must return a table {mode_name = \"script.lua\", ...}, returned " + result.typename());
        }
        final TreeMap<String, String> declared = new TreeMap<>();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = ((LuaTable)result).next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            final LuaValue v = next.arg(2);
            if (k.type() != LuaValue.TSTRING || !MODE_NAME.matcher(k.tojstring()).matches())
            {
                throw configError("mode name " + k.tojstring() + " must be 1 to 64 of [A-Za-z0-9_.-]");
            }
            if (v.type() != LuaValue.TSTRING)
            {
                throw configError("mode '" + k.tojstring() + "' must map to a script path or \"java:Class\", got " +
                    v.typename());
            }
            declared.put(k.tojstring(), LuaJson.javaString(v.checkstring()));
        }
        if (declared.isEmpty())
        {
            throw configError("declares no modes");
        }
        return declared;
    }

    private static LuaScriptException configError(final String message)
    {
        return new LuaScriptException(
            CONFIG_SCRIPT + ": " + message, CONFIG_SCRIPT, LuaScriptException.UNKNOWN_LINE, null);
    }

    /**
     * Settings of {@link LuaGameModes}. Fluent accessors; {@link #conclude()} validates them once.
     */
    public static final class Context
    {
        /** Default interval between checks of a match's script for changes. */
        public static final long RELOAD_POLL_INTERVAL_DEFAULT_MS = 200;

        /** Default interval between checks of mode shapes by {@link #pollModes()}. */
        public static final long MODE_WATCH_INTERVAL_DEFAULT_MS = 1500;

        /**
         * Default Lua VM instructions per callback: 5,000,000, about 35 to 90 ms of LuaJ on one core of a current
         * machine (150 M simple instructions/s, 60 M in loops over tables), well inside Asobi's 500 ms tick
         * allowance and bounded by instructions rather than time so that the cut-off is deterministic.
         */
        public static final int INSTRUCTION_BUDGET_DEFAULT = 5_000_000;

        /** Smallest accepted instruction budget. */
        public static final int INSTRUCTION_BUDGET_MIN = 1000;

        private boolean isConcluded;
        private Path gameDir;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private long reloadPollIntervalMs = RELOAD_POLL_INTERVAL_DEFAULT_MS;
        private long modeWatchIntervalMs = MODE_WATCH_INTERVAL_DEFAULT_MS;
        private int instructionBudget = INSTRUCTION_BUDGET_DEFAULT;
        private boolean reloadEnabled = true;
        private boolean legacyGameFrames = true;
        private boolean devErrors;
        private boolean rollbackOnFailure = true;

        /**
         * Validate the settings; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid setting.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            if (null == gameDir)
            {
                throw new IllegalArgumentException("gameDir must be set");
            }
            if (null == nanoClock)
            {
                throw new IllegalArgumentException("nanoClock must be set");
            }
            if (reloadPollIntervalMs < 1)
            {
                throw new IllegalArgumentException("reloadPollIntervalMs must be >= 1: " + reloadPollIntervalMs);
            }
            if (modeWatchIntervalMs < 0)
            {
                throw new IllegalArgumentException("modeWatchIntervalMs must be >= 0: " + modeWatchIntervalMs);
            }
            if (instructionBudget < INSTRUCTION_BUDGET_MIN)
            {
                throw new IllegalArgumentException(
                    "instructionBudget must be >= " + INSTRUCTION_BUDGET_MIN + ": " + instructionBudget);
            }
            isConcluded = true;
            return this;
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * The game directory holding {@code config.lua} or {@code match.lua} (Asobi: {@code /app/game}).
         *
         * @return the directory, or null if not set.
         */
        public Path gameDir()
        {
            return gameDir;
        }

        /**
         * Set the game directory.
         *
         * @param gameDir an existing directory.
         * @return this for a fluent API.
         */
        public Context gameDir(final Path gameDir)
        {
            this.gameDir = gameDir;
            return this;
        }

        /**
         * Clock for {@link #pollModes()} and loading-time log limits (matches use {@code MatchContext.nanoTime()}).
         *
         * @return the clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * Set the clock; inject a {@code CachedNanoClock} to step it by hand.
         *
         * @param nanoClock the clock.
         * @return this for a fluent API.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * Least time between two checks of a match's script files (Asobi's {@code reload_poll_interval_ms}).
         *
         * @return milliseconds, default {@value #RELOAD_POLL_INTERVAL_DEFAULT_MS}.
         */
        public long reloadPollIntervalMs()
        {
            return reloadPollIntervalMs;
        }

        /**
         * Set the script poll interval.
         *
         * @param reloadPollIntervalMs milliseconds, at least 1.
         * @return this for a fluent API.
         */
        public Context reloadPollIntervalMs(final long reloadPollIntervalMs)
        {
            this.reloadPollIntervalMs = reloadPollIntervalMs;
            return this;
        }

        /**
         * Least time between two checks of mode shapes by {@link #pollModes()}.
         *
         * @return milliseconds, default {@value #MODE_WATCH_INTERVAL_DEFAULT_MS}.
         */
        public long modeWatchIntervalMs()
        {
            return modeWatchIntervalMs;
        }

        /**
         * Set the mode watch interval.
         *
         * @param modeWatchIntervalMs milliseconds, at least 0 (0 checks on every call).
         * @return this for a fluent API.
         */
        public Context modeWatchIntervalMs(final long modeWatchIntervalMs)
        {
            this.modeWatchIntervalMs = modeWatchIntervalMs;
            return this;
        }

        /**
         * Lua VM instructions each callback (and each run of a script body) may execute before it is cut off.
         *
         * @return instructions, default {@value #INSTRUCTION_BUDGET_DEFAULT}.
         */
        public int instructionBudget()
        {
            return instructionBudget;
        }

        /**
         * Set the instruction budget.
         *
         * @param instructionBudget instructions per callback, at least {@value #INSTRUCTION_BUDGET_MIN}.
         * @return this for a fluent API.
         */
        public Context instructionBudget(final int instructionBudget)
        {
            this.instructionBudget = instructionBudget;
            return this;
        }

        /**
         * Whether scripts are hot reloaded (Asobi's {@code ASOBI_LUA_RELOAD}); when false, neither matches nor
         * {@link #pollModes()} look at the files again.
         *
         * @return default true.
         */
        public boolean reloadEnabled()
        {
            return reloadEnabled;
        }

        /**
         * Turn hot reload on or off.
         *
         * @param reloadEnabled false to load each script once.
         * @return this for a fluent API.
         */
        public Context reloadEnabled(final boolean reloadEnabled)
        {
            this.reloadEnabled = reloadEnabled;
            return this;
        }

        /**
         * Whether {@code game.send} also sends the legacy {@code game.message} frame before {@code module.message}
         * (Asobi's {@code ws_legacy_game_frames}); likewise {@code game.error} before {@code module.error}.
         *
         * @return default true.
         */
        public boolean legacyGameFrames()
        {
            return legacyGameFrames;
        }

        /**
         * Turn the legacy twin frames on or off.
         *
         * @param legacyGameFrames false to send only the {@code module.*} frames.
         * @return this for a fluent API.
         */
        public Context legacyGameFrames(final boolean legacyGameFrames)
        {
            this.legacyGameFrames = legacyGameFrames;
            return this;
        }

        /**
         * Whether the match state is deep-copied before every callback that may change it ({@code join},
         * {@code leave}, {@code handle_input}, {@code tick}) so that a failed callback, or a refused join, is undone.
         * The copy costs about 40 to 120 ns per table entry (see the package documentation); with this off a failed
         * callback's partial changes stay in the state (as a failed {@code handle_input} in Asobi can leave them) and
         * a refusing {@code join} must not have changed the state.
         *
         * @return default true.
         */
        public boolean rollbackOnFailure()
        {
            return rollbackOnFailure;
        }

        /**
         * Turn the state copy before each state-changing callback on or off.
         *
         * @param rollbackOnFailure false to skip the copy and keep partial changes of failed callbacks.
         * @return this for a fluent API.
         */
        public Context rollbackOnFailure(final boolean rollbackOnFailure)
        {
            this.rollbackOnFailure = rollbackOnFailure;
            return this;
        }

        /**
         * Whether callback and reload failures are also pushed to the match's players as {@code module.error}
         * {@code {module:"lua", callback, script, message}} frames, at most one per second per match (Asobi's
         * {@code ASOBI_DEV_ERRORS}); for development only.
         *
         * @return default false.
         */
        public boolean devErrors()
        {
            return devErrors;
        }

        /**
         * Turn dev error frames on or off.
         *
         * @param devErrors true to push failures to players.
         * @return this for a fluent API.
         */
        public Context devErrors(final boolean devErrors)
        {
            this.devErrors = devErrors;
            return this;
        }
    }
}
