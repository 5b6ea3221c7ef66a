package io.asobi.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A Java mode for the end-to-end crash tests ({@code fragile} in the e2e game dir): two players; each input
 * {@code {"add": n}} adds n to a shared total; an input {@code {"crash": true}} throws from {@code handleInput},
 * the way a bug in game code would. State: {@code {"tick": t, "total": n}}. It snapshots its two numbers.
 */
public final class FragileMode implements GameMode
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ModeConfig config = new ModeConfig("fragile", 2, 2, 2, ModeConfig.FILL, 0, 0, 20, true, true,
        true, JsonNodeFactory.instance.objectNode());

    public ModeConfig config()
    {
        return config;
    }

    public MatchLogic newMatch()
    {
        return new Logic();
    }

    private static final class Logic implements MatchLogic
    {
        private long tick;
        private long total;

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
            final ObjectNode input;
            try
            {
                input = (ObjectNode)JSON.readTree(json, offset, length);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException(ex);
            }
            if (input.path("crash").asBoolean())
            {
                throw new IllegalStateException("a bug in the game code");
            }
            total += input.path("add").asLong();
        }

        public ObjectNode tick(final long tick)
        {
            this.tick = tick;
            return null;
        }

        public boolean sharedState()
        {
            return true;
        }

        public void writeState(final String playerId, final JsonGenerator out) throws IOException
        {
            out.writeStartObject();
            out.writeNumberField("tick", tick);
            out.writeNumberField("total", total);
            out.writeEndObject();
        }

        public int snapshot(final ExpandableArrayBuffer out, final int offset)
        {
            out.putLong(offset, tick);
            out.putLong(offset + Long.BYTES, total);
            return 2 * Long.BYTES;
        }

        public void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
        {
            if (2 * Long.BYTES != length)
            {
                throw new IllegalArgumentException("not a fragile snapshot");
            }
            tick = src.getLong(offset);
            total = src.getLong(offset + Long.BYTES);
        }
    }
}
