package io.asobi.match.lua;

import org.luaj.vm2.LuaError;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns LuaJ's error messages into {@link LuaScriptException}s that read {@code "file:line: message"}: LuaJ writes
 * runtime errors as {@code "file:line message"} and syntax errors as {@code [string "file"]:line: message}.
 */
final class LuaErrors
{
    private static final Pattern CHUNK_ID = Pattern.compile("\\[string \"([^\"]*)\"]");
    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("unexpected symbol (\\d+) \\((.)\\)");
    private static final int FIRST_RESERVED_TOKEN = 257;
    private static final int END_OF_FILE_TOKEN = 286; // LuaJ 3.0.1 LexState.TK_EOS
    private static final Pattern LOCATED = Pattern.compile("^([^:\\n]+):(\\d+):? (.*)$", Pattern.DOTALL);
    private static final int MAX_MESSAGE_CHARS = 1000;

    private LuaErrors()
    {
    }

    /**
     * Describe a Lua error.
     *
     * @param error         as thrown by LuaJ.
     * @param defaultScript the file to name when the message carries no location.
     * @return an exception whose message starts with {@code file:line:} when the location is known.
     */
    static LuaScriptException toScriptException(final LuaError error, final String defaultScript)
    {
        return located(error.getMessage(), defaultScript, error);
    }

    /**
     * Describe a message that may start with a LuaJ location.
     *
     * @param rawMessage    LuaJ's message, or null.
     * @param defaultScript the file to name when the message carries no location.
     * @param cause         the underlying error, or null.
     * @return an exception whose message starts with {@code file:line:} when the location is known.
     */
    static LuaScriptException located(final String rawMessage, final String defaultScript, final Throwable cause)
    {
        String message = null == rawMessage ? "error (no message)" : rawMessage.strip();
        message = CHUNK_ID.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        message = UNEXPECTED_TOKEN.matcher(message).replaceAll(LuaErrors::describeToken);
        if (message.length() > MAX_MESSAGE_CHARS)
        {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        final Matcher matcher = LOCATED.matcher(message);
        if (matcher.matches())
        {
            final String script = matcher.group(1);
            final int line = parseLine(matcher.group(2));
            return new LuaScriptException(script + ":" + line + ": " + matcher.group(3), script, line, cause);
        }
        return new LuaScriptException(
            defaultScript + ": " + message, defaultScript, LuaScriptException.UNKNOWN_LINE, cause);
    }

    /** LuaJ writes a token number and its char cast ("unexpected symbol 125 (})"); say it the way Lua does. */
    private static String describeToken(final MatchResult match)
    {
        final int token = parseLine(match.group(1));
        if (END_OF_FILE_TOKEN == token)
        {
            return "unexpected end of file";
        }
        if (token > 0 && token < FIRST_RESERVED_TOKEN)
        {
            return Matcher.quoteReplacement("unexpected symbol near '" + match.group(2) + "'");
        }
        return "unexpected symbol";
    }

    private static int parseLine(final String digits)
    {
        try
        {
            return Integer.parseInt(digits);
        }
        catch (final NumberFormatException ex)
        {
            return LuaScriptException.UNKNOWN_LINE;
        }
    }
}
