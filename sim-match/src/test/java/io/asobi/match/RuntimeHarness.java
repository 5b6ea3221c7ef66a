package io.asobi.match;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link MatchRuntime} in invoker mode with hand-driven clocks, for tests: no threads, no sleeps.
 */
final class RuntimeHarness implements AutoCloseable
{
    static final long T0_NS = TimeUnit.SECONDS.toNanos(1000);
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final CachedNanoClock clock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final RecordingOutbound outbound = new RecordingOutbound(events);
    final TestModes modes = new TestModes();
    final List<ScriptedLogic> logics = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();
    MatchRuntime runtime;

    RuntimeHarness()
    {
        clock.update(T0_NS);
        epochClock.update(1_700_000_000_000L);
    }

    /** A mode whose matches are {@link ScriptedLogic}s recorded in {@link #logics}. */
    RuntimeHarness mode(final ModeConfig config)
    {
        return mode(config, logic -> {});
    }

    RuntimeHarness mode(final ModeConfig config, final Consumer<ScriptedLogic> setup)
    {
        modes.add(config, () ->
        {
            final ScriptedLogic logic = new ScriptedLogic(events);
            setup.accept(logic);
            logics.add(logic);
            return logic;
        });
        return this;
    }

    MatchRuntime.Context context()
    {
        return new MatchRuntime.Context()
            .gameModes(modes)
            .outbound(outbound)
            .invokerMode(true)
            .nanoClock(clock)
            .epochClock(epochClock)
            .inputRingCapacity(64)
            .maxInputBytes(512)
            .idGenerator(() -> "id-" + ids.incrementAndGet())
            .seedGenerator(() -> 42L)
            .errorHandler(errors::add);
    }

    RuntimeHarness launch()
    {
        return launch(context());
    }

    RuntimeHarness launch(final MatchRuntime.Context ctx)
    {
        runtime = MatchRuntime.launch(ctx);
        return this;
    }

    /** Duty cycles at the current time until one does no work (bounded). */
    void settle()
    {
        for (int i = 0; i < 100; i++)
        {
            if (0 == runtime.doWork())
            {
                return;
            }
        }
        throw new AssertionError("runtime did not settle");
    }

    /** Advance the clock in 1 ms steps, settling at each. */
    void advanceMs(final long ms)
    {
        settle();
        for (long i = 0; i < ms; i++)
        {
            clock.advance(MS);
            epochClock.advance(1);
            settle();
        }
    }

    ScriptedLogic logic(final int index)
    {
        return logics.get(index);
    }

    RecordingReply join(final String playerId, final String matchId)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.join(playerId, matchId, null, reply);
        return reply;
    }

    RecordingReply findOrCreate(final String playerId, final String mode)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.findOrCreate(playerId, mode, null, reply);
        return reply;
    }

    RecordingReply leave(final String playerId)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.leave(playerId, reply);
        return reply;
    }

    RecordingReply queue(final String playerId, final String mode)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.matchmakerAdd(playerId, mode, null, reply);
        return reply;
    }

    InputResult input(final String playerId, final String json)
    {
        final byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return runtime.input(playerId, bytes, 0, bytes.length);
    }

    public void close()
    {
        if (null != runtime)
        {
            runtime.close();
        }
    }
}
