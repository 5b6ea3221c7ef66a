package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.persistence.SimulationJournal;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One match: a {@link Simulation} on a tick thread that drives a {@link MatchLogic} through Asobi's match
 * lifecycle (asobi-spec Appendix A) and is the logic's {@link MatchContext}.
 * <p>
 * Every event that changes the match arrives through the tick thread's ring ({@link MatchRecords}) and is staged
 * in {@link #onInput}; {@link #onTick} applies staged joins and leaves in arrival order, then (while running) the
 * staged inputs in arrival order, then {@link MatchLogic#tick}, then sends {@code match.state}.
 * <p>
 * Lifecycle: {@code waiting} (joins and leaves applied, inputs dropped, no tick) → {@code running} on the join that
 * reaches {@code minPlayers} → {@code finished} when {@link MatchLogic#tick} returns a result ({@code match.finished}
 * pushed, inputs dropped, lingers {@code finishedLingerMs}) → removed. Also removed: after {@code waitingTimeoutMs}
 * in waiting, and at once when the roster is empty (no {@code match.finished}).
 * <p>
 * Failure containment: an exception from any logic callback is caught, logged (rate limited) and the match goes
 * on, so the tick engine never quarantines a match for its game logic.
 * <p>
 * <b>Note:</b> created on any thread, then used on its tick thread only, except {@link #view()},
 * {@link #acquireRequest()} and {@link #releaseRequest()}, which are thread safe.
 */
final class MatchInstance implements Simulation, MatchContext
{

    private static final Logger LOG = LoggerFactory.getLogger(MatchInstance.class);
    private static final int STAGED_INPUT_HEADER_BYTES = Long.BYTES + Integer.BYTES;

    final MatchRuntime runtime;
    final MatchShard shard;
    final long simulationId;
    final long creationSequence;
    private final String matchId;
    private final ModeConfig config;
    private final MatchLogic logic;
    private final long seed;
    private final NanoClock nanoClock;
    private final long createdNs;
    private final long waitingTimeoutNs;
    private final long finishedLingerNs;
    private final int maxStagedInputBytes;

    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile boolean isRemoving;
    private volatile MatchView view;
    private volatile SimulationStats stats;

    private final ArrayList<Member> members = new ArrayList<>();
    private final ArrayList<String> playerIds = new ArrayList<>();
    private final List<String> playerIdsView = Collections.unmodifiableList(playerIds);
    private final HashMap<String, Member> memberById = new HashMap<>();
    private final Long2ObjectHashMap<Member> memberByPlayerNo = new Long2ObjectHashMap<>();

    private final ArrayList<StagedControl> stagedControls = new ArrayList<>();
    private final ExpandableArrayBuffer stagedInputs = new ExpandableArrayBuffer(4096);
    private int stagedInputBytes;
    private long droppedInputCount;

    private final StateFrameEncoder stateEncoder = new StateFrameEncoder();
    private final LogLimiter logicErrors = new LogLimiter(LOG, LogLimiter.DEFAULT_INTERVAL_NS);

    private String status = MatchView.WAITING;
    private boolean isJoinable = true;
    private boolean isInitialised;
    private boolean hasInitFailed;
    private boolean isReleased;
    private long runningTick;
    private long finishedNs;

    // Journal (tick thread): a tick's frames and replies wait in the outbox until its document is journaled.
    private final SimulationJournal journal;
    private final long codeHash;
    private final ArrayList<Object> outbox = new ArrayList<>();
    private final ExpandableArrayBuffer journalScratch = new ExpandableArrayBuffer(256);
    private boolean isJournalStarted;
    private boolean isTickOpen;
    private long frameHash;
    private long journalFailures;
    private boolean isTickFailed;

    MatchInstance(
        final MatchRuntime runtime,
        final MatchShard shard,
        final long simulationId,
        final long creationSequence,
        final String matchId,
        final ModeConfig config,
        final MatchLogic logic,
        final long seed,
        final long codeHash)
    {
        final MatchRuntime.Context ctx = runtime.context();
        this.runtime = runtime;
        this.shard = shard;
        this.simulationId = simulationId;
        this.creationSequence = creationSequence;
        this.matchId = matchId;
        this.config = config;
        this.logic = logic;
        this.seed = seed;
        this.nanoClock = ctx.nanoClock();
        this.createdNs = nanoClock.nanoTime();
        this.waitingTimeoutNs = ctx.waitingTimeoutMs() * 1_000_000L;
        this.finishedLingerNs = ctx.finishedLingerMs() * 1_000_000L;
        this.maxStagedInputBytes = ctx.maxStagedInputBytes();
        this.view = new MatchView(MatchView.WAITING, 0, true);
        this.journal = shard.journal;
        this.codeHash = codeHash;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Thread safe

    MatchView view()
    {
        return view;
    }

    SimulationStats stats()
    {
        return stats;
    }

    void stats(final SimulationStats stats)
    {
        this.stats = stats;
    }

    /**
     * Count a request about to be published to this match, so the match is not released before it arrives.
     *
     * @return false if the match is being removed (nothing counted).
     */
    boolean acquireRequest()
    {
        requestsInFlight.incrementAndGet();
        if (isRemoving)
        {
            requestsInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void releaseRequest()
    {
        requestsInFlight.decrementAndGet();
    }

    boolean isRemoving()
    {
        return isRemoving;
    }

    long droppedInputCount()
    {
        return droppedInputCount;
    }

    // ---------------------------------------------------------------------------------------------------------
    // MatchContext (tick thread)

    public String matchId()
    {
        return matchId;
    }

    public ModeConfig config()
    {
        return config;
    }

    public long seed()
    {
        return seed;
    }

    public List<String> players()
    {
        return playerIdsView;
    }

    public void broadcastFrame(final byte[] frame)
    {
        hashFrame(frame);
        for (int i = 0, n = members.size(); i < n; i++)
        {
            deliver(members.get(i).playerId, frame);
        }
    }

    public void sendFrame(final String playerId, final byte[] frame)
    {
        hashFrame(frame);
        deliver(playerId, frame);
    }

    public void setJoinable(final boolean joinable)
    {
        if (joinable != isJoinable)
        {
            isJoinable = joinable;
            publishView();
        }
    }

    public long nanoTime()
    {
        return nanoClock.nanoTime();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Simulation (tick thread)

    public void onInput(
        final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (MatchRecords.INPUT == inputType)
        {
            stageInput(sourceId, buffer, offset, length);
            return;
        }

        final PendingRequest request = runtime.takePendingRequest(MatchRecords.requestId(buffer, offset));
        if (null == request)
        {
            LOG.warn("match {}: {} record without a pending request dropped", matchId,
                MatchRecords.typeName(inputType));
            return;
        }
        ObjectNode joinCtx = null;
        if (MatchRecords.JOIN == inputType)
        {
            final int jsonOffset = MatchRecords.jsonOffset(buffer, offset);
            final int jsonLength = offset + length - jsonOffset;
            if (jsonLength > 0)
            {
                final byte[] json = new byte[jsonLength];
                buffer.getBytes(jsonOffset, json);
                joinCtx = Frames.decodeObject(json, 0, jsonLength);
            }
        }
        stagedControls.add(new StagedControl(inputType, request, joinCtx));
    }

    public void onTick(final long tick)
    {
        final long nowNs = nanoClock.nanoTime();
        if (isReleased)
        {
            return;
        }
        ensureInitialised(nowNs);
        beginJournalTick(tick);

        applyControls(nowNs);
        if (MatchView.RUNNING == status)
        {
            deliverInputs(nowNs);
            stepLogic(nowNs);
        }
        else if (stagedInputBytes > 0)
        {
            droppedInputCount += countStagedInputs();
        }
        stagedInputBytes = 0;

        endJournalTick(nowNs);
        housekeeping(nowNs);
    }

    private void ensureInitialised(final long nowNs)
    {
        if (!isInitialised)
        {
            isInitialised = true;
            try
            {
                logic.init(this);
            }
            catch (final Throwable ex)
            {
                hasInitFailed = true;
                logicErrors.warn(nowNs, "init", matchId, ex);
                beginRemoval("init failed");
            }
        }
    }

    private void stageInput(final long playerNo, final DirectBuffer buffer, final int offset, final int length)
    {
        final int jsonOffset = MatchRecords.jsonOffset(buffer, offset);
        final int jsonLength = offset + length - jsonOffset;
        if (jsonLength < 0 || stagedInputBytes + STAGED_INPUT_HEADER_BYTES + jsonLength > maxStagedInputBytes)
        {
            droppedInputCount++;
            return;
        }
        final ExpandableArrayBuffer staged = stagedInputs;
        staged.putLong(stagedInputBytes, playerNo);
        staged.putInt(stagedInputBytes + Long.BYTES, jsonLength);
        staged.putBytes(stagedInputBytes + STAGED_INPUT_HEADER_BYTES, buffer, jsonOffset, jsonLength);
        stagedInputBytes += STAGED_INPUT_HEADER_BYTES + jsonLength;
    }

    private int countStagedInputs()
    {
        int count = 0;
        for (int position = 0; position < stagedInputBytes; )
        {
            position += STAGED_INPUT_HEADER_BYTES + stagedInputs.getInt(position + Long.BYTES);
            count++;
        }
        return count;
    }

    private void deliverInputs(final long nowNs)
    {
        final ExpandableArrayBuffer staged = stagedInputs;
        final byte[] bytes = staged.byteArray();
        for (int position = 0; position < stagedInputBytes; )
        {
            final long playerNo = staged.getLong(position);
            final int jsonLength = staged.getInt(position + Long.BYTES);
            final int jsonOffset = position + STAGED_INPUT_HEADER_BYTES;
            position = jsonOffset + jsonLength;

            final Member member = memberByPlayerNo.get(playerNo);
            if (null == member)
            {
                droppedInputCount++;
                continue;
            }
            journalInput(playerNo, MatchRecords.INPUT, staged, jsonOffset, jsonLength);
            try
            {
                logic.handleInput(member.playerId, bytes, jsonOffset, jsonLength);
            }
            catch (final Throwable ex)
            {
                logicErrors.warn(nowNs, "handleInput", matchId, ex);
            }
        }
    }

    private void stepLogic(final long nowNs)
    {
        ObjectNode result = null;
        try
        {
            result = logic.tick(runningTick);
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nowNs, "tick", matchId, ex);
        }
        runningTick++;

        if (null != result)
        {
            finish(nowNs, result);
        }
        else
        {
            sendState(nowNs);
        }
    }

    private void sendState(final long nowNs)
    {
        if (members.isEmpty())
        {
            return;
        }

        final boolean isShared;
        try
        {
            isShared = logic.sharedState();
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nowNs, "sharedState", matchId, ex);
            return;
        }

        if (isShared)
        {
            final byte[] frame = encodeState(nowNs, null);
            if (null != frame)
            {
                broadcastFrame(frame);
            }
        }
        else
        {
            for (int i = 0, n = members.size(); i < n; i++)
            {
                final String playerId = members.get(i).playerId;
                final byte[] frame = encodeState(nowNs, playerId);
                if (null != frame)
                {
                    hashFrame(frame);
                    deliver(playerId, frame);
                }
            }
        }
    }

    private byte[] encodeState(final long nowNs, final String playerId)
    {
        try
        {
            return stateEncoder.encode(logic, playerId);
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nowNs, "writeState", matchId, ex);
            return null;
        }
    }

    private void finish(final long nowNs, final ObjectNode result)
    {
        status = MatchView.FINISHED;
        finishedNs = nowNs;
        publishView();

        final ObjectNode payload = Frames.object();
        payload.put("match_id", matchId);
        payload.set("result", result);
        final byte[] frame;
        try
        {
            frame = Frames.frame(Frames.MATCH_FINISHED, payload);
        }
        catch (final RuntimeException ex)
        {
            logicErrors.warn(nowNs, "encoding the result of tick", matchId, ex);
            return;
        }
        broadcastFrame(frame);
    }

    private void housekeeping(final long nowNs)
    {
        if (isRemoving)
        {
            tryRelease();
        }
        else if (members.isEmpty() && 0 == requestsInFlight.get())
        {
            beginRemoval("empty");
        }
        else if (MatchView.WAITING == status && nowNs - createdNs >= waitingTimeoutNs)
        {
            beginRemoval("waiting timeout");
        }
        else if (MatchView.FINISHED == status && nowNs - finishedNs >= finishedLingerNs)
        {
            beginRemoval("finished");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Joins and leaves

    private void applyControls(final long nowNs)
    {
        final ArrayList<StagedControl> controls = stagedControls;
        for (int i = 0, n = controls.size(); i < n; i++)
        {
            final StagedControl control = controls.get(i);
            try
            {
                journalControl(control);
                if (MatchRecords.JOIN == control.type)
                {
                    applyJoin(nowNs, control.request, control.joinCtx);
                }
                else
                {
                    applyLeave(nowNs, control.request);
                }
            }
            finally
            {
                requestsInFlight.decrementAndGet();
            }
        }
        controls.clear();
    }

    private void applyJoin(final long nowNs, final PendingRequest request, final ObjectNode joinCtx)
    {
        final PlayerState player = request.player();
        player.joining.compareAndSet(this, null);

        if (hasInitFailed)
        {
            replyError(request, "match_start_failed", null);
            return;
        }
        if (isRemoving || MatchView.FINISHED == status)
        {
            joinFailed(request, "match_not_found", null);
            return;
        }

        final Member existing = memberById.get(player.id);
        if (null != existing)
        {
            if (existing.player != player)
            {
                memberByPlayerNo.remove(existing.player.playerNo);
                existing.player.match.compareAndSet(this, null);
                existing.player = player;
                memberByPlayerNo.put(player.playerNo, existing);
            }
            bindPlayer(player);
            replyOk(request, Frames.MATCH_JOINED, joinedPayload());
            return;
        }

        if (members.size() >= config.maxPlayers())
        {
            joinFailed(request, "match_full", null);
            return;
        }
        if (!isJoinable)
        {
            joinFailed(request, "match_locked", null);
            return;
        }

        final String refusal;
        try
        {
            refusal = logic.join(player.id, joinCtx);
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nowNs, "join", matchId, ex);
            replyError(request, "internal", null);
            return;
        }
        if (null != refusal)
        {
            replyError(request, "join_refused", Frames.object().put("refused_reason", refusal));
            return;
        }

        final Member member = new Member(player.id, player);
        members.add(member);
        playerIds.add(player.id);
        memberById.put(player.id, member);
        memberByPlayerNo.put(player.playerNo, member);
        bindPlayer(player);

        if (MatchView.WAITING == status && members.size() >= config.minPlayers())
        {
            status = MatchView.RUNNING;
        }
        publishView();
        replyOk(request, Frames.MATCH_JOINED, joinedPayload());
    }

    private void bindPlayer(final PlayerState player)
    {
        final MatchInstance previous = player.match.getAndSet(this);
        if (null != previous && previous != this)
        {
            runtime.publishLeave(previous, player, null);
        }
    }

    private void applyLeave(final long nowNs, final PendingRequest request)
    {
        final PlayerState player = request.player();
        final Member member = memberById.get(player.id);
        if (null != member)
        {
            removeMember(member);
            try
            {
                logic.leave(player.id);
            }
            catch (final Throwable ex)
            {
                logicErrors.warn(nowNs, "leave", matchId, ex);
            }
            publishView();
        }
        replyOk(request, Frames.MATCH_LEFT, Frames.success());
    }

    private void removeMember(final Member member)
    {
        final int index = members.indexOf(member);
        members.remove(index);
        playerIds.remove(index);
        memberById.remove(member.playerId);
        memberByPlayerNo.remove(member.player.playerNo);
        member.player.match.compareAndSet(this, null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Journal and outbox (tick thread)

    private void beginJournalTick(final long tick)
    {
        if (null == journal || isReleased || hasInitFailed)
        {
            return;
        }
        try
        {
            if (!isJournalStarted)
            {
                journal.started(simulationId, SimulationKind.MATCH, matchId, config.name(), seed,
                    config.tickRateHz(), codeHash, runtime.context().epochClock().time());
                isJournalStarted = true;
            }
            journal.beginTick(simulationId, tick);
            isTickOpen = true;
            frameHash = FrameHash.EMPTY;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("match {}: cannot journal tick {}; its frames are dropped and its replies refused",
                matchId, tick, ex);
            isTickOpen = true; // still buffer everything the tick produces, so that none of it is released
            isTickFailed = true;
            journalFailures++;
        }
    }

    private void endJournalTick(final long nowNs)
    {
        if (!isTickOpen)
        {
            return;
        }
        isTickOpen = false;
        boolean isJournaled = false;
        if (isTickFailed)
        {
            isTickFailed = false;
        }
        else
        {
            try
            {
                journal.endTick(frameHash);
                isJournaled = true;
            }
            catch (final RuntimeException ex)
            {
                abortQuietly();
                journalFailures++;
                LOG.error("match {}: tick not journaled; its frames are dropped and its replies refused",
                    matchId, ex);
            }
        }
        flushOutbox(isJournaled);
    }

    private void journalInput(
        final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (isTickOpen && !isTickFailed)
        {
            try
            {
                journal.input(sourceId, inputType, buffer, offset, length);
            }
            catch (final RuntimeException ex)
            {
                abortQuietly();
                isTickFailed = true;
                journalFailures++;
                LOG.error("match {}: input not journaled; the tick's frames are dropped", matchId, ex);
            }
        }
    }

    private void abortQuietly()
    {
        try
        {
            journal.abortTick();
        }
        catch (final RuntimeException ignore)
        {
            // the journal is already unusable; the tick is dropped either way
        }
    }

    /** A join or leave as journaled ({@link MatchJournalRecords}). */
    private void journalControl(final StagedControl control)
    {
        if (!isTickOpen || isTickFailed)
        {
            return;
        }
        final PlayerState player = control.request.player();
        final int length = MatchJournalRecords.encodeControl(journalScratch, player.idBytes,
            null == control.joinCtx ? null : Frames.encode(control.joinCtx));
        journalInput(player.playerNo, control.type, journalScratch, 0, length);
    }

    private void hashFrame(final byte[] frame)
    {
        if (isTickOpen)
        {
            frameHash = FrameHash.add(frameHash, frame);
        }
    }

    private void deliver(final String playerId, final byte[] frame)
    {
        if (isTickOpen)
        {
            outbox.add(playerId);
            outbox.add(frame);
        }
        else
        {
            runtime.send(playerId, frame);
        }
    }

    private void replyOk(final PendingRequest request, final String type, final ObjectNode payload)
    {
        if (isTickOpen)
        {
            outbox.add(new DeferredReply(request, type, payload, null, null, false));
        }
        else
        {
            runtime.replyOk(request.reply(), type, payload);
        }
    }

    private void replyError(final PendingRequest request, final String reason, final ObjectNode details)
    {
        if (isTickOpen)
        {
            outbox.add(new DeferredReply(request, null, null, reason, details, false));
        }
        else
        {
            runtime.replyError(request.reply(), reason, details);
        }
    }

    private void joinFailed(final PendingRequest request, final String reason, final ObjectNode details)
    {
        if (isTickOpen)
        {
            outbox.add(new DeferredReply(request, null, null, reason, details, true));
        }
        else
        {
            runtime.joinFailed(request, reason, details);
        }
    }

    private void flushOutbox(final boolean isJournaled)
    {
        final ArrayList<Object> out = outbox;
        for (int i = 0, n = out.size(); i < n; i++)
        {
            final Object entry = out.get(i);
            if (entry instanceof final DeferredReply reply)
            {
                if (!isJournaled)
                {
                    runtime.replyError(reply.request.reply(), "internal", null);
                }
                else if (null == reply.reason)
                {
                    runtime.replyOk(reply.request.reply(), reply.type, reply.payload);
                }
                else if (reply.isJoin)
                {
                    runtime.joinFailed(reply.request, reply.reason, reply.details);
                }
                else
                {
                    runtime.replyError(reply.request.reply(), reply.reason, reply.details);
                }
            }
            else
            {
                final byte[] frame = (byte[])out.get(++i);
                if (isJournaled)
                {
                    runtime.send((String)entry, frame);
                }
            }
        }
        out.clear();
    }

    /**
     * Ticks whose journal document could not be written (their frames were dropped, their replies refused).
     *
     * @return count.
     */
    long journalFailures()
    {
        return journalFailures;
    }

    private record DeferredReply(
        PendingRequest request, String type, ObjectNode payload, String reason, ObjectNode details, boolean isJoin)
    {
    }

    private ObjectNode joinedPayload()
    {
        final ObjectNode payload = Frames.object();
        payload.put("match_id", matchId);
        payload.put("mode", config.name());
        payload.put("status", status);
        payload.put("player_count", members.size());
        payload.put("max_players", config.maxPlayers());
        payload.set("players", Frames.array(playerIds));
        payload.put("listed", config.listed());
        payload.put("joinable", isJoinable);
        return payload;
    }

    private void publishView()
    {
        final MatchView current = view;
        if (current.status() != status || current.playerCount() != members.size() || current.joinable() != isJoinable)
        {
            view = new MatchView(status, members.size(), isJoinable);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Removal

    private void beginRemoval(final String reason)
    {
        if (!isRemoving)
        {
            LOG.debug("match {} ({}) removing: {}", matchId, config.name(), reason);
            isRemoving = true;
            runtime.unregister(this);
        }
        tryRelease();
    }

    /**
     * Release the match once no published request is still on its way to it: unbind its players, close the logic
     * and ask the tick agent to drop it.
     */
    private void tryRelease()
    {
        if (isReleased || 0 != requestsInFlight.get())
        {
            return;
        }
        release("match_not_found");
        shard.remove(simulationId);
    }

    /**
     * Release now (also forced: quarantine, runtime close); staged joins are answered {@code joinReason}, and
     * requests still in flight are answered by the runtime.
     *
     * @param joinReason answer to joins staged but not applied.
     */
    void release(final String joinReason)
    {
        if (isReleased)
        {
            return;
        }
        isReleased = true;
        isRemoving = true;
        runtime.unregister(this);
        for (int i = 0, n = stagedControls.size(); i < n; i++)
        {
            final PendingRequest request = stagedControls.get(i).request;
            if (MatchRecords.JOIN == request.type())
            {
                request.player().joining.compareAndSet(this, null);
                runtime.joinFailed(request, joinReason, null);
            }
            else
            {
                runtime.replyOk(request.reply(), Frames.MATCH_LEFT, Frames.success());
            }
        }
        for (int i = 0, n = members.size(); i < n; i++)
        {
            members.get(i).player.match.compareAndSet(this, null);
        }
        members.clear();
        playerIds.clear();
        memberById.clear();
        memberByPlayerNo.clear();
        stagedControls.clear();
        try
        {
            logic.close();
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nanoClock.nanoTime(), "close", matchId, ex);
        }
        runtime.onReleased(this);
    }

    public String toString()
    {
        return "Match{" + matchId + ", mode=" + config.name() + ", status=" + status + "}";
    }

    private static final class Member
    {
        final String playerId;
        PlayerState player;

        Member(final String playerId, final PlayerState player)
        {
            this.playerId = playerId;
            this.player = player;
        }
    }

    private record StagedControl(int type, PendingRequest request, ObjectNode joinCtx)
    {
    }
}
