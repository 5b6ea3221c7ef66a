package io.asobi.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * A Java {@link MatchLogic} for tests: records every call, and can be told to refuse joins, finish, or throw.
 * State: {@code {"tick":n,"inputs":count,"for":playerId|null}}.
 */
class ScriptedLogic implements MatchLogic
{
    final List<String> calls = new ArrayList<>();
    final List<String> inputs = new ArrayList<>();
    private final List<String> events;
    MatchContext ctx;
    boolean isShared = true;
    BiFunction<String, ObjectNode, String> joinPolicy = (player, joinCtx) -> null;
    LongFunction<ObjectNode> finishAt = tick -> null;
    volatile boolean throwOnTick;
    volatile boolean throwOnInput;
    volatile boolean throwOnWriteState;
    volatile boolean throwOnInit;
    long lastTick = -1;
    int tickCount;
    boolean isClosed;

    ScriptedLogic(final List<String> events)
    {
        this.events = events;
    }

    private void record(final String call)
    {
        calls.add(call);
        if (null != events)
        {
            events.add(call);
        }
    }

    public void init(final MatchContext ctx)
    {
        record("init");
        if (throwOnInit)
        {
            throw new IllegalStateException("init boom");
        }
        this.ctx = ctx;
    }

    public String join(final String playerId, final ObjectNode joinCtx)
    {
        record("join " + playerId + (null == joinCtx ? "" : " " + joinCtx));
        return joinPolicy.apply(playerId, joinCtx);
    }

    public void leave(final String playerId)
    {
        record("leave " + playerId);
    }

    public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
    {
        if (throwOnInput)
        {
            throw new IllegalStateException("input boom");
        }
        inputs.add(playerId + " " + new String(json, offset, length, StandardCharsets.UTF_8));
    }

    public ObjectNode tick(final long tick)
    {
        lastTick = tick;
        tickCount++;
        if (throwOnTick)
        {
            throw new IllegalStateException("tick boom");
        }
        return finishAt.apply(tick);
    }

    public boolean sharedState()
    {
        return isShared;
    }

    public void writeState(final String playerId, final JsonGenerator out) throws IOException
    {
        if (throwOnWriteState)
        {
            out.writeStartObject();
            throw new IOException("state boom");
        }
        out.writeStartObject();
        out.writeNumberField("tick", lastTick);
        out.writeNumberField("inputs", inputs.size());
        if (null == playerId)
        {
            out.writeNullField("for");
        }
        else
        {
            out.writeStringField("for", playerId);
        }
        out.writeEndObject();
    }

    public void close()
    {
        isClosed = true;
        record("close");
    }
}
