package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.MatchContext;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;

/**
 * A Java game mode named from {@code config.lua} as {@code "java:io.asobi.match.lua.TestJavaGameMode"}.
 */
public final class TestJavaGameMode implements GameMode
{
    private final ModeConfig config = new ModeConfig("java-arena", 3, 2, 5, ModeConfig.FILL, 100, 10, 30, false,
        true, true, JsonNodeFactory.instance.objectNode().put("map", "arena"));

    public ModeConfig config()
    {
        return config;
    }

    public MatchLogic newMatch()
    {
        return new Logic();
    }

    static final class Logic implements MatchLogic
    {
        private int ticks;

        public void init(final MatchContext ctx)
        {
        }

        public String join(final String playerId, final ObjectNode joinCtx)
        {
            return null;
        }

        public void leave(final String playerId)
        {
        }

        public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
        {
        }

        public ObjectNode tick(final long tick)
        {
            ticks++;
            return null;
        }

        public boolean sharedState()
        {
            return true;
        }

        public void writeState(final String playerId, final JsonGenerator out) throws IOException
        {
            out.writeStartObject();
            out.writeNumberField("ticks", ticks);
            out.writeEndObject();
        }

        public int snapshot(final ExpandableArrayBuffer out, final int offset)
        {
            out.putInt(offset, ticks);
            return 4;
        }

        public void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
        {
            if (4 != length)
            {
                throw new IllegalArgumentException("not a snapshot of this mode: " + length + " bytes");
            }
            ticks = src.getInt(offset);
        }
    }

    /** Not a game mode at all. */
    public static final class NotAMode
    {
    }

    /** A game mode without a public no-argument constructor. */
    public static final class NeedsArgument implements GameMode
    {
        public NeedsArgument(final String ignored)
        {
        }

        public ModeConfig config()
        {
            return null;
        }

        public MatchLogic newMatch()
        {
            return null;
        }
    }
}
