package io.asobi.match.lua;

/**
 * A game script could not be loaded or a Lua callback failed: the message names the file and, where known, the line
 * ({@code "modes/arena.lua:12: attempt to index a nil value"}).
 */
public final class LuaScriptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Value of {@link #line()} when the line is not known. */
    public static final int UNKNOWN_LINE = -1;

    private final String script;
    private final int line;

    /**
     * A failure located in a script.
     *
     * @param message complete message, starting with {@code file:line:} where known.
     * @param script  file relative to the game directory, or null when not known.
     * @param line    line in that file, or {@link #UNKNOWN_LINE}.
     * @param cause   underlying error, or null.
     */
    public LuaScriptException(final String message, final String script, final int line, final Throwable cause)
    {
        super(message, cause);
        this.script = script;
        this.line = line;
    }

    /**
     * The file the failure is located in.
     *
     * @return path relative to the game directory, or null when not known.
     */
    public String script()
    {
        return script;
    }

    /**
     * The line the failure is located at.
     *
     * @return a line number from 1, or {@link #UNKNOWN_LINE}.
     */
    public int line()
    {
        return line;
    }
}
