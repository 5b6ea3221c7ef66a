package io.asobi.match.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One sandboxed Lua VM running a mode's script: its globals, instruction budget, {@code require} and the files it
 * watches for hot reload. Every entry into Lua ({@link #invoke}, the main chunk, a reload) runs under the budget and
 * comes back either with a result or a {@link LuaScriptException} naming file and line; nothing else escapes.
 * <p>
 * <b>Note:</b> single-threaded: one VM belongs to one match (or to one mode load).
 */
final class LuaVm
{
    private final ScriptRuntime runtime;
    private final Path mainPath;
    private final String mainName;
    private final Globals globals;
    private final InstructionBudget budget = new InstructionBudget();
    private final ScriptWatcher watcher = new ScriptWatcher();
    private final LuaRequire require;
    private final Set<LuaValue> baselineGlobals;
    private final DeterministicRandom random;

    /**
     * A VM with the sandbox, {@code require} and {@code game} installed; the main script has not run yet.
     *
     * @param runtime  shared services.
     * @param mainPath resolved path of the mode's script.
     * @param seed     seed of {@code math.random}.
     * @param game     the {@code game} table.
     */
    LuaVm(final ScriptRuntime runtime, final Path mainPath, final long seed, final GameApi game)
    {
        this.runtime = runtime;
        this.mainPath = mainPath;
        final ScriptCompiler compiler = runtime.compiler();
        mainName = compiler.gameDir().name(mainPath);
        random = new DeterministicRandom(seed);
        globals = LuaSandbox.newGlobals(budget, random);
        final int slash = mainName.lastIndexOf('/');
        require = new LuaRequire(compiler, slash < 0 ? "" : mainName.substring(0, slash + 1), globals, watcher);
        globals.rawset("require", require);
        globals.rawset("game", game.table());
        baselineGlobals = new HashSet<>(keys(globals));
    }

    /**
     * The script's name relative to the game directory.
     *
     * @return such as {@code "match.lua"}.
     */
    String mainName()
    {
        return mainName;
    }

    /**
     * The generator behind this VM's {@code math.random}.
     *
     * @return the generator.
     */
    DeterministicRandom random()
    {
        return random;
    }

    /**
     * The VM's globals.
     *
     * @return the globals table.
     */
    Globals globals()
    {
        return globals;
    }

    /**
     * Names the sandbox defines before the script runs (library tables, {@code game}, {@code _VERSION}, ...).
     *
     * @return an unmodifiable set.
     */
    Set<LuaValue> baselineGlobals()
    {
        return Set.copyOf(baselineGlobals);
    }

    /**
     * The files this VM's code came from.
     *
     * @return the watcher.
     */
    ScriptWatcher watcher()
    {
        return watcher;
    }

    /**
     * Compile and run the main script, defining its globals and functions.
     *
     * @return what the main chunk returned.
     * @throws LuaScriptException if it does not compile or fails while running.
     */
    Varargs runMain()
    {
        final ScriptCompiler.CompiledScript script = runtime.compiler().compile(mainPath);
        watcher.clear();
        watcher.track(script.path(), script.stat());
        return invoke(new LuaClosure(script.prototype(), globals), LuaValue.NONE);
    }

    /**
     * A global function of the script.
     *
     * @param name function name.
     * @return the function, or {@code nil} if the global is not a function.
     */
    LuaValue function(final LuaValue name)
    {
        final LuaValue value = globals.rawget(name);
        return value.isfunction() ? value : LuaValue.NIL;
    }

    /**
     * Call into Lua under a fresh instruction budget.
     *
     * @param function the function to call.
     * @param args     its arguments.
     * @return what it returned.
     * @throws LuaScriptException for a Lua error, an exhausted budget or too deep a recursion.
     */
    Varargs invoke(final LuaValue function, final Varargs args)
    {
        budget.arm(runtime.instructionBudget());
        final Varargs result;
        try
        {
            result = function.invoke(args);
        }
        catch (final LuaError ex)
        {
            throw null != budget.exhaustedAt() ? budgetExhausted() : LuaErrors.toScriptException(ex, mainName);
        }
        catch (final InstructionBudget.Exhausted ex)
        {
            throw budgetExhausted();
        }
        catch (final StackOverflowError ex)
        {
            throw new LuaScriptException(
                mainName + ": Java stack overflow in Lua code", mainName, LuaScriptException.UNKNOWN_LINE, null);
        }
        catch (final RuntimeException ex)
        {
            throw LuaErrors.located("internal error: " + ex, mainName, ex);
        }
        finally
        {
            budget.disarm();
        }
        if (null != budget.exhaustedAt())
        {
            // The cut-off was swallowed by an error handler (xpcall's runs under a catch-all) that returned to Java.
            throw budgetExhausted();
        }
        return result;
    }

    /**
     * Hot reload: if a watched file changed, clear the {@code require} cache and re-run the main script in these
     * globals, so functions and globals are redefined while tables held elsewhere (the match state) survive. On
     * failure the globals and the module cache are put back as they were (the old code keeps running) and the new
     * stats are recorded, so a broken edit is not retried until the next edit.
     *
     * @return what happened.
     */
    /**
     * Hash of the script and the modules it required, as now loaded ({@link LuaGameMode#codeHash()}'s scheme).
     *
     * @return the hash.
     */
    long codeHash()
    {
        return LuaGameMode.hashOf(watcher.paths());
    }

    ReloadResult reloadIfChanged()
    {
        if (!watcher.hasChanged())
        {
            return ReloadResult.UNCHANGED;
        }
        final ArrayList<LuaValue> savedKeys = keys(globals);
        final ArrayList<LuaValue> savedValues = new ArrayList<>(savedKeys.size());
        for (final LuaValue key : savedKeys)
        {
            savedValues.add(globals.rawget(key));
        }
        final Map<String, LuaValue> savedModules = require.snapshot();
        final ScriptWatcher savedWatcher = new ScriptWatcher();
        savedWatcher.copyFrom(watcher);

        require.clear();
        try
        {
            runMain();
            return ReloadResult.ofSuccess();
        }
        catch (final LuaScriptException ex)
        {
            for (final LuaValue key : keys(globals))
            {
                globals.rawset(key, LuaValue.NIL);
            }
            for (int i = 0; i < savedKeys.size(); i++)
            {
                globals.rawset(savedKeys.get(i), savedValues.get(i));
            }
            require.restore(savedModules);
            // Watch both what the old code came from and what the failed attempt read (a new, broken module).
            for (final Path path : savedWatcher.paths())
            {
                watcher.track(path, GameDir.stat(path));
            }
            watcher.acceptCurrent();
            return ReloadResult.ofFailure(ex);
        }
    }

    private LuaScriptException budgetExhausted()
    {
        final String at = budget.exhaustedAt();
        return LuaErrors.located(
            (null == at ? mainName : at) + ": instruction budget of " + budget.limit() + " exceeded", mainName, null);
    }

    private static ArrayList<LuaValue> keys(final Globals globals)
    {
        final ArrayList<LuaValue> keys = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            k = globals.next(k).arg1();
            if (k.isnil())
            {
                return keys;
            }
            keys.add(k);
        }
    }

    /**
     * Outcome of {@link #reloadIfChanged()}.
     *
     * @param reloaded true if new code runs now.
     * @param failure  why the reload failed, or null.
     */
    record ReloadResult(boolean reloaded, LuaScriptException failure)
    {
        static final ReloadResult UNCHANGED = new ReloadResult(false, null);

        static ReloadResult ofSuccess()
        {
            return new ReloadResult(true, null);
        }

        static ReloadResult ofFailure(final LuaScriptException failure)
        {
            return new ReloadResult(false, failure);
        }
    }
}
