package io.asobi.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B4 ({@link ZoneTickBenchmark}) and B7 ({@link ZoneFanoutBenchmark}) at a tiny size: the real zone steps once per
 * benchmark call and does exactly the work of its plain-array baseline; the fan-out hands one shared delta frame per
 * tick to every viewer, and in full mode one keyframe per viewer per tick as well.
 */
class WorldBenchmarksTest
{
    @Test
    void realZoneStepsOncePerCallAndMatchesTheArraysBaseline()
    {
        final ZoneTickBenchmark benchmark = new ZoneTickBenchmark();
        final ZoneTickBenchmark.Zone zone = new ZoneTickBenchmark.Zone();
        zone.npcs = 5000;
        zone.players = 200;
        zone.setUp();
        final ZoneTickBenchmark.Arrays arrays = new ZoneTickBenchmark.Arrays();
        arrays.npcs = zone.npcs;
        arrays.players = zone.players;
        arrays.setUp();
        try
        {
            while (arrays.zone.ticks < zone.logic.zoneTicks)
            {
                benchmark.arraysTick(arrays);
            }
            assertSameWork(zone.logic, arrays.zone);

            final long before = zone.logic.zoneTicks;
            for (int i = 0; i < 120; i++)
            {
                benchmark.zoneTick(zone);
                benchmark.arraysTick(arrays);
            }
            assertThat(zone.logic.zoneTicks).isEqualTo(before + 120);
            assertSameWork(zone.logic, arrays.zone);
            assertThat(zone.logic.hits).isPositive();
            assertThat(zone.logic.deaths).isPositive();
            assertThat(zone.logic.timersFired).isGreaterThanOrEqualTo(
                (zone.npcs + zone.players) * (zone.logic.zoneTicks / ZoneSystems.COOLDOWN_TICKS));
            assertThat(zone.fixture.outbound.frames).isZero();
            assertThat(zone.fixture.outbound.keyframes).isZero();
        }
        finally
        {
            zone.tearDown();
            arrays.tearDown();
        }
    }

    private static void assertSameWork(final ZoneSystemsLogic logic, final ArraysZone arrays)
    {
        assertThat(arrays.ticks).isEqualTo(logic.zoneTicks);
        assertThat(logic.hits).as("hits").isEqualTo(arrays.hits);
        assertThat(logic.deaths).as("deaths").isEqualTo(arrays.deaths);
        assertThat(logic.timersFired).as("timers").isEqualTo(arrays.timersFired);
    }

    @Test
    void deltaModeSendsOneSharedFramePerTickToEveryViewer()
    {
        final ZoneFanoutBenchmark benchmark = fanout("delta");
        try
        {
            for (int i = 0; i < 40; i++)
            {
                benchmark.broadcastTick();
            }
            final WorldFixture.CountingOutbound out = benchmark.fixture.outbound;
            assertThat(out.frames).isEqualTo(40L * benchmark.viewers);
            assertThat(out.distinctFrames).isEqualTo(40);
            assertThat(out.keyframes).isZero();
            final String last = new String(out.lastFrame(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(last).startsWith("{\"type\":\"world.tick\"").contains("\"zone\":[1,1]").contains("\"op\":\"u\"");
            assertThat(out.bytes / out.frames).isGreaterThan(benchmark.npcs * 10L);
        }
        finally
        {
            benchmark.tearDown();
        }
    }

    @Test
    void fullModeAddsOneKeyframePerViewerPerTickLargerThanTheDelta()
    {
        final ZoneFanoutBenchmark benchmark = fanout("full");
        try
        {
            for (int i = 0; i < 40; i++)
            {
                benchmark.broadcastTick();
            }
            final WorldFixture.CountingOutbound out = benchmark.fixture.outbound;
            assertThat(benchmark.refused).isZero();
            assertThat(out.frames).isEqualTo(40L * benchmark.viewers);
            assertThat(out.keyframes).isEqualTo(40L * benchmark.viewers);
            assertThat(out.distinctFrames).isEqualTo(80);
            assertThat(out.keyframeBytes / out.keyframes).isGreaterThan(out.bytes / out.frames);
        }
        finally
        {
            benchmark.tearDown();
        }
    }

    @Test
    void stillNpcsCostTheDeltaNothing()
    {
        final ZoneFanoutBenchmark benchmark = fanout("full", 25);
        try
        {
            for (int i = 0; i < 40; i++)
            {
                benchmark.broadcastTick();
            }
            final WorldFixture.CountingOutbound out = benchmark.fixture.outbound;
            final String last = new String(out.lastFrame(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(last).contains("\"kf\":false");
            assertThat(last.split("\"op\":\"u\"", -1)).hasSize(benchmark.npcs / 4 + 1);
            assertThat(out.frames).isEqualTo(40L * benchmark.viewers);
            assertThat(out.bytes * 3).isLessThan(out.keyframeBytes);
        }
        finally
        {
            benchmark.tearDown();
        }
    }

    private static ZoneFanoutBenchmark fanout(final String mode)
    {
        return fanout(mode, 100);
    }

    private static ZoneFanoutBenchmark fanout(final String mode, final int movingPercent)
    {
        final ZoneFanoutBenchmark benchmark = new ZoneFanoutBenchmark();
        benchmark.viewers = 25;
        benchmark.npcs = 40;
        benchmark.movingPercent = movingPercent;
        benchmark.mode = mode;
        benchmark.setUp();
        return benchmark;
    }
}
