package io.asobi.tools;

import org.HdrHistogram.Histogram;

/**
 * What one appender measured in {@code asobi bench journal}.
 *
 * @param kind            the appender.
 * @param latencyNs       append latency from the scheduled time, ns, of the measured paced appends.
 * @param achievedRateHz  appends per second the paced loop achieved over the measured part.
 * @param burstMsgsPerSec appends per second with no pacing.
 * @param replayMsgsPerSec records read back per second.
 * @param written         records appended in all phases.
 * @param replayed        records the replay read (-1 if it failed).
 * @param checksumOk      whether the replayed bytes match what was written.
 * @param error           why the replay failed, or null.
 */
record JournalBenchResult(
    JournalBenchAppender.Kind kind,
    Histogram latencyNs,
    double achievedRateHz,
    double burstMsgsPerSec,
    double replayMsgsPerSec,
    long written,
    long replayed,
    boolean checksumOk,
    String error)
{
    /**
     * @return true if the replay read exactly the records written, byte for byte.
     */
    boolean replayOk()
    {
        return null == error && replayed == written && checksumOk;
    }
}
