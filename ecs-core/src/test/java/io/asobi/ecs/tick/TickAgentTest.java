package io.asobi.ecs.tick;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

class TickAgentTest
{
    private static final long T0 = TimeUnit.SECONDS.toNanos(1000);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<String> trace = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final List<String> quarantines = new ArrayList<>();
    private final Map<Long, SimulationStats> statsById = new HashMap<>();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
    private TickAgent agent;

    @BeforeEach
    void before()
    {
        clock.update(T0);
        agent = new TickAgent(context());
    }

    private TickAgent.Context context()
    {
        return new TickAgent.Context()
            .nanoClock(clock)
            .ringCapacity(64)
            .errorHandler(errors::add)
            .quarantineHandler((id, tick, cause) -> quarantines.add(id + "@" + tick + ":" + cause.getMessage()));
    }

    private RecordingSimulation add(final TickAgent agent, final long id, final int rateHz)
    {
        final RecordingSimulation simulation = new RecordingSimulation("s" + id, trace, clock);
        final SimulationStats stats = agent.tryAdd(id, rateHz, simulation);
        assertThat(stats).isNotNull();
        statsById.put(id, stats);
        return simulation;
    }

    private RecordingSimulation add(final long id, final int rateHz)
    {
        return add(agent, id, rateHz);
    }

    /** Call doWork until a duty cycle does nothing, as a runner would; bounded. */
    private void settle()
    {
        for (int i = 0; i < 10; i++)
        {
            if (0 == agent.doWork())
            {
                return;
            }
        }
        throw new AssertionError("agent did not settle");
    }

    /** Advance the clock 1 ms at a time up to {@code endNs} inclusive, settling at each step. */
    private void runTo(final long endNs)
    {
        while (clock.nanoTime() < endNs)
        {
            clock.update(Math.min(endNs, clock.nanoTime() + MS));
            settle();
        }
    }

    private void publish(final long simulationId, final long sourceId, final String text)
    {
        final int length = payload.putStringWithoutLengthAscii(0, text);
        assertThat(agent.inputPublisher().tryPublish(simulationId, sourceId, 7, payload, 0, length)).isTrue();
    }

    @Test
    void shouldTickTenAndSixtyHzSimulationsTenAndSixtyTimesInOneSecond()
    {
        final RecordingSimulation tenHz = add(1, 10);
        final RecordingSimulation sixtyHz = add(2, 60);
        settle();

        runTo(T0 + 999 * MS);
        assertThat(tenHz.tickCount()).isEqualTo(10);
        assertThat(sixtyHz.tickCount()).isEqualTo(60);

        runTo(T0 + 1000 * MS);
        assertThat(tenHz.tickCount()).isEqualTo(11);
        assertThat(sixtyHz.tickCount()).isEqualTo(61);
        assertThat(tenHz.tickTimesNs.getLong(10)).isEqualTo(T0 + TimeUnit.SECONDS.toNanos(1));
        assertThat(sixtyHz.tickTimesNs.getLong(60)).isEqualTo(T0 + TimeUnit.SECONDS.toNanos(1));
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldKeepDeadlinesOnTheExactGridWithoutRoundingDrift()
    {
        final RecordingSimulation sixtyHz = add(1, 60);
        final RecordingSimulation sevenHz = add(2, 7);
        settle();

        for (int k = 1; k <= 600; k++)
        {
            final long deadlineNs = T0 + (k * TimeUnit.SECONDS.toNanos(1)) / 60;
            clock.update(deadlineNs - 1);
            settle();
            assertThat(sixtyHz.tickCount()).isEqualTo(k);
            clock.update(deadlineNs);
            settle();
            assertThat(sixtyHz.tickCount()).isEqualTo(k + 1);
        }

        assertThat(sixtyHz.tickTimesNs.getLong(600)).isEqualTo(T0 + TimeUnit.SECONDS.toNanos(10));
        assertThat(sevenHz.tickCount()).isEqualTo(71);
        assertThat(sixtyHz.tickTimesNs.getLong(599)).isEqualTo(T0 + 9_983_333_333L);
    }

    @Test
    void shouldStepSimulationsWithEqualDeadlinesInRegistrationOrder()
    {
        add(4, 20);
        add(3, 10);
        add(2, 20);
        add(1, 10);
        settle();
        clock.update(T0 + 50 * MS);
        settle();
        clock.update(T0 + 100 * MS);
        settle();

        assertThat(trace).containsExactly(
            "s4:tick:0", "s3:tick:0", "s2:tick:0", "s1:tick:0",
            "s4:tick:1", "s2:tick:1",
            "s4:tick:2", "s3:tick:1", "s2:tick:2", "s1:tick:1");
    }

    @Test
    void shouldStepEarlierDeadlineFirstWhateverTheRegistrationOrder()
    {
        add(1, 10);
        settle();
        clock.update(T0 + 10 * MS);
        add(2, 20);
        settle();

        clock.update(T0 + 100 * MS);
        settle();

        assertThat(trace).containsExactly("s1:tick:0", "s2:tick:0", "s2:tick:1", "s1:tick:1");
    }

    @Test
    void shouldDeliverInputsInPublishOrderBeforeTheStepThatAppliesThem()
    {
        add(1, 10);
        add(2, 10);
        settle();

        publish(1, 100, "a");
        publish(2, 200, "x");
        publish(1, 101, "b");
        publish(1, 100, "c");
        clock.update(T0 + 50 * MS);
        settle();
        publish(1, 102, "d");
        clock.update(T0 + 100 * MS);
        settle();

        assertThat(trace).containsExactly(
            "s1:tick:0", "s2:tick:0",
            "s1:in:100:7:a", "s2:in:200:7:x", "s1:in:101:7:b", "s1:in:100:7:c",
            "s1:in:102:7:d",
            "s1:tick:1", "s2:tick:1");
    }

    @Test
    void shouldQuarantineThrowingSimulationWhileNeighboursKeepExactDeadlines()
    {
        final RecordingSimulation twentyHz = add(1, 20);
        final RecordingSimulation thrower = add(2, 10);
        final RecordingSimulation fortyHz = add(3, 40);
        thrower.onTickAction = tick ->
        {
            if (3 == tick)
            {
                throw new IllegalStateException("boom");
            }
        };
        settle();

        runTo(T0 + 999 * MS);

        assertThat(quarantines).containsExactly("2@3:boom");
        assertThat(errors).isEmpty();
        assertThat(thrower.tickCount()).isEqualTo(4);
        for (int k = 0; k < 20; k++)
        {
            assertThat(twentyHz.tickTimesNs.getLong(k)).isEqualTo(T0 + k * 50 * MS);
        }
        for (int k = 0; k < 40; k++)
        {
            assertThat(fortyHz.tickTimesNs.getLong(k)).isEqualTo(T0 + k * 25 * MS);
        }
        assertThat(twentyHz.tickCount()).isEqualTo(20);
        assertThat(fortyHz.tickCount()).isEqualTo(40);
    }

    @Test
    void shouldReportQuarantinedStateAndDropItsInputs()
    {
        final RecordingSimulation thrower = add(2, 10);
        thrower.onTickAction = tick ->
        {
            throw new IllegalStateException("bad tick " + tick);
        };
        final SimulationStats stats = agent.tryAdd(5, 10, new RecordingSimulation("s5", trace, clock));
        settle();

        publish(2, 1, "late");
        publish(2, 1, "later");
        runTo(T0 + 300 * MS);

        assertThat(quarantines).containsExactly("2@0:bad tick 0");
        assertThat(stats.state()).isEqualTo(SimulationState.RUNNING);
        assertThat(stats.tickCount()).isEqualTo(4);
        assertThat(thrower.tickCount()).isEqualTo(1);
        assertThat(trace).doesNotContain("s2:in:1:7:late");
    }

    @Test
    void shouldQuarantineSimulationThatThrowsFromOnInputAndDropItsLaterInputs()
    {
        final RecordingSimulation simulation = add(1, 10);
        final SimulationStats neighbour = agent.tryAdd(2, 10, new RecordingSimulation("s2", trace, clock));
        settle();
        simulation.onInputAction = () ->
        {
            throw new IllegalArgumentException("bad input");
        };

        publish(1, 9, "x");
        publish(1, 9, "y");
        publish(2, 9, "z");
        clock.update(T0 + 100 * MS);
        settle();

        assertThat(quarantines).containsExactly("1@1:bad input");
        assertThat(trace).containsExactly(
            "s1:tick:0", "s2:tick:0", "s1:in:9:7:x", "s2:in:9:7:z", "s2:tick:1");
        assertThat(neighbour.tickCount()).isEqualTo(2);
        assertThat(neighbour.inputCount()).isEqualTo(1);
    }

    @Test
    void shouldCountQuarantinedStateInputsAndDropsInStats()
    {
        final RecordingSimulation simulation = new RecordingSimulation("s1", trace, clock);
        simulation.onTickAction = tick ->
        {
            if (1 == tick)
            {
                throw new IllegalStateException("tick 1");
            }
        };
        final SimulationStats stats = agent.tryAdd(1, 10, simulation);
        assertThat(stats.state()).isEqualTo(SimulationState.PENDING);
        settle();
        publish(1, 1, "ok");
        clock.update(T0 + 100 * MS);
        settle();
        publish(1, 1, "dropped");
        publish(1, 1, "dropped");
        settle();

        assertThat(stats.state()).isEqualTo(SimulationState.QUARANTINED);
        assertThat(stats.tickCount()).isEqualTo(1);
        assertThat(stats.inputCount()).isEqualTo(1);
        assertThat(stats.droppedInputCount()).isEqualTo(2);
        assertThat(agent.unroutableInputCount()).isZero();
    }

    @Test
    void shouldRouteThrowingSupervisorToErrorHandlerAndKeepTicking()
    {
        final TickAgent.Context ctx = context().quarantineHandler((id, tick, cause) ->
        {
            throw new IllegalStateException("supervisor down");
        });
        agent = new TickAgent(ctx);
        final RecordingSimulation thrower = add(1, 10);
        thrower.onTickAction = tick ->
        {
            throw new IllegalStateException("boom");
        };
        final RecordingSimulation neighbour = add(2, 10);
        settle();

        runTo(T0 + 500 * MS);

        assertThat(errors).singleElement().satisfies(error ->
        {
            assertThat(error).hasMessage("supervisor down");
            assertThat(error.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("boom"));
        });
        assertThat(neighbour.tickCount()).isEqualTo(6);
    }

    @Test
    void shouldCountOverrunAndCatchUpWhenLessThanOneIntervalLate()
    {
        final RecordingSimulation simulation = add(1, 10);
        simulation.onTickAction = tick ->
        {
            if (1 == tick)
            {
                clock.advance(120 * MS);
            }
        };
        final SimulationStats stats = statsOf(1);
        settle();

        clock.update(T0 + 100 * MS);
        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(stats.overrunCount()).isEqualTo(1);
        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(agent.doWork()).isZero();
        runTo(T0 + 300 * MS);

        assertThat(simulation.tickTimesNs.toLongArray())
            .containsExactly(T0, T0 + 100 * MS, T0 + 220 * MS, T0 + 300 * MS);
        assertThat(stats.overrunCount()).isEqualTo(1);
        final Histogram histogram = stats.stepTimeIntervalHistogram(null);
        assertThat(histogram.getTotalCount()).isEqualTo(4);
        assertThat(histogram.getMaxValue()).isCloseTo(120 * MS, withPercentage(1));
    }

    @Test
    void shouldStepOnceAndReanchorWhenMoreThanOneIntervalBehind()
    {
        final RecordingSimulation simulation = add(1, 10);
        final SimulationStats stats = statsOf(1);
        settle();

        clock.update(T0 + 550 * MS);
        for (int i = 0; i < 5; i++)
        {
            agent.doWork();
        }
        assertThat(simulation.tickCount()).isEqualTo(3);
        assertThat(stats.overrunCount()).isEqualTo(1);

        runTo(T0 + 850 * MS);
        assertThat(simulation.tickTimesNs.toLongArray()).containsExactly(
            T0, T0 + 550 * MS, T0 + 550 * MS, T0 + 650 * MS, T0 + 750 * MS, T0 + 850 * MS);
        assertThat(stats.overrunCount()).isEqualTo(1);
    }

    @Test
    void shouldCountInputsForUnknownAndRemovedSimulationsAsUnroutable()
    {
        add(1, 10);
        final RecordingSimulation neighbour = add(2, 10);
        settle();
        final SimulationStats stats = statsOf(1);

        publish(99, 1, "unknown");
        publish(1, 1, "routed");
        settle();
        assertThat(agent.unroutableInputCount()).isEqualTo(1);
        assertThat(stats.inputCount()).isEqualTo(1);

        assertThat(agent.tryRemove(1)).isTrue();
        publish(1, 1, "removed");
        runTo(T0 + 200 * MS);

        assertThat(stats.state()).isEqualTo(SimulationState.REMOVED);
        assertThat(stats.tickCount()).isEqualTo(1);
        assertThat(agent.unroutableInputCount()).isEqualTo(2);
        assertThat(neighbour.tickCount()).isEqualTo(3);
        assertThat(trace).filteredOn(line -> line.startsWith("s1:")).containsExactly("s1:tick:0", "s1:in:1:7:routed");
    }

    @Test
    void shouldReleaseQuarantinedSimulationIdOnRemove()
    {
        final RecordingSimulation thrower = add(1, 10);
        thrower.onTickAction = tick ->
        {
            throw new IllegalStateException("boom");
        };
        final SimulationStats stats = statsOf(1);
        settle();
        assertThat(stats.state()).isEqualTo(SimulationState.QUARANTINED);

        assertThat(agent.tryRemove(1)).isTrue();
        final RecordingSimulation replacement = new RecordingSimulation("r1", trace, clock);
        final SimulationStats replacementStats = agent.tryAdd(1, 10, replacement);
        settle();

        assertThat(stats.state()).isEqualTo(SimulationState.REMOVED);
        assertThat(replacementStats.state()).isEqualTo(SimulationState.RUNNING);
        assertThat(replacement.tickCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 61, 120})
    void shouldRejectRatesOutsideOneToSixtyHz(final int rateHz)
    {
        final RecordingSimulation simulation = new RecordingSimulation("s", trace, clock);

        assertThatThrownBy(() -> agent.tryAdd(1, rateHz, simulation))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("rateHz must be in 1..60: " + rateHz);
    }

    @Test
    void shouldAcceptRatesAtBothEnds()
    {
        final RecordingSimulation oneHz = add(1, 1);
        final RecordingSimulation sixtyHz = add(2, 60);
        settle();
        runTo(T0 + 2000 * MS);

        assertThat(oneHz.tickCount()).isEqualTo(3);
        assertThat(sixtyHz.tickCount()).isEqualTo(121);
    }

    @Test
    void shouldRejectNullSimulation()
    {
        assertThatThrownBy(() -> agent.tryAdd(1, 10, null))
            .isInstanceOf(NullPointerException.class)
            .hasMessage("simulation");
    }

    @Test
    void shouldRejectDuplicateSimulationId()
    {
        final RecordingSimulation first = add(1, 10);
        final SimulationStats duplicate = agent.tryAdd(1, 20, new RecordingSimulation("dup", trace, clock));
        settle();

        assertThat(duplicate.state()).isEqualTo(SimulationState.REJECTED);
        assertThat(errors).singleElement().satisfies(
            e -> assertThat(e).hasMessage("simulationId already registered on tick: 1"));
        assertThat(first.tickCount()).isEqualTo(1);
        assertThat(trace).containsExactly("s1:tick:0");
    }

    @Test
    void shouldRefuseControlRequestsWhenControlQueueIsFull()
    {
        agent = new TickAgent(context().controlQueueCapacity(2));
        final RecordingSimulation simulation = new RecordingSimulation("s", trace, clock);

        assertThat(agent.tryAdd(1, 10, simulation)).isNotNull();
        assertThat(agent.tryAdd(2, 10, simulation)).isNotNull();
        assertThat(agent.tryAdd(3, 10, simulation)).isNull();
        assertThat(agent.tryRemove(1)).isFalse();
        settle();
        assertThat(agent.tryRemove(1)).isTrue();
    }

    @Test
    void shouldRecordStepTimesAsIntervalHistograms()
    {
        final RecordingSimulation simulation = add(1, 10);
        simulation.onTickAction = tick -> clock.advance(3 * MS);
        final SimulationStats stats = statsOf(1);
        settle();
        runTo(T0 + 400 * MS);

        final Histogram first = stats.stepTimeIntervalHistogram(null);
        assertThat(first.getTotalCount()).isEqualTo(5);
        assertThat(first.valuesAreEquivalent(first.getMinValue(), first.getMaxValue())).isTrue();
        assertThat(first.valuesAreEquivalent(first.getMaxValue(), 3 * MS)).isTrue();

        final Histogram second = stats.stepTimeIntervalHistogram(first);
        assertThat(second.getTotalCount()).isZero();
        assertThat(stats.overrunCount()).isZero();
    }

    @Test
    void shouldBoundInputsDrainedPerDutyCycle()
    {
        agent = new TickAgent(context().inputPollLimit(4));
        final RecordingSimulation simulation = add(1, 1);
        settle();
        for (int i = 0; i < 10; i++)
        {
            publish(1, i, "i" + i);
        }

        assertThat(agent.doWork()).isEqualTo(4);
        assertThat(agent.doWork()).isEqualTo(4);
        assertThat(agent.doWork()).isEqualTo(2);
        assertThat(agent.doWork()).isZero();
        assertThat(trace).hasSize(11).last().isEqualTo("s1:in:9:7:i9");
        assertThat(simulation.tickCount()).isEqualTo(1);
    }

    @Test
    void shouldMarkSimulationsRemovedOnClose()
    {
        add(1, 10);
        final SimulationStats stats = statsOf(1);
        settle();

        agent.onClose();

        assertThat(stats.state()).isEqualTo(SimulationState.REMOVED);
    }

    @Test
    void shouldProduceTheSameStepTraceForTheSameClockReadings()
    {
        final List<String> traceA = runScenario();
        final List<String> traceB = runScenario();

        assertThat(traceA).isNotEmpty().isEqualTo(traceB);
    }

    private List<String> runScenario()
    {
        trace.clear();
        clock.update(T0);
        agent = new TickAgent(context());
        add(1, 7);
        add(2, 13);
        add(3, 60);
        add(4, 7);
        long t = T0;
        for (int i = 0; i < 200; i++)
        {
            t += (i * 7919L % 23) * MS;
            clock.update(t);
            settle();
        }
        return new ArrayList<>(trace);
    }

    private SimulationStats statsOf(final long id)
    {
        return statsById.get(id);
    }
}
