package io.asobi.match.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and compiles the scripts of a game directory, keeping the compiled form of each file until it changes, so
 * that every new match and every match reloading the same edit share one compilation (LuaJ prototypes are not
 * changed by running them).
 * <p>
 * <b>Note:</b> thread safe.
 */
final class ScriptCompiler
{
    /** Largest script file accepted. */
    static final int MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

    private final GameDir gameDir;
    private final ConcurrentHashMap<Path, CompiledScript> cache = new ConcurrentHashMap<>();

    ScriptCompiler(final GameDir gameDir)
    {
        this.gameDir = gameDir;
    }

    /**
     * The game directory scripts are resolved in.
     *
     * @return the directory.
     */
    GameDir gameDir()
    {
        return gameDir;
    }

    /**
     * Resolve and compile a script named relative to the game directory.
     *
     * @param relative path such as {@code "match.lua"}.
     * @return the compiled script.
     * @throws LuaScriptException naming the file (and line for a syntax error).
     */
    CompiledScript compile(final String relative)
    {
        final Path path;
        try
        {
            path = gameDir.resolve(relative);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LuaScriptException(ex.getMessage(), relative, LuaScriptException.UNKNOWN_LINE, ex);
        }
        return compile(path);
    }

    /**
     * Compile a script, or reuse its compiled form if the file has not changed since.
     *
     * @param path resolved path of a file in the game directory.
     * @return the compiled script, with the file's stat taken before it was read.
     * @throws LuaScriptException naming the file (and line for a syntax error).
     */
    CompiledScript compile(final Path path)
    {
        final String name = gameDir.name(path);
        final GameDir.FileStat stat = GameDir.stat(path);
        if (GameDir.FileStat.MISSING.equals(stat))
        {
            throw new LuaScriptException(name + ": cannot be read", name, LuaScriptException.UNKNOWN_LINE, null);
        }
        if (stat.isLink())
        {
            throw new LuaScriptException(
                name + ": symbolic links are not allowed", name, LuaScriptException.UNKNOWN_LINE, null);
        }
        final CompiledScript cached = cache.get(path);
        if (null != cached && cached.stat().equals(stat))
        {
            return cached;
        }

        final byte[] source = read(path, name);
        final Prototype prototype;
        try
        {
            prototype = LuaC.instance.compile(new ByteArrayInputStream(source), name);
        }
        catch (final LuaError ex)
        {
            throw LuaErrors.toScriptException(ex, name);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new LuaScriptException(name + ": " + ex, name, LuaScriptException.UNKNOWN_LINE, ex);
        }
        final CompiledScript compiled = new CompiledScript(path, name, stat, prototype);
        cache.put(path, compiled);
        return compiled;
    }

    /**
     * Forget every compiled script.
     */
    void clear()
    {
        cache.clear();
    }

    private static byte[] read(final Path path, final String name)
    {
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS))
        {
            final byte[] bytes = in.readNBytes(MAX_SCRIPT_BYTES + 1);
            if (bytes.length > MAX_SCRIPT_BYTES)
            {
                throw new LuaScriptException(
                    name + ": larger than " + MAX_SCRIPT_BYTES + " bytes", name, LuaScriptException.UNKNOWN_LINE, null);
            }
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new LuaScriptException(name + ": cannot be read: " + ex, name, LuaScriptException.UNKNOWN_LINE, ex);
        }
    }

    /**
     * One compiled file.
     *
     * @param path      absolute path.
     * @param name      path relative to the game directory, also the chunk name in Lua error messages.
     * @param stat      the file's stat taken before it was read.
     * @param prototype the compiled main chunk.
     */
    record CompiledScript(Path path, String name, GameDir.FileStat stat, Prototype prototype)
    {
    }
}
