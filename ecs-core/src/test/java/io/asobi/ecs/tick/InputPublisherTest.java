package io.asobi.ecs.tick;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputPublisherTest
{
    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<Throwable> errors = new ArrayList<>();
    private final UnsafeBuffer src = new UnsafeBuffer(new byte[512]);

    private TickAgent newAgent(final int ringCapacity, final int maxInputBytes)
    {
        return new TickAgent(new TickAgent.Context()
            .nanoClock(clock)
            .ringCapacity(ringCapacity)
            .maxInputBytes(maxInputBytes)
            .errorHandler(errors::add));
    }

    @Test
    void shouldReturnFalseWhenRingIsFullAndAcceptAgainOnceDrained()
    {
        final TickAgent agent = newAgent(4, 64);
        final InputPublisher publisher = agent.inputPublisher();

        for (int i = 0; i < 4; i++)
        {
            assertThat(publisher.tryPublish(1, 1, 1, src, 0, 8)).isTrue();
        }
        assertThat(publisher.tryPublish(1, 1, 1, src, 0, 8)).isFalse();
        assertThat(publisher.backPressureCount()).isEqualTo(1);

        assertThat(agent.doWork()).isEqualTo(4);
        assertThat(publisher.tryPublish(1, 1, 1, src, 0, 8)).isTrue();
        assertThat(agent.unroutableInputCount()).isEqualTo(4);
    }

    @Test
    void shouldRejectPayloadLargerThanMaxInputBytesWithoutClaimingASlot()
    {
        final TickAgent agent = newAgent(2, 64);
        final InputPublisher publisher = agent.inputPublisher();

        assertThatThrownBy(() -> publisher.tryPublish(1, 1, 1, src, 0, 65))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("length must be in 0..64: 65");
        assertThatThrownBy(() -> publisher.tryPublish(1, 1, 1, src, 0, -1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> publisher.tryPublish(1, 1, 1, src, 500, 64))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("offset=500 length=64 outside src capacity=512");
        assertThatThrownBy(() -> publisher.tryPublish(1, 1, 1, src, -1, 4))
            .isInstanceOf(IllegalArgumentException.class);

        assertThat(publisher.tryPublish(1, 1, 1, src, 448, 64)).isTrue();
        assertThat(publisher.tryPublish(1, 1, 1, src, 0, 0)).isTrue();
        assertThat(publisher.backPressureCount()).isZero();
    }

    @Test
    void shouldCopyPayloadSoTheSourceCanBeReusedAtOnce()
    {
        final TickAgent agent = newAgent(8, 16);
        final LongArrayList received = new LongArrayList();
        agent.tryAdd(1, 1, new Simulation()
        {
            public void onInput(
                final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
            {
                assertThat(length).isEqualTo(Long.BYTES);
                received.addLong(buffer.getLong(offset));
            }

            public void onTick(final long tick)
            {
            }
        });
        agent.doWork();

        for (long value = 10; value < 15; value++)
        {
            src.putLong(3, value);
            assertThat(agent.inputPublisher().tryPublish(1, 0, 0, src, 3, Long.BYTES)).isTrue();
        }
        agent.doWork();

        assertThat(received.toLongArray()).containsExactly(10, 11, 12, 13, 14);
    }

    @Test
    void shouldPublishAndDrainWithoutAllocating()
    {
        final TickAgent agent = newAgent(1024, 64);
        final InputPublisher publisher = agent.inputPublisher();
        final long[] sum = new long[1];
        agent.tryAdd(7, 60, new Simulation()
        {
            public void onInput(
                final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
            {
                sum[0] += buffer.getLong(offset) + sourceId + inputType;
            }

            public void onTick(final long tick)
            {
                sum[0]++;
            }
        });
        agent.doWork();

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        publishAndDrain(agent, publisher, 200_000);
        final long before = threads.getCurrentThreadAllocatedBytes();
        publishAndDrain(agent, publisher, 200_000);
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

        // Not exactly zero: a JIT deoptimization can rematerialize a few scalar-replaced objects on this thread.
        // Per-message allocation would be at least 200,000 × 16 bytes.
        assertThat(allocatedBytes).as("bytes allocated by 200,000 publish+drain").isLessThan(1024);
        assertThat(sum[0]).isGreaterThan(0);
    }

    private void publishAndDrain(final TickAgent agent, final InputPublisher publisher, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            src.putLong(0, i);
            if (!publisher.tryPublish(7, i, 3, src, 0, 64))
            {
                throw new AssertionError("ring full");
            }
            if ((i & 511) == 511)
            {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
                agent.doWork();
            }
        }
        agent.doWork();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryInputOfTwoConcurrentProducersInEachProducersOrder() throws Exception
    {
        final int perProducer = 100_000;
        final TickAgent agent = newAgent(256, 16);
        final LongArrayList[] receivedBySource = {new LongArrayList(), new LongArrayList()};
        agent.tryAdd(1, 60, new Simulation()
        {
            public void onInput(
                final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
            {
                receivedBySource[(int)sourceId].addLong(buffer.getLong(offset));
            }

            public void onTick(final long tick)
            {
            }
        });
        agent.doWork();

        final CyclicBarrier start = new CyclicBarrier(2);
        final Thread[] producers = new Thread[2];
        final Throwable[] failures = new Throwable[2];
        for (int p = 0; p < 2; p++)
        {
            final int sourceId = p;
            producers[p] = new Thread(() ->
            {
                try
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Long.BYTES]);
                    start.await(10, TimeUnit.SECONDS);
                    for (long seq = 0; seq < perProducer; seq++)
                    {
                        buffer.putLong(0, seq);
                        while (!agent.inputPublisher().tryPublish(1, sourceId, 0, buffer, 0, Long.BYTES))
                        {
                            Thread.yield();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failures[sourceId] = ex;
                }
            }, "producer-" + p);
            producers[p].start();
        }

        final long total = 2L * perProducer;
        long received = 0;
        while (received < total)
        {
            if (0 == agent.doWork())
            {
                if (!producers[0].isAlive() && !producers[1].isAlive() && 0 == agent.doWork())
                {
                    break;
                }
                Thread.yield();
            }
            received = receivedBySource[0].size() + receivedBySource[1].size();
        }
        for (final Thread producer : producers)
        {
            producer.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(producer.isAlive()).isFalse();
        }

        assertThat(failures).containsOnlyNulls();
        for (final LongArrayList values : receivedBySource)
        {
            assertThat(values.size()).isEqualTo(perProducer);
            for (int i = 0; i < perProducer; i++)
            {
                if (values.getLong(i) != i)
                {
                    throw new AssertionError("out of order at " + i + ": " + values.getLong(i));
                }
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseASecondThreadOnASingleProducerRing() throws Exception
    {
        final TickAgent agent = new TickAgent(new TickAgent.Context()
            .nanoClock(clock)
            .ringCapacity(8)
            .maxInputBytes(64)
            .singleProducer(true)
            .errorHandler(errors::add));
        final InputPublisher publisher = agent.inputPublisher();
        assertThat(publisher.tryPublish(1, 1, 1, src, 0, 8)).isTrue();

        final Throwable[] failure = new Throwable[1];
        final Thread other = new Thread(() ->
        {
            try
            {
                publisher.tryPublish(1, 1, 1, src, 0, 8);
            }
            catch (final Throwable t)
            {
                failure[0] = t;
            }
        }, "intruder");
        other.start();
        other.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(failure[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("intruder");
        assertThat(publisher.tryPublish(1, 1, 1, src, 0, 8)).isTrue();
        assertThat(agent.doWork()).isEqualTo(2);
    }
}
