package io.asobi.persistence;

import org.agrona.ErrorHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Retention of one simulation journal, polled from its writer's duty cycle: about once a minute, delete the roll
 * files wholly older than {@code retentionMs}, except those holding what a live simulation still needs to be restored
 * (the index the caller supplies: the lowest newest-snapshot-or-start index of its live simulations).
 * <p>
 * <b>Note:</b> poll on the journal's writer thread only.
 */
public final class JournalRetention
{
    /** How often {@link #poll} checks. */
    public static final long CHECK_INTERVAL_NS = TimeUnit.MINUTES.toNanos(1);

    private final SimulationJournal journal;
    private final long retentionMs;
    private final LongSupplier retainFromIndex;
    private final ErrorHandler errorHandler;
    private long nextCheckNs;

    /**
     * @param journal         the journal, or null (then nothing is ever deleted).
     * @param retentionMs     age after which a roll file may go; 0 keeps everything.
     * @param retainFromIndex the first index a live simulation still needs ({@link Long#MAX_VALUE}: none).
     * @param errorHandler    told of a failed deletion (the duty cycle goes on).
     * @param nowNs           the current time, the first check is one interval later.
     */
    public JournalRetention(
        final SimulationJournal journal,
        final long retentionMs,
        final LongSupplier retainFromIndex,
        final ErrorHandler errorHandler,
        final long nowNs)
    {
        this.journal = journal;
        this.retentionMs = retentionMs;
        this.retainFromIndex = retainFromIndex;
        this.errorHandler = errorHandler;
        this.nextCheckNs = nowNs + CHECK_INTERVAL_NS;
    }

    /**
     * Delete what has expired if a check is due.
     *
     * @param nowNs the current time.
     * @return files deleted (the duty cycle's work count).
     */
    public int poll(final long nowNs)
    {
        if (retentionMs <= 0 || null == journal || nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        try
        {
            return journal.deleteRolledFilesBefore(retainFromIndex.getAsLong(), retentionMs);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
    }
}
