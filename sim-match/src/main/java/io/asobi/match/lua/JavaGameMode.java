package io.asobi.match.lua;

import io.asobi.match.GameMode;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.regex.Pattern;

/**
 * A Java {@link GameMode} named in {@code config.lua} as {@code "java:fully.qualified.ClassName"}: the class is
 * loaded from the classpath and created once with its public no-argument constructor; its config is reported under
 * the name {@code config.lua} gives it.
 * <p>
 * <b>Note:</b> thread safe if the wrapped mode is.
 */
final class JavaGameMode implements GameMode
{
    private static final Pattern CLASS_NAME =
        Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final String name;
    private final GameMode delegate;
    private volatile Renamed renamed;

    private JavaGameMode(final String name, final GameMode delegate)
    {
        this.name = name;
        this.delegate = delegate;
    }

    /**
     * Load a Java world mode, if the class is one.
     *
     * @return the world mode, or null if the class exists but is not a {@link io.asobi.world.WorldMode} (then it
     * must be a match mode) or cannot be found (then {@link #load} reports it).
     * @throws LuaScriptException if it is a world mode but cannot be created or names itself differently.
     */
    static io.asobi.world.WorldMode loadWorld(
        final String name, final String className, final ClassLoader loader, final String source)
    {
        final String prefix = source + ": mode '" + name + "': java:" + className + ": ";
        if (!CLASS_NAME.matcher(className).matches())
        {
            return null;
        }
        final Class<?> type;
        try
        {
            type = Class.forName(className, true, loader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return null;
        }
        if (!io.asobi.world.WorldMode.class.isAssignableFrom(type))
        {
            return null;
        }
        final io.asobi.world.WorldMode mode;
        try
        {
            mode = (io.asobi.world.WorldMode)type.getConstructor().newInstance();
        }
        catch (final InvocationTargetException ex)
        {
            throw fail(prefix + "constructor failed: " + ex.getCause(), source, ex.getCause());
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw fail(prefix + "cannot be created: " + ex, source, ex);
        }
        final io.asobi.world.WorldConfig config = mode.config();
        if (null == config || !name.equals(config.name()))
        {
            throw fail(prefix + "its config must name the mode '" + name + "'", source, null);
        }
        return mode;
    }

    /**
     * Load and create a Java mode.
     *
     * @param name      the mode name in {@code config.lua}.
     * @param className fully qualified class name.
     * @param loader    where to look the class up.
     * @param source    file that named it, for messages.
     * @return the mode.
     * @throws LuaScriptException if the class is missing, not a {@link GameMode}, or cannot be created.
     */
    static JavaGameMode load(final String name, final String className, final ClassLoader loader, final String source)
    {
        final String prefix = source + ": mode '" + name + "': java:" + className + ": ";
        if (!CLASS_NAME.matcher(className).matches())
        {
            throw fail(prefix + "not a class name", source, null);
        }
        final Class<?> type;
        try
        {
            type = Class.forName(className, true, loader);
        }
        catch (final ClassNotFoundException ex)
        {
            throw fail(prefix + "class not found on the classpath", source, ex);
        }
        catch (final LinkageError ex)
        {
            throw fail(prefix + "class cannot be loaded: " + ex, source, ex);
        }
        if (!GameMode.class.isAssignableFrom(type))
        {
            throw fail(prefix + "does not implement " + GameMode.class.getName(), source, null);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()))
        {
            throw fail(prefix + "is abstract", source, null);
        }
        final GameMode mode;
        try
        {
            final Constructor<?> constructor = type.getConstructor();
            mode = (GameMode)constructor.newInstance();
        }
        catch (final NoSuchMethodException ex)
        {
            throw fail(prefix + "has no public no-argument constructor", source, ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw fail(prefix + "constructor failed: " + ex.getCause(), source, ex.getCause());
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw fail(prefix + "cannot be created: " + ex, source, ex);
        }
        final ModeConfig config;
        try
        {
            config = mode.config();
        }
        catch (final RuntimeException ex)
        {
            throw fail(prefix + "config() failed: " + ex, source, ex);
        }
        if (null == config)
        {
            throw fail(prefix + "config() returned null", source, null);
        }
        return new JavaGameMode(name, mode);
    }

    /**
     * The wrapped mode.
     *
     * @return the instance created from the class.
     */
    GameMode delegate()
    {
        return delegate;
    }

    /**
     * {@inheritDoc}
     */
    public ModeConfig config()
    {
        final ModeConfig source = delegate.config();
        if (name.equals(source.name()))
        {
            return source;
        }
        final Renamed cached = renamed;
        if (null != cached && cached.source() == source)
        {
            return cached.config();
        }
        final ModeConfig config = new ModeConfig(name, source.matchSize(), source.minPlayers(), source.maxPlayers(),
            source.strategy(), source.skillWindow(), source.skillExpandPerSecond(), source.tickRateHz(),
            source.sharedState(), source.listed(), source.quickPlay(), source.extra());
        renamed = new Renamed(source, config);
        return config;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The wrapped mode's own logic, unwrapped: its {@link MatchLogic#snapshot} and {@link MatchLogic#restore} are
     * the ones the runtime calls.
     */
    public MatchLogic newMatch()
    {
        return delegate.newMatch();
    }

    private static LuaScriptException fail(final String message, final String source, final Throwable cause)
    {
        return new LuaScriptException(message, source, LuaScriptException.UNKNOWN_LINE, cause);
    }

    private record Renamed(ModeConfig source, ModeConfig config)
    {
    }

    /**
     * {@inheritDoc}
     */
    public long codeHash()
    {
        return delegate.codeHash();
    }
}
