package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.SimulationStats;
import io.asobi.persistence.SimulationJournal;
import io.asobi.persistence.SimulationJournalReader;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Crash isolation: an exception from a logic callback that changes the game ({@code join}, {@code leave},
 * {@code handleInput}, {@code tick}) aborts the tick (nothing of it is journaled or sent) and, when the match is
 * journaled, restores it on this thread from its newest snapshot plus the journal after it, to its last journaled
 * tick: its players stay connected and see the state go on. The tick's other joins and leaves are applied again on
 * the next tick; the failing join is refused with {@code internal}; a failing input is dropped (the tick's other
 * inputs are applied again), a failing {@code tick} drops the tick's inputs. After {@code crashLimit} crashes within
 * {@code crashWindowMs} the match finishes with {@code {"status":"crashed"}}. Without a journal a failure is only
 * logged and the match goes on. {@code writeState} failures only drop the frame. The tick engine never
 * quarantines a match for its game logic.
 * <p>
 * Snapshots: every {@code snapshotIntervalTicks} journaled ticks the match writes a snapshot ({@link MatchSnapshot})
 * to the journal, if its logic can ({@link MatchLogic#snapshot}).
 * <p>
 * Restored after a restart: members start detached (no connection); the match does not tick while no member is
 * attached, re-attaches a member on its next join, and after {@code reconnectGraceMs} makes the members still
 * detached leave, or, if none came back, ends with {@code abandoned}.
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
    private final GameMode mode;
    private MatchLogic logic;
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
    private long codeHash;
    private boolean isSnapshotDue;
    private int metagameCallsThisTick;
    private final ArrayList<Object> outbox = new ArrayList<>();
    private final ExpandableArrayBuffer journalScratch = new ExpandableArrayBuffer(256);
    private boolean isJournalStarted;
    private boolean isTickOpen;
    private long frameHash;
    private long journalFailures;
    private boolean isTickFailed;
    private boolean isJournalEnded;
    private long nextJournalTick;
    private long lastJournaledTick = Long.MIN_VALUE;
    private long startedIndex = -1;
    private long lastSnapshotIndex = -1;
    private long ticksSinceSnapshot;
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(0);
    private String endReason = "removed";

    // Crash isolation and restore (tick thread)
    private final long[] crashTimesNs;
    private int crashCursor;
    private long crashCount;
    private long restoreCount;

    // Restored after a restart (tick thread)
    private Restored restored;
    private long graceDeadlineNs = Long.MAX_VALUE;
    private int detachedCount;

    MatchInstance(
        final MatchRuntime runtime,
        final MatchShard shard,
        final long simulationId,
        final long creationSequence,
        final String matchId,
        final ModeConfig config,
        final GameMode mode,
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
        this.mode = mode;
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
        this.crashTimesNs = new long[ctx.crashLimit()];
        java.util.Arrays.fill(crashTimesNs, Long.MIN_VALUE);
    }

    /**
     * Make this match the continuation of a journaled one, re-simulated by {@code replay} after a restart: its
     * members are detached until they connect again. Called before the match is added to its tick thread.
     *
     * @param replay       the re-simulation, read to the journal's end.
     * @param nextSequence the simulation's next input sequence in the journal.
     * @param isSameJournal whether this match's journal is the directory the simulation was journaled in.
     * @param startedIndex index of its {@code SimulationStarted} there, or -1.
     * @param snapshotIndex index of the snapshot the replay started from, or -1.
     */
    void adoptRestored(
        final MatchReplay replay,
        final long nextSequence,
        final boolean isSameJournal,
        final long startedIndex,
        final long snapshotIndex)
    {
        restored = new Restored(nextSequence, replay.lastTick(), isSameJournal);
        this.startedIndex = startedIndex;
        this.lastSnapshotIndex = snapshotIndex;
        adopt(replay, Map.of());
        isInitialised = true;
    }

    /**
     * Player ids of the members waiting to be re-attached (restored after a restart).
     *
     * @return ids; read before the match is added to its tick thread.
     */
    List<String> detachedPlayerIds()
    {
        final ArrayList<String> ids = new ArrayList<>();
        for (final Member member : members)
        {
            if (null == member.player)
            {
                ids.add(member.playerId);
            }
        }
        return ids;
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

    public com.fasterxml.jackson.databind.JsonNode metagame(
        final String method, final ObjectNode args)
    {
        final MetagameBridge bridge = runtime.context().metagame();
        if (null == bridge)
        {
            return Frames.object().put("error", "metagame_unavailable");
        }
        if (null != journal && (!isTickOpen || isTickFailed))
        {
            return Frames.object().put("error", "metagame_outside_tick"); // it could not be journaled
        }
        // A tick that crashes after this call is re-run from the same journal tick: the same call there carries the
        // same key, so a grant or a purchase is not made twice.
        args.put("idempotency_key", matchId + ":" + nextJournalTick + ":" + metagameCallsThisTick++);
        com.fasterxml.jackson.databind.JsonNode answer;
        try
        {
            answer = bridge.call(method, args).get(runtime.context().metagameTimeoutMs(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            answer = Frames.object().put("error", "timeout");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            answer = Frames.object().put("error", "interrupted");
        }
        catch (final java.util.concurrent.ExecutionException | RuntimeException ex)
        {
            LOG.warn("match {}: metagame call {} failed", matchId, method, ex);
            answer = Frames.object().put("error", "internal");
        }
        if (null == answer || !answer.isObject())
        {
            answer = Frames.object().put("error", "internal");
        }
        if (null != journal)
        {
            final ObjectNode record = Frames.object();
            record.put("m", method);
            record.set("a", args);
            record.set("r", answer);
            byte[] bytes = Frames.encode(record);
            if (bytes.length > SimulationJournal.MAX_PAYLOAD_BYTES)
            {
                answer = Frames.object().put("error", "answer_too_large");
                record.set("a", Frames.object());
                record.set("r", answer);
                bytes = Frames.encode(record);
            }
            final org.agrona.concurrent.UnsafeBuffer payload = new org.agrona.concurrent.UnsafeBuffer(bytes);
            journalInput(0, MatchJournalRecords.METAGAME, payload, 0, bytes.length);
        }
        return answer;
    }

    public void codeReloaded(final long newCodeHash)
    {
        codeHash = newCodeHash;
        isSnapshotDue = true;
        if (isTickOpen && !isTickFailed)
        {
            final int length = MatchJournalRecords.encodeCode(journalScratch, newCodeHash);
            journalInput(0, MatchJournalRecords.CODE, journalScratch, 0, length);
        }
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
        if (null != restored && !activateRestored(nowNs))
        {
            housekeeping(nowNs);
            return;
        }
        if (detachedCount > 0 && stagedControls.isEmpty() && detachedCount == members.size())
        {
            if (nowNs >= graceDeadlineNs)
            {
                LOG.info("match {} ({}): no player came back within {} ms of the restart: abandoned", matchId,
                    config.name(), runtime.context().reconnectGraceMs());
                endWithoutLogic(nowNs, "abandoned");
                beginRemoval("abandoned");
            }
            housekeeping(nowNs); // no member attached yet: the game waits; nothing ticks or is journaled
            return;
        }

        beginJournalTick();
        try
        {
            if (detachedCount > 0 && nowNs >= graceDeadlineNs)
            {
                expireDetached(nowNs);
            }
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
            commitControls();
            maybeSnapshot();
        }
        catch (final LogicCrash crash)
        {
            onCrash(nowNs, crash);
        }
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
                logicFailed(nowNs, "handleInput", ex, null, jsonOffset - STAGED_INPUT_HEADER_BYTES);
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
            logicFailed(nowNs, "tick", ex, null, -1);
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
            journalControl(control);
            if (MatchRecords.JOIN == control.type)
            {
                applyJoin(nowNs, control);
            }
            else
            {
                applyLeave(nowNs, control);
            }
        }
    }

    /** The tick went through: its joins and leaves are done with. */
    private void commitControls()
    {
        final ArrayList<StagedControl> controls = stagedControls;
        for (int i = 0, n = controls.size(); i < n; i++)
        {
            requestsInFlight.decrementAndGet();
        }
        controls.clear();
    }

    private void applyJoin(final long nowNs, final StagedControl control)
    {
        final PendingRequest request = control.request;
        final ObjectNode joinCtx = control.joinCtx;
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
                if (null == existing.player)
                {
                    reattached(existing);
                }
                else
                {
                    memberByPlayerNo.remove(existing.player.playerNo);
                    existing.player.match.compareAndSet(this, null);
                }
                existing.player = player;
                existing.sourceId = player.playerNo;
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
            logicFailed(nowNs, "join", ex, control, -1);
            replyError(request, "internal", null);
            return;
        }
        if (null != refusal)
        {
            replyError(request, "join_refused", Frames.object().put("refused_reason", refusal));
            return;
        }

        final Member member = new Member(player.id, player, player.playerNo);
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

    private void applyLeave(final long nowNs, final StagedControl control)
    {
        final PendingRequest request = control.request;
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
                logicFailed(nowNs, "leave", ex, control, -1);
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
        if (null == member.player)
        {
            reattached(member);
        }
        else
        {
            memberByPlayerNo.remove(member.player.playerNo);
            member.player.match.compareAndSet(this, null);
        }
    }

    /** A detached member got a connection back or left. */
    private void reattached(final Member member)
    {
        detachedCount--;
        runtime.forgetDetached(member.playerId, this);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Journal and outbox (tick thread)

    private void beginJournalTick()
    {
        if (null == journal || isReleased || hasInitFailed || isJournalEnded)
        {
            return;
        }
        final long tick = nextJournalTick;
        try
        {
            if (!isJournalStarted)
            {
                startedIndex = journal.started(simulationId, SimulationKind.MATCH, matchId, config.name(), seed,
                    config.tickRateHz(), codeHash, runtime.context().epochClock().time());
                isJournalStarted = true;
            }
            journal.beginTick(simulationId, tick);
            isTickOpen = true;
            metagameCallsThisTick = 0;
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
            if (canRestore())
            {
                throw new LogicCrash("journal", null, null, -1);
            }
        }
        else
        {
            try
            {
                journal.endTick(frameHash);
                isJournaled = true;
                lastJournaledTick = nextJournalTick++;
            }
            catch (final RuntimeException ex)
            {
                abortQuietly();
                journalFailures++;
                LOG.error("match {}: tick not journaled; its frames are dropped and its replies refused",
                    matchId, ex);
                if (canRestore())
                {
                    throw new LogicCrash("journal", ex, null, -1);
                }
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
    // Crash isolation, snapshots and restore (tick thread)

    private boolean canRestore()
    {
        return null != journal && null != mode && isJournalStarted && !isJournalEnded && startedIndex >= 0;
    }

    /**
     * A logic callback threw: logged; in a journaled match the tick is abandoned ({@link LogicCrash}), otherwise the
     * match goes on.
     */
    private void logicFailed(
        final long nowNs, final String callback, final Throwable ex, final StagedControl control, final int inputPosition)
    {
        logicErrors.warn(nowNs, callback, matchId, ex);
        if (canRestore())
        {
            throw new LogicCrash(callback, ex, control, inputPosition);
        }
    }

    private void onCrash(final long nowNs, final LogicCrash crash)
    {
        crashCount++;
        abortQuietly();
        isTickOpen = false;
        isTickFailed = false;
        outbox.clear(); // nothing of the tick was journaled: its frames are dropped, its joins and leaves redone
        frameHash = FrameHash.EMPTY;

        final StagedControl culprit = crash.control;
        if (null != culprit)
        {
            final int index = stagedControls.indexOf(culprit);
            if (MatchRecords.JOIN == culprit.type && index >= 0)
            {
                stagedControls.remove(index);
                requestsInFlight.decrementAndGet();
                final PlayerState player = culprit.request.player();
                player.joining.compareAndSet(this, null);
                player.match.compareAndSet(this, null);
                runtime.replyError(culprit.request.reply(), "internal", null);
            }
        }
        if (crash.inputPosition >= 0)
        {
            dropStagedInput(crash.inputPosition);
        }
        else
        {
            if (stagedInputBytes > 0)
            {
                droppedInputCount += countStagedInputs();
            }
            stagedInputBytes = 0;
        }

        if (isOverCrashLimit(nowNs))
        {
            LOG.error("match {} ({}): {} failed; {} crashes within {} ms: the match is finished as crashed",
                matchId, config.name(), crash.callback, crashTimesNs.length, runtime.context().crashWindowMs());
            finishCrashed(nowNs);
            return;
        }
        try
        {
            restoreFromJournal();
            restoreCount++;
            LOG.warn("match {} ({}): {} failed; restored to tick {} of its journal", matchId, config.name(),
                crash.callback, lastJournaledTick);
        }
        catch (final Throwable ex)
        {
            LOG.error("match {} ({}): {} failed and the match could not be restored: finished as crashed",
                matchId, config.name(), crash.callback, ex);
            finishCrashed(nowNs);
        }
    }

    private boolean isOverCrashLimit(final long nowNs)
    {
        final long[] times = crashTimesNs;
        if (0 == times.length)
        {
            return true;
        }
        times[crashCursor] = nowNs;
        crashCursor = (crashCursor + 1) % times.length;
        final long oldest = times[crashCursor]; // the crash crashLimit crashes ago, now overwritten next
        final long windowNs = runtime.context().crashWindowMs() * 1_000_000L;
        return Long.MIN_VALUE != oldest && nowNs - oldest < windowNs;
    }

    private void dropStagedInput(final int position)
    {
        if (position >= stagedInputBytes)
        {
            return;
        }
        final int entryLength = STAGED_INPUT_HEADER_BYTES + stagedInputs.getInt(position + Long.BYTES);
        final int tail = stagedInputBytes - position - entryLength;
        stagedInputs.putBytes(position, stagedInputs, position + entryLength, tail);
        stagedInputBytes -= entryLength;
        droppedInputCount++;
    }

    /**
     * Rebuild the match from its newest snapshot (or its start) and the journal after it, to its last journaled tick,
     * with a fresh logic from its mode.
     */
    private void restoreFromJournal()
    {
        final MatchReplay replay = lastSnapshotIndex >= 0 ?
            MatchReplay.fromSnapshot(mode, simulationId, lastSnapshotIndex, null) :
            MatchReplay.fromStart(mode, simulationId, null);
        try (SimulationJournalReader reader = SimulationJournalReader.open(journal.context().dir()))
        {
            reader.read(replay, lastSnapshotIndex >= 0 ? lastSnapshotIndex : startedIndex);
        }
        if (!replay.isFound())
        {
            throw new IllegalStateException("simulation " + simulationId + " not found in " +
                journal.context().dir());
        }
        if (null != replay.failure())
        {
            throw new IllegalStateException("re-simulation failed", replay.failure());
        }
        final long expected = lastJournaledTick;
        if (replay.lastTick() != expected && !(Long.MIN_VALUE == expected && replay.lastTick() < 0))
        {
            throw new IllegalStateException("re-simulation reached tick " + replay.lastTick() + ", not " + expected);
        }
        if (replay.firstDivergentTick() >= 0)
        {
            LOG.warn("match {}: restored state differs from the live one from tick {} (non-deterministic logic?)",
                matchId, replay.firstDivergentTick());
        }

        final HashMap<String, PlayerState> known = new HashMap<>();
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (null != member.player)
            {
                known.put(member.playerId, member.player);
            }
        }
        for (int i = 0, n = stagedControls.size(); i < n; i++)
        {
            final PlayerState player = stagedControls.get(i).request.player();
            known.putIfAbsent(player.id, player);
        }
        final MatchLogic previous = logic;
        adopt(replay, known);
        try
        {
            previous.close();
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nanoClock.nanoTime(), "close", matchId, ex);
        }
    }

    /**
     * Take the replay's logic and state as this match's; members whose player is in {@code known} stay attached,
     * the others are detached.
     */
    private void adopt(final MatchReplay replay, final Map<String, PlayerState> known)
    {
        logic = replay.handOver(this);
        status = replay.status();
        isJoinable = replay.isJoinable();
        runningTick = replay.runningTick();

        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (null != member.player && !replay.players().contains(member.playerId) && !isStaged(member.player))
            {
                member.player.match.compareAndSet(this, null);
            }
        }
        members.clear();
        playerIds.clear();
        memberById.clear();
        memberByPlayerNo.clear();
        detachedCount = 0;
        for (final String playerId : replay.players())
        {
            final PlayerState player = known.get(playerId);
            final Member member = new Member(playerId, player, replay.sourceOf(playerId));
            members.add(member);
            playerIds.add(playerId);
            memberById.put(playerId, member);
            if (null != player)
            {
                memberByPlayerNo.put(player.playerNo, member);
            }
            else
            {
                detachedCount++;
            }
        }
        publishView();
    }

    private boolean isStaged(final PlayerState player)
    {
        for (int i = 0, n = stagedControls.size(); i < n; i++)
        {
            if (stagedControls.get(i).request.player() == player)
            {
                return true;
            }
        }
        return false;
    }

    private void maybeSnapshot()
    {
        final int intervalTicks = runtime.context().snapshotIntervalTicks();
        if (null != journal && intervalTicks > 0 && isJournalStarted && !isJournalEnded &&
            Long.MIN_VALUE != lastJournaledTick && (++ticksSinceSnapshot >= intervalTicks || isSnapshotDue))
        {
            writeSnapshot();
        }
    }

    /** Write a snapshot of the match as of its last journaled tick, if its logic can. */
    private void writeSnapshot()
    {
        ticksSinceSnapshot = 0;
        isSnapshotDue = false;
        final ArrayList<MatchSnapshot.Member> snapshotMembers = new ArrayList<>(members.size());
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            snapshotMembers.add(new MatchSnapshot.Member(member.sourceId, member.playerId));
        }
        final ExpandableArrayBuffer out = snapshotBuffer;
        final int lengthOffset = MatchSnapshot.encodeHeader(out, seed, runningTick, status, isJoinable, matchId,
            config.name(), snapshotMembers);
        final int logicLength;
        try
        {
            logicLength = logic.snapshot(out, lengthOffset + Integer.BYTES);
        }
        catch (final Throwable ex)
        {
            logicErrors.warn(nanoClock.nanoTime(), "snapshot", matchId, ex);
            return;
        }
        if (logicLength < 0)
        {
            return;
        }
        MatchSnapshot.putLogicLength(out, lengthOffset, logicLength);
        try
        {
            lastSnapshotIndex = journal.snapshot(simulationId, lastJournaledTick, codeHash, MatchSnapshot.VERSION,
                runtime.context().appVersion(), out, 0, lengthOffset + Integer.BYTES + logicLength);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("match {}: snapshot at tick {} not written", matchId, lastJournaledTick, ex);
        }
    }

    /**
     * First tick of a match restored after a restart: continue its journal and write a snapshot of it.
     *
     * @return false if it cannot go on (it is being removed).
     */
    private boolean activateRestored(final long nowNs)
    {
        final Restored r = restored;
        restored = null;
        graceDeadlineNs = nowNs + runtime.context().reconnectGraceMs() * 1_000_000L;
        if (null == journal)
        {
            return true;
        }
        try
        {
            if (r.isSameJournal())
            {
                journal.resume(simulationId, r.nextSequence(), r.lastTick());
            }
            else
            {
                startedIndex = journal.started(simulationId, SimulationKind.MATCH, matchId, config.name(), seed,
                    config.tickRateHz(), codeHash, runtime.context().epochClock().time());
            }
            isJournalStarted = true;
            lastJournaledTick = r.lastTick();
            nextJournalTick = Long.MIN_VALUE == r.lastTick() ? 0 : r.lastTick() + 1;
            writeSnapshot();
            return true;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("match {}: restored, but its journal cannot go on: removed", matchId, ex);
            beginRemoval("journal failure");
            return false;
        }
    }

    /** The grace period is over: members still detached leave (journaled, and told to the logic). */
    private void expireDetached(final long nowNs)
    {
        for (int i = members.size() - 1; i >= 0; i--)
        {
            final Member member = members.get(i);
            if (null != member.player)
            {
                continue;
            }
            final byte[] idBytes = member.playerId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            final int length = MatchJournalRecords.encodeControl(journalScratch, idBytes, null);
            journalInput(member.sourceId, MatchRecords.LEAVE, journalScratch, 0, length);
            removeMember(member);
            try
            {
                logic.leave(member.playerId);
            }
            catch (final Throwable ex)
            {
                logicFailed(nowNs, "leave", ex, null, -1);
            }
        }
        publishView();
    }

    /** Finish with {@code {"status": reason}}, without the logic; the journal is closed for the match. */
    private void endWithoutLogic(final long nowNs, final String reason)
    {
        writeEnded(reason);
        status = MatchView.FINISHED;
        finishedNs = nowNs;
        publishView();
        final ObjectNode payload = Frames.object();
        payload.put("match_id", matchId);
        payload.set("result", Frames.object().put("status", reason));
        final byte[] frame = Frames.frame(Frames.MATCH_FINISHED, payload);
        for (int i = 0, n = members.size(); i < n; i++)
        {
            final Member member = members.get(i);
            if (null != member.player)
            {
                runtime.send(member.playerId, frame);
            }
        }
        endReason = reason;
    }

    private void finishCrashed(final long nowNs)
    {
        endWithoutLogic(nowNs, "crashed");
    }

    /**
     * The first journal index this match needs to be restored: its newest snapshot, else its start.
     *
     * @return the index, or {@link Long#MAX_VALUE} if it has not been journaled (tick thread).
     */
    long retainFromIndex()
    {
        if (lastSnapshotIndex >= 0)
        {
            return lastSnapshotIndex;
        }
        return startedIndex >= 0 ? startedIndex : Long.MAX_VALUE;
    }

    /**
     * Crashes contained so far.
     *
     * @return count.
     */
    long crashCount()
    {
        return crashCount;
    }

    /**
     * Restores from the journal so far.
     *
     * @return count.
     */
    long restoreCount()
    {
        return restoreCount;
    }

    /**
     * Journal index of the newest snapshot, or -1.
     *
     * @return index.
     */
    long lastSnapshotIndex()
    {
        return lastSnapshotIndex;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Removal

    private void beginRemoval(final String reason)
    {
        if (!isRemoving)
        {
            endReason = reason;
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
        writeEnded(endReason);
        release("match_not_found");
        shard.remove(simulationId);
    }

    /** Journal that the simulation ended (so a restart does not restore it); at most once. */
    private void writeEnded(final String reason)
    {
        if (null == journal || !isJournalStarted || isJournalEnded)
        {
            return;
        }
        isJournalEnded = true;
        try
        {
            journal.ended(simulationId, reason);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("match {}: its end ({}) could not be journaled; a restart will restore it", matchId, reason,
                ex);
        }
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
            final Member member = members.get(i);
            if (null == member.player)
            {
                runtime.forgetDetached(member.playerId, this);
            }
            else
            {
                member.player.match.compareAndSet(this, null);
            }
        }
        detachedCount = 0;
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
        /** The connected player, or null while detached (restored after a restart, not yet back). */
        PlayerState player;
        /** The number its journaled records carry. */
        long sourceId;

        Member(final String playerId, final PlayerState player, final long sourceId)
        {
            this.playerId = playerId;
            this.player = player;
            this.sourceId = sourceId;
        }
    }

    private record Restored(long nextSequence, long lastTick, boolean isSameJournal)
    {
    }

    /** A logic callback failed in a journaled match: the tick is abandoned and the match restored. */
    private static final class LogicCrash extends RuntimeException
    {
        final String callback;
        final transient StagedControl control;
        final int inputPosition;

        LogicCrash(final String callback, final Throwable cause, final StagedControl control, final int inputPosition)
        {
            super(callback, cause, false, false);
            this.callback = callback;
            this.control = control;
            this.inputPosition = inputPosition;
        }
    }

    private record StagedControl(int type, PendingRequest request, ObjectNode joinCtx)
    {
    }
}
