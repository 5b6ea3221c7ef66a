package io.asobi.ecs.tick;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TickThreadTest
{
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private TickAgent.Context context()
    {
        return new TickAgent.Context()
            .roleName("tick-test")
            .idleStrategy(new SleepingIdleStrategy(TimeUnit.MILLISECONDS.toNanos(1)))
            .errorHandler(errors::add);
    }

    @Test
    void shouldStartStepDeliverAndCloseOnARealRunner() throws InterruptedException
    {
        final TickAgent agent = new TickAgent(context());
        final LatchSimulation simulation = new LatchSimulation(3);
        final SimulationStats stats = agent.tryAdd(1, 60, simulation);

        final AgentRunner runner = TickThread.start(agent);
        try
        {
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
            payload.putLong(0, 42);
            assertThat(agent.inputPublisher().tryPublish(1, 5, 6, payload, 0, 8)).isTrue();

            assertThat(simulation.inputReceived.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(simulation.ticksReached.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.thread().getName()).isEqualTo("tick-test");
        }
        finally
        {
            runner.close();
        }

        assertThat(runner.isClosed()).isTrue();
        assertThat(stats.state()).isEqualTo(SimulationState.REMOVED);
        assertThat(stats.tickCount()).isGreaterThanOrEqualTo(3);
        assertThat(stats.inputCount()).isEqualTo(1);
        assertThat(simulation.lastInput).isEqualTo(42);
        assertThat(errors).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldPinTheTickThreadWhenAsked() throws InterruptedException
    {
        final TickAgent agent = new TickAgent(context().cpuAffinity(0));
        final LatchSimulation simulation = new LatchSimulation(1);
        agent.tryAdd(1, 60, simulation);

        final AgentRunner runner = TickThread.start(agent);
        try
        {
            assertThat(simulation.ticksReached.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(agent.isPinned()).isTrue();
        }
        finally
        {
            runner.close();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReportFailedPinningAndKeepTicking() throws InterruptedException
    {
        final TickAgent agent = new TickAgent(context().cpuAffinity(CpuAffinity.MAX_CPUS - 1));
        final LatchSimulation simulation = new LatchSimulation(2);
        agent.tryAdd(1, 60, simulation);

        final AgentRunner runner = TickThread.start(agent);
        try
        {
            assertThat(simulation.ticksReached.await(10, TimeUnit.SECONDS)).isTrue();
        }
        finally
        {
            runner.close();
        }

        assertThat(agent.isPinned()).isFalse();
        assertThat(errors).singleElement().isInstanceOfAny(
            IllegalStateException.class, UnsupportedOperationException.class);
    }

    private static final class LatchSimulation implements Simulation
    {
        final CountDownLatch ticksReached;
        final CountDownLatch inputReceived = new CountDownLatch(1);
        volatile long lastInput;

        LatchSimulation(final int ticks)
        {
            ticksReached = new CountDownLatch(ticks);
        }

        public void onInput(
            final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
        {
            lastInput = buffer.getLong(offset);
            inputReceived.countDown();
        }

        public void onTick(final long tick)
        {
            ticksReached.countDown();
        }
    }
}
