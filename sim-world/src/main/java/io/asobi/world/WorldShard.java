package io.asobi.world;

import io.asobi.ecs.tick.InputPublisher;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.collections.LongArrayQueue;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tick thread of the world runtime: its {@link TickAgent}, which hosts whole worlds (each world's control
 * simulation and all its zones, so hand-overs between zones are single threaded), and this agent's own duty on the
 * same thread, which retries the records that must not be lost (leaves, connects, disconnects refused by a full ring)
 * and the removals refused by a full control queue.
 * <p>
 * <b>Note:</b> {@link #publish} and {@link #publishReliable} are thread safe; {@link #doWork} and {@link #remove}
 * run on the shard's tick thread.
 */
final class WorldShard implements Agent
{
    final int index;
    final TickAgent tickAgent;
    final AtomicInteger worldCount = new AtomicInteger();
    /** The journal of the worlds this thread hosts ({@code <journalDir>/tick-N}), or null when not journaling. */
    final io.asobi.persistence.SimulationJournal journal;
    /** Reused by the worlds of this thread for their snapshots. */
    final SnapshotWriter snapshotWriter = new SnapshotWriter();
    /** Journal retention, polled by this duty; set once before the thread starts. */
    io.asobi.persistence.JournalRetention retention;
    org.agrona.concurrent.NanoClock nanoClock;

    private final InputPublisher publisher;
    private final ThreadLocal<UnsafeBuffer> scratch;
    private final ManyToOneConcurrentLinkedQueue<Pending> pending = new ManyToOneConcurrentLinkedQueue<>();
    private final LongArrayQueue pendingRemovals = new LongArrayQueue();

    WorldShard(
        final int index,
        final TickAgent tickAgent,
        final int maxRecordBytes,
        final io.asobi.persistence.SimulationJournal journal)
    {
        this.index = index;
        this.journal = journal;
        this.tickAgent = tickAgent;
        this.publisher = tickAgent.inputPublisher();
        this.scratch = ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[maxRecordBytes]));
    }

    /**
     * Publish one record to a world of this shard.
     *
     * @return false if the ring is full.
     */
    boolean publish(
        final long simulationId,
        final long playerNo,
        final int type,
        final long value,
        final byte[] json,
        final int offset,
        final int length)
    {
        final UnsafeBuffer buffer = scratch.get();
        final int recordLength = WorldRecords.encode(buffer, value, json, offset, length);
        return publisher.tryPublish(simulationId, playerNo, type, buffer, 0, recordLength);
    }

    /**
     * Publish a record without a payload that must not be lost: one refused by a full ring is queued and retried,
     * in order, by the shard's duty cycle.
     */
    void publishReliable(final long simulationId, final long playerNo, final int type, final long value)
    {
        if (pending.isEmpty() && publish(simulationId, playerNo, type, value, Json.EMPTY, 0, 0))
        {
            return;
        }
        pending.offer(new Pending(simulationId, playerNo, type, value));
    }

    /**
     * Ask the tick agent to drop a simulation; retried by the duty cycle while its control queue is full. Tick thread
     * only.
     */
    void remove(final long simulationId)
    {
        if (!tickAgent.tryRemove(simulationId))
        {
            pendingRemovals.addLong(simulationId);
        }
    }

    public int doWork()
    {
        int workCount = 0;
        Pending record;
        while (null != (record = pending.peek()))
        {
            if (!publish(record.simulationId, record.playerNo, record.type, record.value, Json.EMPTY, 0, 0))
            {
                break;
            }
            pending.poll();
            workCount++;
        }
        while (!pendingRemovals.isEmpty())
        {
            if (!tickAgent.tryRemove(pendingRemovals.peekLong()))
            {
                break;
            }
            pendingRemovals.pollLong();
            workCount++;
        }
        if (null != retention)
        {
            workCount += retention.poll(nanoClock.nanoTime());
        }
        return workCount;
    }

    public String roleName()
    {
        return "world-shard-" + index;
    }

    private record Pending(long simulationId, long playerNo, int type, long value)
    {
    }
}
