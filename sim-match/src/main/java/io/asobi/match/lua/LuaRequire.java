package io.asobi.match.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code require("a.b")}: runs {@code <main script dir>/a/b.lua} once per VM and returns what it returned (true if
 * nothing), from a cache that hot reload clears. Only files inside the game directory, reached without symbolic
 * links, can be required; module names are dot-separated words of {@code [A-Za-z0-9_-]}. Each file read is added to
 * the VM's {@link ScriptWatcher}.
 * <p>
 * <b>Note:</b> single-threaded, like its VM.
 */
final class LuaRequire extends OneArgFunction
{
    /** Longest module name accepted. */
    static final int MAX_MODULE_NAME_LENGTH = 128;

    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final ScriptCompiler compiler;
    private final String baseDir;
    private final Globals globals;
    private final ScriptWatcher watcher;
    private final HashMap<String, LuaValue> loaded = new HashMap<>();
    private final HashSet<String> loading = new HashSet<>();

    /**
     * @param compiler where files are read and compiled.
     * @param baseDir  directory of the main script relative to the game directory, {@code ""} or ending in
     *                 {@code /}.
     * @param globals  the VM the modules run in.
     * @param watcher  told about each file read.
     */
    LuaRequire(final ScriptCompiler compiler, final String baseDir, final Globals globals, final ScriptWatcher watcher)
    {
        this.compiler = compiler;
        this.baseDir = baseDir;
        this.globals = globals;
        this.watcher = watcher;
    }

    /**
     * {@inheritDoc}
     */
    public LuaValue call(final LuaValue nameValue)
    {
        if (!nameValue.isstring() || nameValue.isnumber())
        {
            throw new LuaError("bad argument #1 to 'require' (module name expected, got " + nameValue.typename() + ")");
        }
        final String name = nameValue.tojstring();
        final LuaValue cached = loaded.get(name);
        if (null != cached)
        {
            return cached;
        }
        if (name.length() > MAX_MODULE_NAME_LENGTH || !MODULE_NAME.matcher(name).matches())
        {
            throw new LuaError("require '" + name + "': invalid module name (dot-separated words of [A-Za-z0-9_-])");
        }
        if (!loading.add(name))
        {
            throw new LuaError("require '" + name + "': loop while loading the module");
        }
        try
        {
            final ScriptCompiler.CompiledScript script;
            try
            {
                final Path path = compiler.gameDir().resolve(baseDir + name.replace('.', '/') + ".lua");
                watcher.track(path, GameDir.stat(path)); // before compiling: fixing a broken module reloads too
                script = compiler.compile(path);
            }
            catch (final IllegalArgumentException | LuaScriptException ex)
            {
                throw new LuaError("require '" + name + "': " + ex.getMessage());
            }
            watcher.track(script.path(), script.stat());
            final LuaValue result = new LuaClosure(script.prototype(), globals).call(nameValue);
            final LuaValue value = result.isnil() ? LuaValue.TRUE : result;
            loaded.put(name, value);
            return value;
        }
        finally
        {
            loading.remove(name);
        }
    }

    /**
     * Forget every loaded module (hot reload).
     */
    void clear()
    {
        loaded.clear();
        loading.clear();
    }

    /**
     * The loaded modules, to put back after a failed reload.
     *
     * @return a copy.
     */
    Map<String, LuaValue> snapshot()
    {
        return new HashMap<>(loaded);
    }

    /**
     * Put back modules from {@link #snapshot()}.
     *
     * @param modules the modules to have loaded.
     */
    void restore(final Map<String, LuaValue> modules)
    {
        loaded.clear();
        loaded.putAll(modules);
        loading.clear();
    }
}
