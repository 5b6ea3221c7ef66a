package io.asobi.jmh;

import io.asobi.ecs.tick.InputPublisher;
import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * B5 (performance-anchors §11): network thread to tick thread hand-off of 64-byte commands, one producer and one
 * consumer, through our ring path ({@link InputPublisher} into the {@link TickAgent}'s Disruptor ring, drained by
 * {@link TickAgent#doWork()} into a {@link Simulation}) versus an {@link ArrayBlockingQueue} of the same capacity.
 * <p>
 * Fairness: every producer copies the 64-byte payload once (ring: into the claimed slot; queue: into a pooled
 * {@code byte[]}, so no side allocates per message); every consumer handles up to 1024 messages per call and copies
 * each payload out once into a scratch buffer and reads it. Three queue baselines, weakest to strongest:
 * {@code arrayBlockingQueueBlocking} parks in put/take (the usual use, and what the Disruptor's own figures compare
 * against; one message per consumer call), {@code arrayBlockingQueue} polls one element at a time without blocking
 * (one lock per message), {@code arrayBlockingQueueDrainTo} takes a batch under one lock. Wait strategy of the ring
 * and the two non-blocking queues when no progress is possible (full or empty): {@link Thread#yield()}, which beats
 * busy spinning on 2 cores.
 * <p>
 * Read the {@code *Producer} rows (one op = one message handed off) and the {@code messages} aux counter (messages
 * consumed per second); the {@code *Consumer} rows count duty cycles / drain calls. {@code -prof gc} shows B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class RingHandoffBenchmark
{
    static final int MESSAGE_BYTES = 64;
    static final int CAPACITY = 4096;
    static final int DRAIN_LIMIT = 1024;
    static final long SIMULATION_ID = 42;
    static final long SOURCE_ID = 7;
    static final int INPUT_TYPE = 3;
    static final long BLOCKING_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Messages consumed, reported per second next to the primary result.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumed
    {
        public long messages;

        @Setup(Level.Iteration)
        public void reset()
        {
            messages = 0;
        }
    }

    /**
     * Our ring: the tick agent's publisher, ring, poller and routing, with a simulation that copies each input out.
     */
    @State(Scope.Group)
    public static class RingPath
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
        CopyingSimulation simulation;
        TickAgent agent;
        InputPublisher publisher;

        @Setup(Level.Iteration)
        public void setup()
        {
            for (int i = 0; i < MESSAGE_BYTES; i++)
            {
                payload.putByte(i, (byte)i);
            }
            agent = new TickAgent(new TickAgent.Context()
                .singleProducer(singleProducer())
                .ringCapacity(CAPACITY)
                .maxInputBytes(MESSAGE_BYTES)
                .inputPollLimit(DRAIN_LIMIT));
            simulation = new CopyingSimulation();
            if (null == agent.tryAdd(SIMULATION_ID, 1, simulation))
            {
                throw new IllegalStateException("control queue full");
            }
            agent.doWork();
            publisher = agent.inputPublisher();
        }

        boolean singleProducer()
        {
            return false;
        }
        // A fresh agent per iteration: JMH may run a group role on another pool thread in the next iteration, and a
        // single-producer publisher belongs to the first thread that publishes.
    }

    /**
     * Our ring configured for exactly one publishing thread (one gateway I/O thread per tick thread): the
     * Disruptor's single-producer sequencer, no compare-and-swap per claim.
     */
    @State(Scope.Group)
    public static class SingleProducerRingPath extends RingPath
    {
        boolean singleProducer()
        {
            return true;
        }
    }

    /**
     * The baseline: a bounded {@link ArrayBlockingQueue} of pooled 64-byte messages.
     */
    @State(Scope.Group)
    public static class QueuePath
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
        final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
        // 2 × capacity: a pooled message is reused only after at least CAPACITY + DRAIN_LIMIT newer ones were sent,
        // by which time the consumer has finished with it.
        final byte[][] pool = new byte[2 * CAPACITY][MESSAGE_BYTES];
        final ArrayList<byte[]> drained = new ArrayList<>(DRAIN_LIMIT);
        long nextPoolIndex;
        long checksum;

        @Setup(Level.Trial)
        public void setup()
        {
            for (int i = 0; i < MESSAGE_BYTES; i++)
            {
                payload.putByte(i, (byte)i);
            }
        }
    }

    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    public boolean ringProducer(final RingPath path, final Control control)
    {
        while (!path.publisher.tryPublish(SIMULATION_ID, SOURCE_ID, INPUT_TYPE, path.payload, 0, MESSAGE_BYTES))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    @Benchmark
    @Group("ring")
    @GroupThreads(1)
    public long ringConsumer(final RingPath path, final Consumed consumed)
    {
        final long before = path.simulation.messages;
        if (0 == path.agent.doWork())
        {
            Thread.yield();
        }
        consumed.messages += path.simulation.messages - before;
        return path.simulation.checksum;
    }

    @Benchmark
    @Group("ringSingleProducer")
    @GroupThreads(1)
    public boolean ringSingleProducerProducer(final SingleProducerRingPath path, final Control control)
    {
        return ringProducer(path, control);
    }

    @Benchmark
    @Group("ringSingleProducer")
    @GroupThreads(1)
    public long ringSingleProducerConsumer(final SingleProducerRingPath path, final Consumed consumed)
    {
        return ringConsumer(path, consumed);
    }

    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public boolean queueProducer(final QueuePath path, final Control control)
    {
        return offer(path, control);
    }

    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public long queueConsumer(final QueuePath path, final Consumed consumed)
    {
        final UnsafeBuffer scratch = path.scratch;
        long checksum = path.checksum;
        int count = 0;
        byte[] message;
        while (count < DRAIN_LIMIT && null != (message = path.queue.poll()))
        {
            scratch.putBytes(0, message);
            checksum += scratch.getLong(0) + scratch.getLong(MESSAGE_BYTES - Long.BYTES);
            count++;
        }
        if (0 == count)
        {
            Thread.yield();
        }
        path.checksum = checksum;
        consumed.messages += count;
        return checksum;
    }

    @Benchmark
    @Group("arrayBlockingQueueDrainTo")
    @GroupThreads(1)
    public boolean queueDrainToProducer(final QueuePath path, final Control control)
    {
        return offer(path, control);
    }

    @Benchmark
    @Group("arrayBlockingQueueDrainTo")
    @GroupThreads(1)
    public long queueDrainToConsumer(final QueuePath path, final Consumed consumed)
    {
        final ArrayList<byte[]> drained = path.drained;
        final int count = path.queue.drainTo(drained, DRAIN_LIMIT);
        if (0 == count)
        {
            Thread.yield();
            return path.checksum;
        }

        final UnsafeBuffer scratch = path.scratch;
        long checksum = path.checksum;
        for (int i = 0; i < count; i++)
        {
            scratch.putBytes(0, drained.get(i));
            checksum += scratch.getLong(0) + scratch.getLong(MESSAGE_BYTES - Long.BYTES);
        }
        drained.clear();
        path.checksum = checksum;
        consumed.messages += count;
        return checksum;
    }

    @Benchmark
    @Group("arrayBlockingQueueBlocking")
    @GroupThreads(1)
    public boolean queueBlockingProducer(final QueuePath path, final Control control) throws InterruptedException
    {
        final byte[] message = path.pool[(int)(path.nextPoolIndex++ & (path.pool.length - 1))];
        path.payload.getBytes(0, message);
        // put() with a timeout only so that the last iteration can stop when the consumer has gone.
        while (!path.queue.offer(message, BLOCKING_TIMEOUT_NS, TimeUnit.NANOSECONDS))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
        }
        return true;
    }

    @Benchmark
    @Group("arrayBlockingQueueBlocking")
    @GroupThreads(1)
    public long queueBlockingConsumer(final QueuePath path, final Consumed consumed, final Control control)
        throws InterruptedException
    {
        // take() with a timeout only so that the last iteration can stop when the producer has gone.
        final byte[] message = path.queue.poll(BLOCKING_TIMEOUT_NS, TimeUnit.NANOSECONDS);
        if (null == message)
        {
            return path.checksum;
        }

        final UnsafeBuffer scratch = path.scratch;
        scratch.putBytes(0, message);
        path.checksum += scratch.getLong(0) + scratch.getLong(MESSAGE_BYTES - Long.BYTES);
        consumed.messages++;
        return path.checksum;
    }

    private static boolean offer(final QueuePath path, final Control control)
    {
        final byte[] message = path.pool[(int)(path.nextPoolIndex++ & (path.pool.length - 1))];
        path.payload.getBytes(0, message);
        while (!path.queue.offer(message))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * Copies each input out into a scratch buffer and folds it into a checksum: the same work as the queue consumer.
     */
    static final class CopyingSimulation implements Simulation
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
        long checksum;
        long messages;

        public void onInput(
            final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
        {
            scratch.putBytes(0, buffer, offset, length);
            checksum += scratch.getLong(0) + scratch.getLong(MESSAGE_BYTES - Long.BYTES);
            messages++;
        }

        public void onTick(final long tick)
        {
            checksum++;
        }
    }
}
