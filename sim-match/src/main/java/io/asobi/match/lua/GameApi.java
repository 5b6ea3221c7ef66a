package io.asobi.match.lua;

import io.asobi.match.MatchContext;
import org.agrona.concurrent.NanoClock;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code game} table of one VM (asobi-spec §5.3): {@code game.id()}, {@code game.log(level, msg[, meta])},
 * {@code game.broadcast(event, payload)}, {@code game.send(player_id, message)} and
 * {@code game.match.set_joinable(bool)}, on top of a {@link MatchContext}.
 * <p>
 * Plain return convention: {@code true} (or the id) on success; wrong arguments return {@code {error = "..."}} and
 * send nothing. While a mode is being loaded there is no match: {@code game.id} and {@code game.log} work, the others
 * return an error table.
 * <p>
 * <b>Note:</b> single-threaded, like its VM.
 */
final class GameApi
{
    /** Longest {@code game.log} message, in characters; longer ones are cut. */
    static final int MAX_LOG_CHARS = 500;

    /** Longest encoded {@code game.log} meta; larger becomes {@code {"_truncated":true}}. */
    static final int MAX_META_BYTES = 2048;

    /** {@code game.log} lines per second per match (Asobi: 30). */
    static final int LOG_LINES_PER_SECOND = 30;

    /** Largest encoded payload of {@code game.broadcast} and {@code game.send}. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Event names {@code game.broadcast} refuses: the server's own {@code match.*} frames. */
    static final Set<String> RESERVED_EVENTS = Set.of(
        "state", "tick", "ack", "terrain", "list", "left", "joined", "finished", "phase_changed", "matched",
        "matchmaker_failed", "matchmaker_expired", "vote_start", "vote_tally", "vote_result", "vote_vetoed");

    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("io.asobi.match.lua.game");
    private static final LuaString ERROR = LuaValue.valueOf("error");

    private final ScriptRuntime runtime;
    private final String eventPrefix;
    private final MatchContext match;
    private final NanoClock clock;
    private final String tag;
    private final RateLimiter logLimiter = new RateLimiter(LOG_LINES_PER_SECOND, TimeUnit.SECONDS.toNanos(1));
    private final FrameEncoder frames = new FrameEncoder();
    private final LuaTable table = new LuaTable();

    /**
     * @param runtime shared services.
     * @param match   the match, or null while a mode is loaded.
     * @param clock   time for the log limit.
     * @param tag     prefix of log lines, such as {@code "match 0198..."}.
     */
    GameApi(final ScriptRuntime runtime, final MatchContext match, final NanoClock clock, final String tag)
    {
        this(runtime, match, clock, tag, "match.");
    }

    /**
     * @param runtime     shared services.
     * @param match       where frames go, or null while a mode is loaded.
     * @param clock       time for the log limit.
     * @param tag         prefix of log lines.
     * @param eventPrefix prefix of {@code game.broadcast} events: {@code "match."} or {@code "world."}.
     */
    GameApi(
        final ScriptRuntime runtime,
        final MatchContext match,
        final NanoClock clock,
        final String tag,
        final String eventPrefix)
    {
        this.eventPrefix = eventPrefix;
        this.runtime = runtime;
        this.match = match;
        this.clock = clock;
        this.tag = tag;
        table.rawset("id", new Id());
        table.rawset("log", new Log());
        table.rawset("broadcast", new Broadcast());
        table.rawset("send", new Send());
        final LuaTable matchTable = new LuaTable();
        matchTable.rawset("set_joinable", new SetJoinable());
        table.rawset("match", matchTable);
        MetagameApi.install(table, match);
    }

    /**
     * The {@code game} table to install in the VM's globals.
     *
     * @return the table.
     */
    LuaTable table()
    {
        return table;
    }

    /**
     * The frame encoder of this VM, also used for dev error frames.
     *
     * @return the encoder.
     */
    FrameEncoder frames()
    {
        return frames;
    }

    static LuaTable errorTable(final String message)
    {
        final LuaTable t = new LuaTable();
        t.rawset(ERROR, LuaValue.valueOf(message));
        return t;
    }

    private LuaTable noMatch(final String function)
    {
        return errorTable(function + ": not available outside a match");
    }

    private final class Id extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (0 != args.narg())
            {
                return errorTable("game.id: expected no arguments");
            }
            return LuaValue.valueOf(runtime.ids().get());
        }
    }

    private final class Log extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (args.narg() < 2 || args.narg() > 3)
            {
                return errorTable("game.log: expected (level, msg[, meta])");
            }
            final LuaValue level = args.arg1();
            final LuaValue msg = args.arg(2);
            final LuaValue meta = args.arg(3);
            if (!level.isstring() || level.isnumber())
            {
                return errorTable("game.log: level must be a string");
            }
            if (!msg.isstring())
            {
                return errorTable("game.log: msg must be a string");
            }
            if (!meta.isnil() && !meta.istable())
            {
                return errorTable("game.log: meta must be a table");
            }
            final String levelName = level.tojstring();
            if (!isLevel(levelName))
            {
                return errorTable("game.log: unknown level '" + levelName + "' (debug, info, warn, warning, error)");
            }

            final long nowNs = clock.nanoTime();
            if (!logLimiter.tryAcquire(nowNs) || !runtime.tryNodeLogLine(nowNs))
            {
                return LuaValue.FALSE;
            }
            final long dropped = logLimiter.takeRefused();
            String text = LuaJson.javaString(msg.checkstring());
            if (text.length() > MAX_LOG_CHARS)
            {
                text = text.substring(0, MAX_LOG_CHARS);
            }
            final String metaText = meta.isnil() ? "" : " " + metaJson(meta);
            final String droppedText = 0 == dropped ? "" : " [" + dropped + " game.log lines dropped before]";
            switch (levelName)
            {
                case "debug" -> LOG.debug("[{}] {}{}{}", tag, text, metaText, droppedText);
                case "info" -> LOG.info("[{}] {}{}{}", tag, text, metaText, droppedText);
                case "warn", "warning" -> LOG.warn("[{}] {}{}{}", tag, text, metaText, droppedText);
                default -> LOG.error("[{}] {}{}{}", tag, text, metaText, droppedText);
            }
            return LuaValue.TRUE;
        }

        private static boolean isLevel(final String level)
        {
            return switch (level)
            {
                case "debug", "info", "warn", "warning", "error" -> true;
                default -> false;
            };
        }

        private String metaJson(final LuaValue meta)
        {
            try
            {
                final int length = frames.encodePayload(meta);
                if (length > MAX_META_BYTES)
                {
                    return "{\"_truncated\":true}";
                }
                return new String(frames.payloadBytes(), StandardCharsets.UTF_8);
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                return "{\"_unencodable\":\"" + ex.getMessage().replace('"', '\'') + "\"}";
            }
        }
    }

    private final class Broadcast extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (args.narg() != 2)
            {
                return errorTable("game.broadcast: expected (event, payload)");
            }
            final LuaValue event = args.arg1();
            final LuaValue payload = args.arg(2);
            if (!event.isstring() || event.isnumber())
            {
                return errorTable("game.broadcast: event must be a string");
            }
            final String name = event.tojstring();
            if (!EVENT_NAME.matcher(name).matches())
            {
                return errorTable("game.broadcast: event must be 1 to 64 of [A-Za-z0-9_-]");
            }
            if (RESERVED_EVENTS.contains(name))
            {
                return errorTable("game.broadcast: event '" + name + "' is reserved");
            }
            if (!payload.istable())
            {
                return errorTable("game.broadcast: payload must be a table");
            }
            if (null == match)
            {
                return noMatch("game.broadcast");
            }
            try
            {
                if (frames.encodePayload(payload) > MAX_PAYLOAD_BYTES)
                {
                    return errorTable("game.broadcast: payload larger than " + MAX_PAYLOAD_BYTES + " bytes");
                }
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                return errorTable("game.broadcast: " + ex.getMessage());
            }
            match.broadcastFrame(frames.frame(eventPrefix + name));
            return LuaValue.TRUE;
        }
    }

    private final class Send extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (args.narg() != 2)
            {
                return errorTable("game.send: expected (player_id, message)");
            }
            final LuaValue playerId = args.arg1();
            if (!playerId.isstring() || playerId.isnumber())
            {
                return errorTable("game.send: player_id must be a string");
            }
            if (null == match)
            {
                return noMatch("game.send");
            }
            try
            {
                if (frames.encodeModuleMessage(args.arg(2)) > MAX_PAYLOAD_BYTES)
                {
                    return errorTable("game.send: message larger than " + MAX_PAYLOAD_BYTES + " bytes");
                }
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                return errorTable("game.send: " + ex.getMessage());
            }
            final String player = LuaJson.javaString(playerId.checkstring());
            if (runtime.legacyGameFrames())
            {
                match.sendFrame(player, frames.frame("game.message"));
            }
            match.sendFrame(player, frames.frame("module.message"));
            return LuaValue.TRUE;
        }
    }

    private final class SetJoinable extends VarArgFunction
    {
        public Varargs invoke(final Varargs args)
        {
            if (args.narg() != 1 || !args.arg1().isboolean())
            {
                return errorTable("game.match.set_joinable: expected (boolean)");
            }
            if (null == match)
            {
                return noMatch("game.match.set_joinable");
            }
            match.setJoinable(args.arg1().toboolean());
            return LuaValue.TRUE;
        }
    }
}
