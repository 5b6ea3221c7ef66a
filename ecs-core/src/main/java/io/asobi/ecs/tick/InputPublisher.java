package io.asobi.ecs.tick;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes inputs into a tick thread's ring for the simulations it hosts.
 * <p>
 * The payload is copied into the claimed slot's region of a preallocated, cache-line aligned buffer, so publishing
 * allocates nothing.
 * Back pressure is the return value: {@code false} when the ring is full, and the caller decides whether to retry,
 * drop or refuse. Misuse (a payload larger than {@link #maxInputBytes()}, or a range outside {@code src}) throws
 * {@link IllegalArgumentException} before any slot is claimed.
 * <p>
 * <b>Note:</b> thread safe, any number of producer threads, unless the agent was configured
 * {@link TickAgent.Context#singleProducer(boolean)}: then the first thread to publish owns the publisher and any other
 * thread is refused with {@link IllegalStateException}.
 */
public final class InputPublisher
{
    private final RingBuffer<InputEvent> ringBuffer;
    private final UnsafeBuffer payloads;
    private final int slotStrideBytes;
    private final int indexMask;
    private final int maxInputBytes;
    private final AtomicLong backPressureCount = new AtomicLong();
    private final boolean singleProducer;
    private final AtomicReference<Thread> owner = new AtomicReference<>();

    InputPublisher(
        final RingBuffer<InputEvent> ringBuffer,
        final UnsafeBuffer payloads,
        final int slotStrideBytes,
        final int maxInputBytes,
        final boolean singleProducer)
    {
        this.singleProducer = singleProducer;
        this.ringBuffer = ringBuffer;
        this.payloads = payloads;
        this.slotStrideBytes = slotStrideBytes;
        this.indexMask = ringBuffer.getBufferSize() - 1;
        this.maxInputBytes = maxInputBytes;
    }

    /**
     * Try to publish one input for a simulation.
     * <p>
     * This is the claim, fill, publish sequence of {@code RingBuffer.tryPublishEvent}, written out because the
     * Disruptor's translator arguments are references and the ids here would be boxed (allocated).
     *
     * @param simulationId the simulation the input is for; unknown ids are dropped and counted by the tick thread.
     * @param sourceId     passed through to {@link Simulation#onInput}.
     * @param inputType    passed through to {@link Simulation#onInput}.
     * @param src          holding the payload.
     * @param offset       at which the payload starts in {@code src}.
     * @param length       of the payload, at most {@link #maxInputBytes()}.
     * @return true if published, false if the ring was full (nothing was published).
     * @throws IllegalArgumentException if {@code length} exceeds {@link #maxInputBytes()} or the range is not in
     *                                  {@code src}.
     */
    public boolean tryPublish(
        final long simulationId,
        final long sourceId,
        final int inputType,
        final DirectBuffer src,
        final int offset,
        final int length)
    {
        if (length < 0 || length > maxInputBytes)
        {
            throw new IllegalArgumentException("length must be in 0.." + maxInputBytes + ": " + length);
        }
        if (offset < 0 || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException(
                "offset=" + offset + " length=" + length + " outside src capacity=" + src.capacity());
        }

        if (singleProducer)
        {
            checkOwner();
        }

        final long sequence;
        try
        {
            sequence = ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            backPressureCount.getAndIncrement();
            return false;
        }

        try
        {
            payloads.putBytes((int)(sequence & indexMask) * slotStrideBytes, src, offset, length);
            final InputEvent event = ringBuffer.get(sequence);
            event.simulationId = simulationId;
            event.sourceId = sourceId;
            event.inputType = inputType;
            event.length = length;
        }
        finally
        {
            ringBuffer.publish(sequence);
        }

        return true;
    }

    private void checkOwner()
    {
        final Thread current = Thread.currentThread();
        final Thread ownerThread = owner.get();
        if (ownerThread != current && (null != ownerThread || !owner.compareAndSet(null, current)))
        {
            throw new IllegalStateException("single-producer input ring already published from thread '" +
                owner.get().getName() + "'; '" + current.getName() + "' may not publish (configure singleProducer(false))");
        }
    }

    /**
     * Largest payload accepted by {@link #tryPublish}.
     *
     * @return largest payload in bytes.
     */
    public int maxInputBytes()
    {
        return maxInputBytes;
    }

    /**
     * Publications refused because the ring was full.
     *
     * @return number of {@link #tryPublish} calls that returned false.
     */
    public long backPressureCount()
    {
        return backPressureCount.get();
    }
}
