package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link WorldRuntime} in invoker mode with hand-driven clocks, for tests: no threads, no sleeps.
 */
final class WorldHarness implements AutoCloseable
{
    static final long T0_NS = TimeUnit.SECONDS.toNanos(1000);
    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final CachedNanoClock clock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final RecordingOutbound outbound = new RecordingOutbound();
    final List<WalkLogic> logics = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    final List<String> ringEvents = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, WorldMode> modes = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    WorldRuntime runtime;

    WorldHarness()
    {
        clock.update(T0_NS);
        epochClock.update(1_700_000_000_000L);
    }

    /** A 4x4 world of 100-unit zones, 10 Hz, a broadcast every tick, view radius 1, listed, quick play. */
    static WorldConfig small(final String name)
    {
        return WorldConfig.defaults(name).withGrid(4, 100, 1).withRates(10, 1).withDiscovery(true, true);
    }

    WorldHarness mode(final WorldConfig config)
    {
        return mode(config, logic -> {});
    }

    WorldHarness mode(final WorldConfig config, final Consumer<WalkLogic> setup)
    {
        modes.put(config.name(), new WorldMode()
        {
            public WorldConfig config()
            {
                return config;
            }

            public WorldLogic newWorld()
            {
                final WalkLogic logic = new WalkLogic();
                setup.accept(logic);
                logics.add(logic);
                return logic;
            }
        });
        return this;
    }

    WorldRuntime.Context context()
    {
        return new WorldRuntime.Context()
            .worldModes(modes::get)
            .outbound(outbound)
            .subscriptionListener(new ZoneSubscriptionListener()
            {
                public void zoneSubscribed(final String worldId, final String playerId, final int x, final int y)
                {
                    ringEvents.add("+" + playerId + "@" + x + "," + y);
                }

                public void zoneUnsubscribed(final String worldId, final String playerId, final int x, final int y)
                {
                    ringEvents.add("-" + playerId + "@" + x + "," + y);
                }
            })
            .invokerMode(true)
            .nanoClock(clock)
            .epochClock(epochClock)
            .inputRingCapacity(256)
            .maxInputBytes(512)
            .idGenerator(() -> "w" + ids.incrementAndGet())
            .seedGenerator(() -> 42L)
            .errorHandler(errors::add);
    }

    WorldHarness launch()
    {
        return launch(context());
    }

    WorldHarness launch(final WorldRuntime.Context ctx)
    {
        runtime = WorldRuntime.launch(ctx);
        settle();
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

    RecordingReply create(final String playerId, final String mode)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.create(playerId, mode, reply);
        return reply;
    }

    RecordingReply findOrCreate(final String playerId, final String mode)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.findOrCreate(playerId, mode, reply);
        return reply;
    }

    RecordingReply join(final String playerId, final String worldId)
    {
        return join(playerId, worldId, null);
    }

    RecordingReply join(final String playerId, final String worldId, final ObjectNode ctx)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.join(playerId, worldId, ctx, reply);
        return reply;
    }

    RecordingReply leave(final String playerId)
    {
        final RecordingReply reply = new RecordingReply();
        runtime.leave(playerId, reply);
        return reply;
    }

    WorldInputResult input(final String playerId, final String json)
    {
        return input(playerId, -1, json);
    }

    WorldInputResult input(final String playerId, final long seq, final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return runtime.input(playerId, seq, bytes, 0, bytes.length);
    }

    /** Create a world with a first player in it; returns its id. */
    String createWith(final String playerId, final String mode)
    {
        final RecordingReply reply = create(playerId, mode);
        advanceMs(200);
        if (!reply.isOk())
        {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.payload.get("world_id").asText();
    }

    WalkLogic logic(final int index)
    {
        return logics.get(index);
    }

    WorldInstance world(final String worldId)
    {
        return runtime.world(worldId);
    }

    public void close()
    {
        if (null != runtime)
        {
            runtime.close();
        }
    }
}
