package io.asobi.tools;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the three phases of {@code asobi bench journal} against one appender: paced appends at a fixed offered rate
 * (latency from each append's scheduled time to its end, so a stall delays the schedule's later appends and they
 * count it: no coordinated omission), a burst as fast as possible, then a replay checked against what was written.
 */
final class JournalBenchRunner
{
    /** Waits longer than this sleep (minus it); shorter ones spin. */
    static final long SPIN_THRESHOLD_NS = 50_000;
    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Sizes of one run.
     *
     * @param rateHz           offered appends per second in the paced phases.
     * @param warmupMessages   paced appends not recorded.
     * @param measuredMessages paced appends recorded.
     * @param burstMessages    appends as fast as possible.
     * @param payloadBytes     bytes per record.
     */
    record Settings(long rateHz, long warmupMessages, long measuredMessages, long burstMessages, int payloadBytes)
    {
        Settings
        {
            if (rateHz < 1 || warmupMessages < 0 || measuredMessages < 1 || burstMessages < 1 || payloadBytes < 1)
            {
                throw new IllegalArgumentException("invalid settings: " + rateHz + " Hz, warm-up " + warmupMessages +
                    ", measured " + measuredMessages + ", burst " + burstMessages + ", payload " + payloadBytes + " B");
            }
        }
    }

    private JournalBenchRunner()
    {
    }

    /**
     * Open a new appender of {@code kind} in the empty directory {@code dir}, run every phase, close it.
     *
     * @param kind     the appender.
     * @param dir      an existing empty directory; the caller deletes it.
     * @param settings sizes.
     * @return the measurements; {@link JournalBenchResult#replayOk()} is false if the replay did not match.
     */
    static JournalBenchResult run(final JournalBenchAppender.Kind kind, final Path dir, final Settings settings)
    {
        final int payloadBytes = settings.payloadBytes();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[payloadBytes]);
        final Histogram histogram = new Histogram(HIGHEST_LATENCY_NS, 3);
        long seq = 0;
        final double achievedRateHz;
        final double burstMsgsPerSec;
        try (JournalBenchAppender appender = kind.open(dir, payloadBytes))
        {
            final long intervalNs = Math.max(1, TimeUnit.SECONDS.toNanos(1) / settings.rateHz());
            seq = paced(appender, payload, seq, settings.warmupMessages(), intervalNs, histogram);
            histogram.reset();
            final long measuredStartNs = System.nanoTime();
            seq = paced(appender, payload, seq, settings.measuredMessages(), intervalNs, histogram);
            achievedRateHz = settings.measuredMessages() * 1e9 / (System.nanoTime() - measuredStartNs);

            final long burstStartNs = System.nanoTime();
            final long burstEnd = seq + settings.burstMessages();
            for (; seq < burstEnd; seq++)
            {
                JournalBenchPayload.fill(payload, 0, payloadBytes, seq);
                appender.append(payload, 0, payloadBytes);
            }
            burstMsgsPerSec = settings.burstMessages() * 1e9 / (System.nanoTime() - burstStartNs);
            appender.finishWriting();

            final long expectedHash = JournalBenchPayload.expectedChecksum(payload, payloadBytes, seq);
            final JournalBenchPayload check = new JournalBenchPayload();
            final long replayStartNs = System.nanoTime();
            long replayed;
            String error = null;
            try
            {
                replayed = appender.replay(check);
            }
            catch (final RuntimeException ex)
            {
                replayed = -1;
                error = ex.toString();
            }
            final double replayMsgsPerSec = Math.max(0, replayed) * 1e9 / (System.nanoTime() - replayStartNs);
            if (null == error && replayed != check.count())
            {
                error = "replay reported " + replayed + " records but delivered " + check.count();
            }
            return new JournalBenchResult(kind, histogram, achievedRateHz, burstMsgsPerSec, replayMsgsPerSec, seq,
                replayed, check.hash() == expectedHash, error);
        }
    }

    private static long paced(
        final JournalBenchAppender appender,
        final UnsafeBuffer payload,
        final long firstSeq,
        final long count,
        final long intervalNs,
        final Histogram histogram)
    {
        final int payloadBytes = payload.capacity();
        final long startNs = System.nanoTime();
        final long endSeq = firstSeq + count;
        for (long seq = firstSeq; seq < endSeq; seq++)
        {
            JournalBenchPayload.fill(payload, 0, payloadBytes, seq);
            final long scheduledNs = startNs + (seq - firstSeq) * intervalNs;
            long waitNs;
            while ((waitNs = scheduledNs - System.nanoTime()) > 0)
            {
                if (waitNs > SPIN_THRESHOLD_NS)
                {
                    LockSupport.parkNanos(waitNs - SPIN_THRESHOLD_NS);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            appender.append(payload, 0, payloadBytes);
            histogram.recordValue(Math.min(HIGHEST_LATENCY_NS, System.nanoTime() - scheduledNs));
        }
        return endSeq;
    }
}
