package io.asobi.tools;

import java.util.Arrays;
import java.util.List;

/**
 * The arithmetic of {@code asobi load world}'s report: per-bot rates over the measured interval and their spread
 * over bots, plus the server's tick-thread load. No I/O.
 */
final class WorldLoadReport
{
    /**
     * What one bot had received and sent up to a moment (a copy taken on the bot's event loop).
     *
     * @param frames       frames received, by {@link WorldFrameKind} ordinal.
     * @param payloadBytes text payload bytes received, by {@link WorldFrameKind} ordinal.
     * @param wireBytes    bytes read from the socket (TCP payload: WebSocket headers included).
     * @param inputsSent   {@code world.input} frames sent.
     * @param atNs         when the copy was taken ({@link System#nanoTime()}); in a {@link #delta} the length of
     *                     the bot's interval, in {@link #sum} the sum of the bots' intervals.
     */
    record Counters(long[] frames, long[] payloadBytes, long wireBytes, long inputsSent, long atNs)
    {
        Counters
        {
            if (frames.length != WorldFrameKind.VALUES.length || payloadBytes.length != WorldFrameKind.VALUES.length)
            {
                throw new IllegalArgumentException("one counter per frame kind");
            }
        }

        static Counters zero()
        {
            return new Counters(new long[WorldFrameKind.VALUES.length], new long[WorldFrameKind.VALUES.length], 0, 0, 0);
        }

        long totalFrames()
        {
            return Arrays.stream(frames).sum();
        }

        long totalPayloadBytes()
        {
            return Arrays.stream(payloadBytes).sum();
        }
    }

    /**
     * Mean, median, 99th percentile and maximum of one value over bots.
     *
     * @param mean arithmetic mean.
     * @param p50  median (nearest rank).
     * @param p99  99th percentile (nearest rank).
     * @param max  largest.
     */
    record Spread(double mean, double p50, double p99, double max)
    {
        static Spread of(final double[] values)
        {
            if (0 == values.length)
            {
                return new Spread(0, 0, 0, 0);
            }
            final double[] sorted = values.clone();
            Arrays.sort(sorted);
            final double mean = Arrays.stream(sorted).sum() / sorted.length;
            return new Spread(mean, nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[sorted.length - 1]);
        }

        String format(final String unit)
        {
            return String.format("mean %.0f, p50 %.0f, p99 %.0f, max %.0f %s", mean, p50, p99, max, unit);
        }
    }

    private WorldLoadReport()
    {
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value with at least {@code percentile} % of the
     * values at or below it.
     *
     * @param sorted     ascending, not empty.
     * @param percentile 0 to 100.
     * @return the value.
     */
    static double nearestRank(final double[] sorted, final double percentile)
    {
        if (0 == sorted.length || percentile < 0 || percentile > 100)
        {
            throw new IllegalArgumentException("need values and a percentile in 0..100");
        }
        final int rank = (int)Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The difference of two counters of one bot.
     *
     * @param before at the start of the interval.
     * @param after  at its end.
     * @return after minus before.
     */
    static Counters delta(final Counters before, final Counters after)
    {
        final long[] frames = new long[WorldFrameKind.VALUES.length];
        final long[] bytes = new long[WorldFrameKind.VALUES.length];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = after.frames()[i] - before.frames()[i];
            bytes[i] = after.payloadBytes()[i] - before.payloadBytes()[i];
        }
        return new Counters(frames, bytes, after.wireBytes() - before.wireBytes(),
            after.inputsSent() - before.inputsSent(), after.atNs() - before.atNs());
    }

    /**
     * Per-bot payload bytes per second over an interval.
     *
     * @param deltas each bot's counters over its interval ({@link #delta}).
     * @return the spread over bots.
     */
    static Spread payloadBytesPerSecond(final List<Counters> deltas)
    {
        return Spread.of(deltas.stream().mapToDouble(d -> d.totalPayloadBytes() / seconds(d)).toArray());
    }

    /**
     * Per-bot wire bytes per second over an interval.
     *
     * @param deltas each bot's counters over its interval ({@link #delta}).
     * @return the spread over bots.
     */
    static Spread wireBytesPerSecond(final List<Counters> deltas)
    {
        return Spread.of(deltas.stream().mapToDouble(d -> d.wireBytes() / seconds(d)).toArray());
    }

    /**
     * Per-bot frames per second over an interval.
     *
     * @param deltas each bot's counters over its interval ({@link #delta}).
     * @return the spread over bots.
     */
    static Spread framesPerSecond(final List<Counters> deltas)
    {
        return Spread.of(deltas.stream().mapToDouble(d -> d.totalFrames() / seconds(d)).toArray());
    }

    /**
     * The length of a delta's interval.
     *
     * @param delta from {@link #delta}.
     * @return seconds, at least one nanosecond.
     */
    static double seconds(final Counters delta)
    {
        return Math.max(1, delta.atNs()) / 1e9;
    }

    /**
     * All bots' counters added up.
     *
     * @param deltas each bot's counters.
     * @return the sums.
     */
    static Counters sum(final List<Counters> deltas)
    {
        final long[] frames = new long[WorldFrameKind.VALUES.length];
        final long[] bytes = new long[WorldFrameKind.VALUES.length];
        long wire = 0;
        long inputs = 0;
        long ns = 0;
        for (final Counters d : deltas)
        {
            for (int i = 0; i < frames.length; i++)
            {
                frames[i] += d.frames()[i];
                bytes[i] += d.payloadBytes()[i];
            }
            wire += d.wireBytes();
            inputs += d.inputsSent();
            ns += d.atNs();
        }
        return new Counters(frames, bytes, wire, inputs, ns);
    }

    /**
     * How busy a tick thread was: CPU time used over wall time.
     *
     * @param cpuMsBefore thread CPU time at the start, ms.
     * @param cpuMsAfter  at the end, ms.
     * @param seconds     wall time between the two readings.
     * @return percent of one core, or NaN if a reading is missing (negative) or the interval is empty.
     */
    static double busyPercent(final double cpuMsBefore, final double cpuMsAfter, final double seconds)
    {
        if (cpuMsBefore < 0 || cpuMsAfter < cpuMsBefore || seconds <= 0)
        {
            return Double.NaN;
        }
        return (cpuMsAfter - cpuMsBefore) / (seconds * 1000.0) * 100.0;
    }

    /**
     * Mean tick-thread CPU time per world tick.
     *
     * @param cpuMsBefore thread CPU time at the start, ms.
     * @param cpuMsAfter  at the end, ms.
     * @param ticks       world ticks in between.
     * @return microseconds per tick, or NaN without ticks or readings.
     */
    static double cpuUsPerTick(final double cpuMsBefore, final double cpuMsAfter, final long ticks)
    {
        if (cpuMsBefore < 0 || cpuMsAfter < cpuMsBefore || ticks <= 0)
        {
            return Double.NaN;
        }
        return (cpuMsAfter - cpuMsBefore) * 1000.0 / ticks;
    }
}
