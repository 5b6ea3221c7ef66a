package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Re-simulates one journaled match, tick by tick, with a game mode's current code: feed it the journal
 * ({@link io.asobi.persistence.SimulationJournalReader#read}) and it applies each tick's joins, leaves and inputs
 * the way the live match did, steps the logic, builds the same frames, and compares their hash with the
 * {@code TickEnd} recorded live.
 * <p>
 * It follows {@code MatchInstance}'s order within a tick: joins and leaves, then (while running) inputs, the game's
 * tick, and the state frames (one shared or one per player in join order), hashing every frame in the order the
 * live match released it.
 * <p>
 * <b>Note:</b> single threaded; not reusable.
 */
public final class MatchReplay implements SimulationRecordHandler
{
    /**
     * Told of every replayed tick.
     */
    @FunctionalInterface
    public interface TickListener
    {
        /**
         * One tick was replayed.
         *
         * @param tick         the tick.
         * @param recordedHash the hash recorded live.
         * @param replayedHash the hash of the replayed tick's frames.
         */
        void onTick(long tick, long recordedHash, long replayedHash);
    }

    private final GameMode mode;
    private final long snapshotIndex;
    private String matchId;
    private final long toTick;
    private final TickListener listener;
    private final StateFrameEncoder stateEncoder = new StateFrameEncoder();
    private final ArrayList<String> members = new ArrayList<>();
    private final Long2ObjectHashMap<String> playerBySource = new Long2ObjectHashMap<>();
    private final java.util.HashMap<String, Long> sourceByPlayer = new java.util.HashMap<>();
    private final ArrayList<Staged> staged = new ArrayList<>();
    private final ArrayList<byte[]> tickFrames = new ArrayList<>();
    private final ArrayList<Long> codeReloadTicks = new ArrayList<>();
    private final java.util.ArrayDeque<ObjectNode> metagameAnswers = new java.util.ArrayDeque<>();
    private boolean isKeepingTickFrames;

    private long simulationId = Long.MIN_VALUE;
    private ModeConfig config;
    private MatchLogic logic;
    private Context context;
    private String status = MatchView.WAITING;
    private boolean isJoinable = true;
    private long runningTick;
    private long lastTick = Long.MIN_VALUE;
    private long seed;
    private long frameHash;
    private long ticksReplayed;
    private long firstDivergentTick = -1;
    private long replayMismatches;
    private long logicErrors;
    private Throwable failure;

    /**
     * @param mode    the mode to re-simulate with (its current code).
     * @param matchId the match to replay, as recorded in {@code SimulationStarted.name}.
     * @param toTick  last tick to replay (inclusive), or {@link Long#MAX_VALUE} for all.
     * @param listener told of each tick, or null.
     */
    public MatchReplay(final GameMode mode, final String matchId, final long toTick, final TickListener listener)
    {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.matchId = Objects.requireNonNull(matchId, "matchId");
        this.toTick = toTick;
        this.listener = listener;
        this.snapshotIndex = -1;
    }

    private MatchReplay(
        final GameMode mode, final long simulationId, final long snapshotIndex, final TickListener listener)
    {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.toTick = Long.MAX_VALUE;
        this.listener = listener;
        this.snapshotIndex = snapshotIndex;
        this.pendingSimulationId = simulationId;
    }

    /**
     * A replay that starts from one journaled snapshot of a simulation and goes on with the records after it:
     * read the journal from {@code snapshotIndex}
     * ({@link io.asobi.persistence.SimulationJournalReader#read(SimulationRecordHandler, long)}).
     *
     * @param mode          the mode the snapshot was written by.
     * @param simulationId  the simulation.
     * @param snapshotIndex journal index of the snapshot document.
     * @param listener      told of each tick, or null.
     * @return the replay.
     */
    public static MatchReplay fromSnapshot(
        final GameMode mode, final long simulationId, final long snapshotIndex, final TickListener listener)
    {
        return new MatchReplay(mode, simulationId, snapshotIndex, listener);
    }

    /**
     * A replay of a simulation from its {@code SimulationStarted}, found by id rather than match id.
     *
     * @param mode         the mode.
     * @param simulationId the simulation.
     * @param listener     told of each tick, or null.
     * @return the replay.
     */
    public static MatchReplay fromStart(final GameMode mode, final long simulationId, final TickListener listener)
    {
        return new MatchReplay(mode, simulationId, -1, listener);
    }

    private long pendingSimulationId = Long.MIN_VALUE;

    /**
     * @return whether the match's {@code SimulationStarted} was found.
     */
    public boolean isFound()
    {
        return Long.MIN_VALUE != simulationId;
    }

    /**
     * @return ticks replayed so far.
     */
    public long ticksReplayed()
    {
        return ticksReplayed;
    }

    /**
     * @return the first tick whose replayed hash differs from the recorded one, or -1 if none did.
     */
    public long firstDivergentTick()
    {
        return firstDivergentTick;
    }

    /**
     * @return game-logic exceptions contained during the replay (as the live match contained them).
     */
    public long logicErrors()
    {
        return logicErrors;
    }

    /**
     * @return the exception that stopped the replay, or null.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * The game's state as a JSON object for one player (or shared), at the last replayed tick.
     *
     * @param playerId the audience, or null for a shared state.
     * @return the {@code match.state} frame bytes.
     */
    public byte[] stateFrame(final String playerId)
    {
        try
        {
            return stateEncoder.encode(logic, playerId);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the players in the match at the last replayed tick, in join order.
     */
    public List<String> players()
    {
        return Collections.unmodifiableList(members);
    }

    /**
     * @return metagame calls the replayed logic made that the journal did not hold (in that order): a sign that
     * the code differs from the live match's.
     */
    public long replayMismatches()
    {
        return replayMismatches;
    }

    /**
     * @return the last tick replayed (or restored from the snapshot), or {@link Long#MIN_VALUE} if none.
     */
    public long lastTick()
    {
        return lastTick;
    }

    /**
     * @return the id of the simulation replayed, or {@link Long#MIN_VALUE} if not found.
     */
    public long simulationId()
    {
        return simulationId;
    }

    /**
     * @return the match id, once found.
     */
    public String matchId()
    {
        return matchId;
    }

    String status()
    {
        return status;
    }

    boolean isJoinable()
    {
        return isJoinable;
    }

    long runningTick()
    {
        return runningTick;
    }

    long seed()
    {
        return seed;
    }

    ModeConfig config()
    {
        return config;
    }

    /** The journal source number of a member's inputs, or -1. */
    long sourceOf(final String playerId)
    {
        final Long source = sourceByPlayer.get(playerId);
        return null == source ? -1 : source;
    }

    /**
     * Hand the replayed logic over to a live match: from now on everything the logic asks of its context goes to
     * {@code live}. The replay is done with afterwards.
     */
    MatchLogic handOver(final MatchContext live)
    {
        context.live = live;
        return logic;
    }

    /**
     * {@inheritDoc}
     */
    public void onStarted(
        final long index, final long simulationId, final SimulationKind kind, final String name, final String mode,
        final long rngSeed, final int tickRateHz, final long codeHash, final long startEpochMs)
    {
        if (SimulationKind.MATCH != kind || isFound() || snapshotIndex >= 0 ||
            (null != matchId ? !matchId.equals(name) : simulationId != pendingSimulationId))
        {
            return;
        }
        this.simulationId = simulationId;
        this.matchId = name;
        this.seed = rngSeed;
        this.config = this.mode.config();
        this.logic = this.mode.newMatch();
        this.context = new Context(rngSeed);
        logic.init(context);
    }

    /**
     * {@inheritDoc}
     */
    public void onSnapshot(
        final long index, final long simulationId, final long tick, final long nextSequence, final long codeHash,
        final int payloadVersion, final String appVersion, final long createdEpochMs, final DirectBuffer payload,
        final int offset, final int length)
    {
        if (index != snapshotIndex || simulationId != pendingSimulationId || isFound())
        {
            return;
        }
        if (MatchSnapshot.VERSION != payloadVersion)
        {
            throw new IllegalArgumentException("snapshot format " + payloadVersion + " is not " +
                MatchSnapshot.VERSION);
        }
        final MatchSnapshot snapshot = MatchSnapshot.decode(payload, offset, length);
        this.simulationId = simulationId;
        this.matchId = snapshot.matchId();
        this.seed = snapshot.seed();
        this.config = mode.config();
        this.logic = mode.newMatch();
        this.context = new Context(snapshot.seed());
        logic.restore(context, payload, snapshot.logicOffset(), snapshot.logicLength());
        status = snapshot.status();
        isJoinable = snapshot.joinable();
        runningTick = snapshot.runningTick();
        lastTick = tick;
        for (final MatchSnapshot.Member member : snapshot.members())
        {
            members.add(member.playerId());
            playerBySource.put(member.sourceId(), member.playerId());
            sourceByPlayer.put(member.playerId(), member.sourceId());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInput(
        final long index, final long simulationId, final long tick, final long sequence, final long sourceId,
        final int inputType, final DirectBuffer payload, final int offset, final int length)
    {
        if (simulationId != this.simulationId || tick > toTick || null != failure)
        {
            return;
        }
        if (MatchJournalRecords.CODE == inputType)
        {
            codeReloadTicks.add(tick);
        }
        else if (MatchJournalRecords.METAGAME == inputType)
        {
            final byte[] json = new byte[length];
            payload.getBytes(offset, json);
            metagameAnswers.add(Frames.decodeObject(json, 0, length));
            return;
        }
        final byte[] bytes = new byte[length];
        payload.getBytes(offset, bytes);
        staged.add(new Staged(sourceId, inputType, bytes));
    }

    /**
     * {@inheritDoc}
     */
    public void onTickEnd(
        final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
    {
        if (simulationId != this.simulationId || tick > toTick || null != failure)
        {
            return;
        }
        frameHash = FrameHash.EMPTY;
        tickFrames.clear();
        try
        {
            step();
        }
        catch (final RuntimeException | IOException ex)
        {
            failure = ex;
        }
        metagameAnswers.clear(); // answers the replayed logic did not ask for again
        ticksReplayed++;
        lastTick = tick;
        if (frameHash != stateHash && firstDivergentTick < 0)
        {
            firstDivergentTick = tick;
        }
        if (null != listener)
        {
            listener.onTick(tick, stateHash, frameHash);
        }
        staged.clear();
    }

    /**
     * @return the ticks in which the live match hot-reloaded its code (journaled {@code CODE} records); a replay
     * runs one version of the code throughout.
     */
    public List<Long> codeReloadTicks()
    {
        return Collections.unmodifiableList(codeReloadTicks);
    }

    /**
     * Keep the frames each tick builds, for {@link #tickFrames()} (off by default: it allocates).
     *
     * @param keep whether to keep them.
     * @return this.
     */
    public MatchReplay keepTickFrames(final boolean keep)
    {
        this.isKeepingTickFrames = keep;
        return this;
    }

    /**
     * The frames the tick being reported to the {@link TickListener} built, in the order the live match released
     * them (only with {@link #keepTickFrames}).
     *
     * @return the frames, valid during the listener's call.
     */
    public List<byte[]> tickFrames()
    {
        return Collections.unmodifiableList(tickFrames);
    }

    /**
     * The journaled records of the tick being reported to the {@link TickListener}, readably: {@code join P},
     * {@code leave P} or {@code input #source {json}}.
     *
     * @return one line per record, valid during the listener's call.
     */
    public List<String> tickRecords()
    {
        final ArrayList<String> lines = new ArrayList<>(staged.size());
        for (final Staged s : staged)
        {
            if (MatchRecords.INPUT == s.type)
            {
                final String player = playerBySource.get(s.sourceId);
                lines.add("input " + (null == player ? "#" + s.sourceId : player) + " " +
                    new String(s.payload, java.nio.charset.StandardCharsets.UTF_8));
            }
            else if (MatchJournalRecords.CODE == s.type)
            {
                lines.add(String.format("code reloaded 0x%016x",
                    MatchJournalRecords.codeHash(new org.agrona.concurrent.UnsafeBuffer(s.payload), 0,
                        s.payload.length)));
            }
            else
            {
                lines.add((MatchRecords.JOIN == s.type ? "join " : "leave ") + s.playerId());
            }
        }
        return lines;
    }

    private void step() throws IOException
    {
        for (final Staged s : staged)
        {
            if (MatchRecords.JOIN == s.type)
            {
                join(s);
            }
            else if (MatchRecords.LEAVE == s.type)
            {
                leave(s);
            }
        }
        if (!MatchView.RUNNING.equals(status))
        {
            return;
        }
        for (final Staged s : staged)
        {
            if (MatchRecords.INPUT == s.type)
            {
                final String playerId = playerBySource.get(s.sourceId);
                if (null != playerId && members.contains(playerId))
                {
                    try
                    {
                        logic.handleInput(playerId, s.payload, 0, s.payload.length);
                    }
                    catch (final Throwable ex)
                    {
                        logicErrors++; // contained, as live
                    }
                }
            }
        }
        ObjectNode result = null;
        try
        {
            result = logic.tick(runningTick);
        }
        catch (final Throwable ex)
        {
            logicErrors++;
        }
        runningTick++;
        if (null != result)
        {
            status = MatchView.FINISHED;
            final ObjectNode payload = Frames.object();
            payload.put("match_id", matchId);
            payload.set("result", result);
            hash(Frames.frame(Frames.MATCH_FINISHED, payload));
        }
        else if (!members.isEmpty())
        {
            final boolean isShared;
            try
            {
                isShared = logic.sharedState();
            }
            catch (final Throwable ex)
            {
                logicErrors++;
                return;
            }
            if (isShared)
            {
                hashState(null);
            }
            else
            {
                for (int i = 0, n = members.size(); i < n; i++)
                {
                    hashState(members.get(i));
                }
            }
        }
    }

    private void hashState(final String playerId)
    {
        try
        {
            hash(stateEncoder.encode(logic, playerId));
        }
        catch (final Throwable ex)
        {
            logicErrors++; // live drops a frame it cannot encode
        }
    }

    private void join(final Staged s)
    {
        final String playerId = s.playerId();
        if (null == playerId)
        {
            return;
        }
        playerBySource.put(s.sourceId, playerId);
        sourceByPlayer.put(playerId, s.sourceId);
        if (MatchView.FINISHED.equals(status) || members.contains(playerId) ||
            members.size() >= config.maxPlayers() || !isJoinable)
        {
            return;
        }
        final int ctxOffset = s.contextOffset();
        final ObjectNode joinCtx = s.payload.length > ctxOffset ?
            Frames.decodeObject(s.payload, ctxOffset, s.payload.length - ctxOffset) : null;
        try
        {
            if (null != logic.join(playerId, joinCtx))
            {
                return;
            }
        }
        catch (final Throwable ex)
        {
            logicErrors++;
            return;
        }
        members.add(playerId);
        if (MatchView.WAITING.equals(status) && members.size() >= config.minPlayers())
        {
            status = MatchView.RUNNING;
        }
    }

    private void leave(final Staged s)
    {
        final String playerId = s.playerId();
        if (null != playerId && members.remove(playerId))
        {
            try
            {
                logic.leave(playerId);
            }
            catch (final Throwable ex)
            {
                logicErrors++;
            }
        }
    }

    private void hash(final byte[] frame)
    {
        frameHash = FrameHash.add(frameHash, frame);
        if (isKeepingTickFrames)
        {
            tickFrames.add(frame);
        }
    }

    private record Staged(long sourceId, int type, byte[] payload)
    {
        String playerId()
        {
            return MatchJournalRecords.playerId(new org.agrona.concurrent.UnsafeBuffer(payload), 0, payload.length);
        }

        int contextOffset()
        {
            return MatchJournalRecords.contextOffset(new org.agrona.concurrent.UnsafeBuffer(payload), 0);
        }
    }

    private final class Context implements MatchContext
    {
        private final long seed;
        private MatchContext live;

        Context(final long seed)
        {
            this.seed = seed;
        }

        public String matchId()
        {
            return null != live ? live.matchId() : matchId;
        }

        public ModeConfig config()
        {
            return null != live ? live.config() : config;
        }

        public long seed()
        {
            return seed;
        }

        public List<String> players()
        {
            return null != live ? live.players() : Collections.unmodifiableList(members);
        }

        public void broadcastFrame(final byte[] frame)
        {
            if (null != live)
            {
                live.broadcastFrame(frame);
                return;
            }
            hash(frame);
        }

        public void sendFrame(final String playerId, final byte[] frame)
        {
            if (null != live)
            {
                live.sendFrame(playerId, frame);
                return;
            }
            hash(frame);
        }

        public void setJoinable(final boolean joinable)
        {
            if (null != live)
            {
                live.setJoinable(joinable);
                return;
            }
            isJoinable = joinable;
        }

        public long nanoTime()
        {
            return null != live ? live.nanoTime() : 0;
        }

        public void codeReloaded(final long codeHash)
        {
            if (null != live)
            {
                live.codeReloaded(codeHash);
            }
        }

        public com.fasterxml.jackson.databind.JsonNode metagame(final String method, final ObjectNode args)
        {
            if (null != live)
            {
                return live.metagame(method, args);
            }
            final ObjectNode recorded = metagameAnswers.poll();
            if (null == recorded || !method.equals(recorded.path("m").asText()))
            {
                replayMismatches++;
                return Frames.object().put("error", "not_in_journal");
            }
            return recorded.path("r");
        }
    }
}
