package io.asobi.ecs.tick;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedNanoClock;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the schedule for random sets of rates and random clock advances; the agent is settled (doWork until
 * idle) after each advance, as a runner would.
 */
class TickSchedulePropertyTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long MIN_INTERVAL_NS = SECOND_NS / 60;
    private static final long T0 = 12_345_678_901L;

    @Property(tries = 300)
    void shouldStepOncePerGridSlotWhenTheClockAdvancesByAtMostOneInterval(
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(min = 1, max = 60) Integer> rates,
        @ForAll @Size(max = 150) final List<@LongRange(min = 1, max = MIN_INTERVAL_NS) Long> advancesNs)
    {
        final Harness harness = new Harness(rates);
        for (final long advanceNs : advancesNs)
        {
            harness.advanceAndSettle(advanceNs);

            final long elapsedNs = harness.clock.nanoTime() - T0;
            for (int i = 0; i < rates.size(); i++)
            {
                assertThat(harness.stats.get(i).tickCount())
                    .as("rate %d Hz after %d ns", rates.get(i), elapsedNs)
                    .isEqualTo(gridSlotsUpTo(elapsedNs, rates.get(i)));
                assertThat(harness.stats.get(i).overrunCount()).isZero();
            }
        }
    }

    @Property(tries = 300)
    void shouldNeverRunAheadNorBurstNorMissAnIntervalWhateverTheClockDoes(
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(min = 1, max = 60) Integer> rates,
        @ForAll @Size(max = 100) final List<@LongRange(min = 0, max = 3_000_000_000L) Long> advancesNs)
    {
        final Harness harness = new Harness(rates);
        final long[] overrunSettles = new long[rates.size()];

        for (final long advanceNs : advancesNs)
        {
            final long[] lastStepNs = harness.lastStepNs.clone();
            final long[] ticksBefore = harness.tickCounts();
            harness.advanceAndSettle(advanceNs);
            final long nowNs = harness.clock.nanoTime();
            final long[] ticksAfter = harness.tickCounts();

            for (int i = 0; i < rates.size(); i++)
            {
                final int rateHz = rates.get(i);
                final long steps = ticksAfter[i] - ticksBefore[i];
                assertThat(ticksAfter[i]).isLessThanOrEqualTo(gridSlotsUpTo(nowNs - T0, rateHz));
                assertThat(steps).as("burst bound").isLessThanOrEqualTo(2);
                if (nowNs - lastStepNs[i] >= ceilDiv(SECOND_NS, rateHz))
                {
                    assertThat(steps).as("a due simulation steps").isGreaterThanOrEqualTo(1);
                }
                if (2 == steps)
                {
                    overrunSettles[i]++;
                }
            }
        }

        for (int i = 0; i < rates.size(); i++)
        {
            assertThat(harness.stats.get(i).overrunCount()).isEqualTo(overrunSettles[i]);
        }
    }

    @Property(tries = 100)
    void shouldStepInTheSameOrderForTheSameClockReadings(
        @ForAll @Size(min = 1, max = 8) final List<@IntRange(min = 1, max = 60) Integer> rates,
        @ForAll @Size(max = 60) final List<@LongRange(min = 0, max = 200_000_000L) Long> advancesNs)
    {
        final Harness first = new Harness(rates);
        final Harness second = new Harness(rates);
        for (final long advanceNs : advancesNs)
        {
            first.advanceAndSettle(advanceNs);
            second.advanceAndSettle(advanceNs);
        }

        assertThat(first.trace).isNotEmpty().isEqualTo(second.trace);
    }

    /** Number of grid slots {@code floor(k × 1 s / rate)}, k = 0, 1, ..., at or before {@code elapsedNs}. */
    private static long gridSlotsUpTo(final long elapsedNs, final int rateHz)
    {
        return ceilDiv((elapsedNs + 1) * rateHz, SECOND_NS);
    }

    private static long ceilDiv(final long dividend, final long divisor)
    {
        return (dividend + divisor - 1) / divisor;
    }

    private static final class Harness
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final List<SimulationStats> stats = new ArrayList<>();
        final List<String> trace = new ArrayList<>();
        final long[] lastStepNs;
        final TickAgent agent;

        Harness(final List<Integer> rates)
        {
            clock.update(T0);
            agent = new TickAgent(new TickAgent.Context()
                .nanoClock(clock)
                .ringCapacity(16)
                .errorHandler(ex ->
                {
                    throw new AssertionError(ex);
                }));
            lastStepNs = new long[rates.size()];
            for (int i = 0; i < rates.size(); i++)
            {
                final int index = i;
                stats.add(agent.tryAdd(i, rates.get(i), new Simulation()
                {
                    public void onInput(
                        final long sourceId,
                        final int inputType,
                        final DirectBuffer buffer,
                        final int offset,
                        final int length)
                    {
                    }

                    public void onTick(final long tick)
                    {
                        lastStepNs[index] = clock.nanoTime();
                        trace.add(index + ":" + tick + "@" + clock.nanoTime());
                    }
                }));
            }
            settle();
        }

        void advanceAndSettle(final long advanceNs)
        {
            clock.advance(advanceNs);
            settle();
        }

        void settle()
        {
            for (int i = 0; i < 10; i++)
            {
                trace.add("cycle");
                if (0 == agent.doWork())
                {
                    return;
                }
            }
            throw new AssertionError("agent did not settle");
        }

        long[] tickCounts()
        {
            final long[] counts = new long[stats.size()];
            for (int i = 0; i < counts.length; i++)
            {
                counts[i] = stats.get(i).tickCount();
            }
            return counts;
        }
    }
}
