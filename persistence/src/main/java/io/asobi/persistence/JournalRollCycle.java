package io.asobi.persistence;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often a journal starts a new file. Fixed when the journal directory is created: reopening an existing journal
 * keeps the cycle its files were written with.
 */
public enum JournalRollCycle
{
    /** One file per UTC day (the default). */
    DAILY(RollCycles.FAST_DAILY),

    /** One file per UTC hour. */
    HOURLY(RollCycles.FAST_HOURLY);

    private final RollCycle chronicleRollCycle;

    JournalRollCycle(final RollCycle chronicleRollCycle)
    {
        this.chronicleRollCycle = chronicleRollCycle;
    }

    /**
     * The cycle a journal index belongs to: the number of cycle lengths since the epoch.
     *
     * @param index a journal index.
     * @return its cycle.
     */
    public int cycleOf(final long index)
    {
        return chronicleRollCycle.toCycle(index);
    }

    static JournalRollCycle of(final RollCycle chronicleRollCycle)
    {
        for (final JournalRollCycle value : values())
        {
            if (value.chronicleRollCycle.equals(chronicleRollCycle))
            {
                return value;
            }
        }
        throw new IllegalStateException("unsupported roll cycle " + chronicleRollCycle);
    }

    RollCycle chronicleRollCycle()
    {
        return chronicleRollCycle;
    }

    /**
     * Length of one cycle.
     *
     * @return the cycle length in milliseconds.
     */
    public long lengthMs()
    {
        return chronicleRollCycle.lengthInMillis();
    }
}
