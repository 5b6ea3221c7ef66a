package io.asobi.match;

import io.asobi.ecs.tick.InputPublisher;
import io.asobi.ecs.tick.TickAgent;
import io.asobi.persistence.SimulationJournal;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.collections.LongArrayQueue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tick thread of the runtime: its {@link TickAgent} (which hosts the matches) and this agent's own duty, run on
 * the same thread, which retries what could not be handed over at once (leaves refused by a full ring, removals
 * refused by a full control queue).
 * <p>
 * <b>Note:</b> {@link #publish} and {@link #publishLeave} are thread safe; {@link #doWork} and {@link #remove} run
 * on the shard's tick thread.
 */
final class MatchShard implements Agent
{
    final int index;
    final TickAgent tickAgent;
    final AtomicInteger matchCount = new AtomicInteger();
    /** The shard's simulation journal (one per tick thread, written by it only), or null when not journaling. */
    final SimulationJournal journal;

    private final InputPublisher publisher;
    private final ThreadLocal<UnsafeBuffer> scratch;
    private final ManyToOneConcurrentLinkedQueue<PendingLeave> pendingLeaves = new ManyToOneConcurrentLinkedQueue<>();
    private final LongArrayQueue pendingRemovals = new LongArrayQueue();
    private final MatchRuntime runtime;
    private final io.asobi.persistence.JournalRetention retention;

    MatchShard(
        final int index,
        final TickAgent tickAgent,
        final int maxRecordBytes,
        final MatchRuntime runtime,
        final MatchRuntime.Context ctx)
    {
        this.index = index;
        this.tickAgent = tickAgent;
        this.runtime = runtime;
        final Path journalDir = ctx.journalDir();
        this.journal = null == journalDir ? null : SimulationJournal.open(new SimulationJournal.Context()
            .dir(journalDir.resolve("tick-" + index))
            .rollCycle(ctx.journalRollCycle())
            .epochClock(ctx.epochClock()));
        this.retention = new io.asobi.persistence.JournalRetention(journal, ctx.journalRetentionMs(),
            () -> runtime.retainFromIndex(this), ctx.errorHandler(), ctx.nanoClock().nanoTime());
        this.publisher = tickAgent.inputPublisher();
        this.scratch = ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[maxRecordBytes]));
    }

    /**
     * Publish one record to a match of this shard.
     *
     * @return false if the ring is full.
     */
    boolean publish(
        final long simulationId,
        final PlayerState player,
        final int type,
        final long requestId,
        final byte[] json,
        final int offset,
        final int length)
    {
        final UnsafeBuffer buffer = scratch.get();
        final int recordLength = MatchRecords.encode(buffer, requestId, player.idBytes, json, offset, length);
        return publisher.tryPublish(simulationId, player.playerNo, type, buffer, 0, recordLength);
    }

    /**
     * Publish a leave; a leave must not be lost, so one refused by a full ring is queued and retried in order by
     * the shard's duty cycle.
     */
    void publishLeave(final long simulationId, final PlayerState player, final long requestId)
    {
        if (pendingLeaves.isEmpty() &&
            publish(simulationId, player, MatchRecords.LEAVE, requestId, Frames.EMPTY, 0, 0))
        {
            return;
        }
        pendingLeaves.offer(new PendingLeave(simulationId, player, requestId));
    }

    /**
     * Ask the tick agent to drop a simulation; retried by the duty cycle while its control queue is full.
     * Tick thread only.
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
        PendingLeave leave;
        while (null != (leave = pendingLeaves.peek()))
        {
            if (!publish(leave.simulationId, leave.player, MatchRecords.LEAVE, leave.requestId, Frames.EMPTY, 0, 0))
            {
                break;
            }
            pendingLeaves.poll();
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

        workCount += retention.poll(runtime.context().nanoClock().nanoTime());
        return workCount;
    }

    public String roleName()
    {
        return "match-shard-" + index;
    }

    private record PendingLeave(long simulationId, PlayerState player, long requestId)
    {
    }
}
