package io.asobi.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.world.WorldConfig;
import io.asobi.world.WorldLogic;
import io.asobi.world.WorldMode;
import io.asobi.world.WorldOutbound;
import io.asobi.world.WorldReply;
import io.asobi.world.WorldRuntime;
import io.asobi.world.ZoneSubscriptionListener;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

/**
 * A real {@link WorldRuntime} in invoker mode with hand-driven clocks, one mode and one logic instance, for the world
 * benchmarks: {@link #tick()} advances the clock by one tick period and runs the duty cycle on the calling thread.
 */
final class WorldFixture implements AutoCloseable
{
    static final long T0_NS = TimeUnit.SECONDS.toNanos(1000);

    final CachedNanoClock clock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final CountingOutbound outbound = new CountingOutbound();
    final WorldConfig config;
    final WorldLogic logic;
    final long periodNs;
    final WorldRuntime runtime;
    private final AtomicLong ids = new AtomicLong();

    WorldFixture(final WorldConfig config, final WorldLogic logic, final int zoneEntityCapacity)
    {
        this.config = config;
        this.logic = logic;
        // Rounded up: the tick engine's deadlines are floor(k x 1 s / rate), so a rounded-down step would now and then
        // fall 1 ns short of one and skip a tick.
        this.periodNs = (TimeUnit.SECONDS.toNanos(1) + config.tickRateHz() - 1) / config.tickRateHz();
        clock.update(T0_NS);
        epochClock.update(1_700_000_000_000L);
        final WorldMode mode = new WorldMode()
        {
            public WorldConfig config()
            {
                return config;
            }

            public WorldLogic newWorld()
            {
                return logic;
            }
        };
        runtime = WorldRuntime.launch(new WorldRuntime.Context()
            .worldModes(name -> config.name().equals(name) ? mode : null)
            .outbound(outbound)
            .subscriptionListener(new ZoneSubscriptionListener()
            {
                public void zoneSubscribed(final String worldId, final String playerId, final int x, final int y)
                {
                }

                public void zoneUnsubscribed(final String worldId, final String playerId, final int x, final int y)
                {
                }
            })
            .invokerMode(true)
            .nanoClock(clock)
            .epochClock(epochClock)
            .zoneEntityCapacity(zoneEntityCapacity)
            .resyncLimit(1000)
            .resyncWindowMs(1)
            .resyncGlobalPerSecond(1_000_000)
            .idGenerator(() -> "w" + ids.incrementAndGet())
            .seedGenerator(() -> 20_260_601L)
            .errorHandler(ex ->
            {
                throw new IllegalStateException("world runtime error", ex);
            }));
    }

    /** Advance one tick period and run one duty cycle; returns its work count. */
    int tick()
    {
        clock.advance(periodNs);
        epochClock.advance(periodNs / 1_000_000);
        return runtime.doWork();
    }

    /** Duty cycles at the current time until one does no work (bounded). */
    void settle()
    {
        for (int i = 0; i < 1000; i++)
        {
            if (0 == runtime.doWork())
            {
                return;
            }
        }
        throw new IllegalStateException("runtime did not settle");
    }

    /** Create the world with {@code playerId} in it; returns the world id. */
    String create(final String playerId)
    {
        final Reply reply = new Reply();
        runtime.create(playerId, config.name(), reply);
        return reply.await(this).get("world_id").asText();
    }

    /** Join {@code playerId} to a world, waiting for the reply. */
    void join(final String playerId, final String worldId)
    {
        final Reply reply = new Reply();
        runtime.join(playerId, worldId, null, reply);
        reply.await(this);
    }

    /** Leave the world, waiting for the reply. */
    void leave(final String playerId)
    {
        final Reply reply = new Reply();
        runtime.leave(playerId, reply);
        reply.await(this);
    }

    public void close()
    {
        runtime.close();
    }

    /** A reply waited for by ticking the runtime. */
    static final class Reply implements WorldReply
    {
        private volatile ObjectNode payload;
        private volatile String error;

        public void ok(final String type, final ObjectNode payload)
        {
            this.payload = payload;
        }

        public void error(final String reason, final ObjectNode details)
        {
            this.error = reason;
        }

        ObjectNode await(final WorldFixture fixture)
        {
            for (int i = 0; i < 1000 && null == payload && null == error; i++)
            {
                fixture.tick();
                fixture.settle();
            }
            if (null == payload)
            {
                throw new IllegalStateException("no ok reply: " + error);
            }
            return payload;
        }
    }

    /**
     * A {@link WorldOutbound} that counts frames and bytes, apart for keyframes ({@code "kf":true}); a frame array
     * seen again (the same encoding fanned out) is classified once.
     */
    static final class CountingOutbound implements WorldOutbound
    {
        private static final byte[] KF_TRUE = "\"kf\":true".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private byte[] lastFrame;
        private boolean lastIsKeyframe;
        long frames;
        long bytes;
        long keyframes;
        long keyframeBytes;
        long distinctFrames;

        public void send(final String playerId, final byte[] frame)
        {
            if (frame != lastFrame)
            {
                lastFrame = frame;
                lastIsKeyframe = contains(frame, KF_TRUE);
                distinctFrames++;
            }
            if (lastIsKeyframe)
            {
                keyframes++;
                keyframeBytes += frame.length;
            }
            else
            {
                frames++;
                bytes += frame.length;
            }
        }

        void reset()
        {
            lastFrame = null;
            frames = 0;
            bytes = 0;
            keyframes = 0;
            keyframeBytes = 0;
            distinctFrames = 0;
        }

        byte[] lastFrame()
        {
            return lastFrame;
        }

        private static boolean contains(final byte[] haystack, final byte[] needle)
        {
            outer:
            for (int i = 0, end = haystack.length - needle.length; i <= end; i++)
            {
                for (int k = 0; k < needle.length; k++)
                {
                    if (haystack[i + k] != needle[k])
                    {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
