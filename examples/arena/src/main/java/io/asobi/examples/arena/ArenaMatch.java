package io.asobi.examples.arena;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.MatchContext;
import io.asobi.match.MatchLogic;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteOrder;

/**
 * One arena match: adapts {@link ArenaSimulation} to the match runtime's {@link MatchLogic}.
 * <p>
 * Input: {@code {"move_x":-1..1, "move_y":-1..1, "shoot":bool, "aim_x":-1..1, "aim_y":-1..1}} (aim is a
 * direction); missing movement reads as 0 and a missing {@code shoot} as false, unknown keys are ignored, and input
 * that is not a JSON object is ignored. The match finishes when a player reaches {@code score_to_win} hits (mode
 * setting, default {@value ArenaMode#SCORE_TO_WIN_DEFAULT}; 0 never finishes) with
 * {@code {"winner":id, "scores":{id:points}}}.
 * <p>
 * Snapshots: the last tick and the whole {@link ArenaSimulation} ({@link ArenaSimulation#writeSnapshot}).
 */
final class ArenaMatch implements MatchLogic
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = LoggerFactory.getLogger(ArenaMatch.class);

    private final int scoreToWin;
    private ArenaSimulation arena;
    private long lastTick = -1;

    ArenaMatch(final int scoreToWin)
    {
        this.scoreToWin = scoreToWin;
    }

    public void init(final MatchContext ctx)
    {
        arena = new ArenaSimulation(ctx.seed());
    }

    public String join(final String playerId, final ObjectNode joinCtx)
    {
        arena.addPlayer(playerId);
        return null;
    }

    public void leave(final String playerId)
    {
        arena.removePlayer(playerId);
    }

    public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
    {
        float moveX = 0;
        float moveY = 0;
        boolean shoot = false;
        float aimX = 0;
        float aimY = 0;
        try (JsonParser parser = JSON.createParser(json, offset, length))
        {
            if (JsonToken.START_OBJECT != parser.nextToken())
            {
                return;
            }
            while (JsonToken.FIELD_NAME == parser.nextToken())
            {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                switch (name)
                {
                    case "move_x" -> moveX = number(parser, value);
                    case "move_y" -> moveY = number(parser, value);
                    case "aim_x" -> aimX = number(parser, value);
                    case "aim_y" -> aimY = number(parser, value);
                    case "shoot" -> shoot = JsonToken.VALUE_TRUE == value ||
                        (value.isNumeric() && 0 != parser.getDoubleValue());
                    default -> parser.skipChildren();
                }
            }
        }
        catch (final IOException ex)
        {
            return;
        }
        arena.applyInput(playerId, moveX, moveY, shoot, aimX, aimY);
    }

    public ObjectNode tick(final long tick)
    {
        lastTick = tick;
        arena.step();
        if (scoreToWin <= 0)
        {
            return null;
        }

        String winner = null;
        int best = 0;
        for (int i = 0, n = arena.playerCount(); i < n; i++)
        {
            final String playerId = arena.playerId(i);
            final int score = arena.score(playerId);
            if (score >= scoreToWin && score > best)
            {
                best = score;
                winner = playerId;
            }
        }
        return null == winner ? null : result(winner);
    }

    private ObjectNode result(final String winner)
    {
        final ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("winner", winner);
        final ObjectNode scores = result.putObject("scores");
        for (int i = 0, n = arena.playerCount(); i < n; i++)
        {
            final String playerId = arena.playerId(i);
            scores.put(playerId, arena.score(playerId));
        }
        return result;
    }

    public boolean sharedState()
    {
        return true;
    }

    public void writeState(final String playerId, final JsonGenerator out) throws IOException
    {
        arena.writeState(out);
    }

    /**
     * {@inheritDoc}
     */
    public int snapshot(final ExpandableArrayBuffer out, final int offset)
    {
        if (null == arena)
        {
            return -1;
        }
        try
        {
            out.putLong(offset, lastTick, ByteOrder.LITTLE_ENDIAN);
            return 8 + arena.writeSnapshot(out, offset + 8);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("arena snapshot failed", ex);
            return -1;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
    {
        if (null != arena)
        {
            throw new IllegalStateException("restore replaces init: this match has already started");
        }
        if (null == src || offset < 0 || length < 8 || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException("arena snapshot: bad range " + offset + "+" + length);
        }
        final ArenaSimulation restored = new ArenaSimulation(ctx.seed());
        restored.restoreSnapshot(src, offset + 8, length - 8);
        lastTick = src.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        arena = restored;
    }

    ArenaSimulation arena()
    {
        return arena;
    }

    long lastTick()
    {
        return lastTick;
    }

    private static float number(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (null != value && value.isNumeric())
        {
            return (float)parser.getDoubleValue();
        }
        parser.skipChildren();
        return 0;
    }
}
