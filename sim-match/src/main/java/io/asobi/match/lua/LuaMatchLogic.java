package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.MatchContext;
import io.asobi.match.MatchLogic;
import io.asobi.match.ModeConfig;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The game logic of one match run by a Lua script (asobi-spec §5.3), in its own sandboxed VM.
 * <p>
 * Callbacks: {@code init(config) → state} (config = the mode's {@code extra} plus {@code match_id});
 * {@code join(player_id, state, ctx) → state}, or {@code nil[, reason]} to refuse (returning nothing refuses too);
 * {@code leave(player_id, state) → state}; {@code handle_input(player_id, input, state) → state};
 * {@code tick(state) → state} (optional) where {@code state._finished = true} ends the match with
 * {@code state._result}; {@code get_state(player_id, state)}, or {@code get_state(state)} under
 * {@code state_strategy = "shared"}, whose result is the {@code match.state} payload.
 * <p>
 * Failure handling: every callback runs under the instruction budget. Before each callback that may change the
 * state ({@code join}, {@code leave}, {@code handle_input}, {@code tick}) the state is deep-copied (unless
 * {@code rollbackOnFailure} is off, see {@link LuaGameModes.Context#rollbackOnFailure()}); if the callback
 * fails (Lua error, budget cut-off, stack overflow, or a result that is not a table) the copy becomes the state, the
 * failure is logged (rate-limited per script and callback) and the match goes on. A failed {@code join} refuses the
 * player with {@link #JOIN_FAILED}. A refusal also puts the copy back, undoing any change the script made. A failed
 * {@code get_state} throws {@link LuaScriptException} from {@link #writeState} before anything is written, so the
 * runtime drops that frame. A failed {@code init} throws from {@link #init}: the match cannot start.
 * <p>
 * Hot reload: at the start of {@link #tick(long)}, at most every {@code reloadPollIntervalMs} of
 * {@link MatchContext#nanoTime()}, the script and the modules it required are checked and re-run if changed (see
 * {@link LuaVm#reloadIfChanged()}); {@code init} does not run again and the state is kept.
 * <p>
 * Snapshots ({@link #snapshot}, {@link #restore}): the state table and the {@code math.random} state, written by
 * {@link LuaStateCodec} so that the restored tables iterate in the original order. Module-level variables (globals
 * and upvalues the script sets) are not part of a snapshot. A state holding functions, userdata, coroutines,
 * metatables, library tables or boolean or table keys cannot be snapshotted: {@link #snapshot} returns -1 and the
 * first refusal of a match is logged with the offending path.
 * <p>
 * <b>Note:</b> called on the match's tick thread only.
 */
final class LuaMatchLogic implements MatchLogic
{
    /** Refusal reason when {@code join} fails rather than refuses. */
    static final String JOIN_FAILED = "join_failed";

    /** Longest refusal reason passed on; longer ones are cut. */
    static final int MAX_REASON_LENGTH = 64;

    private static final LuaString INIT = LuaValue.valueOf("init");
    private static final LuaString JOIN = LuaValue.valueOf("join");
    private static final LuaString LEAVE = LuaValue.valueOf("leave");
    private static final LuaString HANDLE_INPUT = LuaValue.valueOf("handle_input");
    private static final LuaString TICK = LuaValue.valueOf("tick");
    private static final LuaString GET_STATE = LuaValue.valueOf("get_state");
    private static final LuaString FINISHED = LuaValue.valueOf("_finished");
    private static final LuaString RESULT = LuaValue.valueOf("_result");
    private static final LuaString MATCH_ID = LuaValue.valueOf("match_id");
    private static final long DEV_ERROR_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final ScriptRuntime runtime;
    private final Path script;
    private final ScriptLog log;
    private final ModeConfig modeConfig;
    private final StateCopier copier = new StateCopier();
    private final RateLimiter devErrorLimiter = new RateLimiter(1, DEV_ERROR_INTERVAL_NS);
    private final HashMap<String, LuaString> playerIds = new HashMap<>();
    private final LuaStateCodec codec = new LuaStateCodec();

    private MatchContext ctx;
    private LuaVm vm;
    private GameApi game;
    private LuaValue state = LuaValue.NIL;
    private long nextReloadCheckNs;
    private int reloadCount;
    private String lastFailure;
    private String lastReloadFailure;
    private String lastSnapshotFailure;
    private boolean snapshotRefusalLogged;

    /**
     * @param runtime    shared services.
     * @param script     resolved path of the mode's script.
     * @param log        the mode's script log.
     * @param modeConfig the mode's shape when the match was created.
     */
    LuaMatchLogic(final ScriptRuntime runtime, final Path script, final ScriptLog log, final ModeConfig modeConfig)
    {
        this.runtime = runtime;
        this.script = script;
        this.log = log;
        this.modeConfig = modeConfig;
    }

    /**
     * {@inheritDoc}
     *
     * @throws LuaScriptException naming file and line if the script fails to load or {@code init} fails.
     */
    public void init(final MatchContext ctx)
    {
        this.ctx = ctx;
        game = new GameApi(runtime, ctx, ctx::nanoTime, "match " + ctx.matchId());
        vm = new LuaVm(runtime, script, ctx.seed(), game);
        try
        {
            vm.runMain();
            final LuaValue init = vm.function(INIT);
            if (init.isnil())
            {
                throw new LuaScriptException(vm.mainName() + ": required function init is not defined",
                    vm.mainName(), LuaScriptException.UNKNOWN_LINE, null);
            }
            final LuaValue result = vm.invoke(init, configTable(ctx)).arg1();
            if (!result.istable())
            {
                throw new LuaScriptException(vm.mainName() + ": init must return the state table, returned " +
                    result.typename(), vm.mainName(), LuaScriptException.UNKNOWN_LINE, null);
            }
            state = result;
        }
        catch (final LuaScriptException ex)
        {
            failed("init", ex.getMessage(), ex.script());
            throw ex;
        }
        catch (final LuaJson.LuaJsonException ex)
        {
            failed("init", "mode config: " + ex.getMessage(), vm.mainName());
            throw new LuaScriptException(vm.mainName() + ": mode config: " + ex.getMessage(), vm.mainName(),
                LuaScriptException.UNKNOWN_LINE, ex);
        }
        nextReloadCheckNs = ctx.nanoTime() + runtime.reloadPollIntervalNs();
    }

    /**
     * {@inheritDoc}
     */
    public String join(final String playerId, final ObjectNode joinCtx)
    {
        final LuaValue join = vm.function(JOIN);
        if (join.isnil())
        {
            failed("join", vm.mainName() + ": join is not defined", vm.mainName());
            return JOIN_FAILED;
        }
        final LuaValue saved = runtime.rollbackOnFailure() ? copier.copy(state) : state;
        final Varargs result;
        try
        {
            final LuaValue joinTable = LuaJson.fromTree(joinCtx);
            result = vm.invoke(join, LuaValue.varargsOf(player(playerId), state, joinTable));
        }
        catch (final LuaScriptException ex)
        {
            state = saved;
            playerIds.remove(playerId);
            failed("join", ex.getMessage(), ex.script());
            return JOIN_FAILED;
        }
        catch (final LuaJson.LuaJsonException ex)
        {
            state = saved;
            playerIds.remove(playerId);
            failed("join", "join context: " + ex.getMessage(), vm.mainName());
            return JOIN_FAILED;
        }

        final LuaValue first = result.arg1();
        if (first.istable())
        {
            state = first;
            return null;
        }
        state = saved;
        playerIds.remove(playerId);
        if (0 == result.narg())
        {
            failed("join", vm.mainName() + ": join returned nothing; player " + playerId + " refused", vm.mainName());
            return "";
        }
        if (!first.toboolean())
        {
            return sanitizeReason(result.arg(2));
        }
        failed("join", vm.mainName() + ": join must return the state table, or nil and a reason; returned " +
            first.typename(), vm.mainName());
        return JOIN_FAILED;
    }

    /**
     * {@inheritDoc}
     */
    public void leave(final String playerId)
    {
        final LuaValue leave = vm.function(LEAVE);
        if (leave.isnil())
        {
            failed("leave", vm.mainName() + ": leave is not defined", vm.mainName());
        }
        else
        {
            mutate("leave", leave, LuaValue.varargsOf(player(playerId), state));
        }
        playerIds.remove(playerId);
    }

    /**
     * {@inheritDoc}
     */
    public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
    {
        final LuaValue handleInput = vm.function(HANDLE_INPUT);
        if (handleInput.isnil())
        {
            failed("handle_input", vm.mainName() + ": handle_input is not defined", vm.mainName());
            return;
        }
        final LuaTable input;
        try
        {
            input = LuaJson.decodeObject(json, offset, length);
        }
        catch (final LuaJson.LuaJsonException ex)
        {
            failed("handle_input", "input from " + playerId + " dropped: " + ex.getMessage(), vm.mainName());
            return;
        }
        mutate("handle_input", handleInput, LuaValue.varargsOf(player(playerId), input, state));
    }

    /**
     * {@inheritDoc}
     */
    public ObjectNode tick(final long tick)
    {
        reloadIfDue();
        final LuaValue tickFunction = vm.function(TICK);
        if (tickFunction.isnil() || !mutate("tick", tickFunction, state))
        {
            return null;
        }
        if (!state.rawget(FINISHED).toboolean())
        {
            return null;
        }
        final LuaValue result = state.rawget(RESULT);
        if (result.istable())
        {
            try
            {
                return LuaJson.toObjectNode(result);
            }
            catch (final LuaJson.LuaJsonException ex)
            {
                failed("tick", vm.mainName() + ": state._result cannot be sent: " + ex.getMessage(), vm.mainName());
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * {@inheritDoc}
     */
    public boolean sharedState()
    {
        return modeConfig.sharedState();
    }

    /**
     * {@inheritDoc}
     *
     * @throws LuaScriptException if {@code get_state} fails or returns something that cannot be encoded as a JSON
     *                            object; nothing has been written then.
     */
    public void writeState(final String playerId, final JsonGenerator out) throws IOException
    {
        final LuaValue getState = vm.function(GET_STATE);
        if (getState.isnil())
        {
            throw getStateFailed(vm.mainName() + ": get_state is not defined", vm.mainName(), null);
        }
        final LuaValue result;
        try
        {
            result = vm.invoke(getState, sharedState() || null == playerId ?
                state : LuaValue.varargsOf(player(playerId), state)).arg1();
        }
        catch (final LuaScriptException ex)
        {
            throw getStateFailed(ex.getMessage(), ex.script(), ex);
        }
        if (!result.istable())
        {
            throw getStateFailed(vm.mainName() + ": get_state must return a table, returned " + result.typename(),
                vm.mainName(), null);
        }
        final FrameEncoder frames = game.frames();
        try
        {
            // Encoded aside first, so a value that cannot be encoded leaves the caller's generator untouched.
            frames.encodePayload(result);
        }
        catch (final LuaJson.LuaJsonException ex)
        {
            throw getStateFailed(vm.mainName() + ": get_state result cannot be encoded: " + ex.getMessage(),
                vm.mainName(), ex);
        }
        out.writeRawValue(frames.rawPayload());
    }

    /**
     * {@inheritDoc}
     * <p>
     * Writes the state table and the {@code math.random} state; -1 if the state holds a value that cannot be
     * snapshotted (see the class comment) or the snapshot would exceed {@link LuaStateCodec#MAX_BYTES}.
     */
    public int snapshot(final ExpandableArrayBuffer out, final int offset)
    {
        if (null == vm)
        {
            return -1;
        }
        int length;
        String reason;
        try
        {
            length = codec.encode(vm.random().state(), state, out, offset);
            reason = codec.failure();
        }
        catch (final RuntimeException ex)
        {
            length = -1;
            reason = "internal error: " + ex;
        }
        if (length < 0)
        {
            lastSnapshotFailure = reason;
            if (!snapshotRefusalLogged)
            {
                snapshotRefusalLogged = true;
                log.snapshotRefused(ctx.matchId(), reason, ctx.nanoTime());
            }
        }
        return length;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Builds the VM as {@link #init} does and runs the script's main chunk (with pushes and
     * {@code game.match.set_joinable} muted), but not its {@code init}: the state and the {@code math.random} state
     * come from the snapshot.
     *
     * @throws IllegalArgumentException if the bytes are not a Lua snapshot; checked before the VM is built.
     * @throws IllegalStateException    if this match was already started.
     * @throws LuaScriptException       naming file and line if the script fails to load.
     */
    public void restore(final MatchContext ctx, final DirectBuffer src, final int offset, final int length)
    {
        if (null != vm)
        {
            throw new IllegalStateException("restore replaces init: this match has already started");
        }
        final LuaStateCodec.Decoded decoded = LuaStateCodec.decode(src, offset, length);
        final RestoringContext restoring = new RestoringContext(ctx);
        this.ctx = ctx;
        game = new GameApi(runtime, restoring, ctx::nanoTime, "match " + ctx.matchId());
        vm = new LuaVm(runtime, script, ctx.seed(), game);
        try
        {
            vm.runMain();
        }
        catch (final LuaScriptException ex)
        {
            lastFailure = ex.getMessage();
            log.callbackFailed("restore", ctx.matchId(), ex.getMessage(), ctx.nanoTime());
            throw ex;
        }
        finally
        {
            restoring.muted = false;
        }
        vm.random().state(decoded.randomState());
        state = decoded.state();
        nextReloadCheckNs = ctx.nanoTime() + runtime.reloadPollIntervalNs();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        playerIds.clear();
        state = LuaValue.NIL;
    }

    LuaValue state()
    {
        return state;
    }

    LuaVm vm()
    {
        return vm;
    }

    int reloadCount()
    {
        return reloadCount;
    }

    String lastFailure()
    {
        return lastFailure;
    }

    String lastReloadFailure()
    {
        return lastReloadFailure;
    }

    String lastSnapshotFailure()
    {
        return lastSnapshotFailure;
    }

    private boolean mutate(final String callback, final LuaValue function, final Varargs args)
    {
        final LuaValue saved = runtime.rollbackOnFailure() ? copier.copy(state) : state;
        try
        {
            final LuaValue result = vm.invoke(function, args).arg1();
            if (result.istable())
            {
                state = result;
                return true;
            }
            state = saved;
            failed(callback, vm.mainName() + ": " + callback + " must return the state table, returned " +
                result.typename(), vm.mainName());
        }
        catch (final LuaScriptException ex)
        {
            state = saved;
            failed(callback, ex.getMessage(), ex.script());
        }
        return false;
    }

    private void reloadIfDue()
    {
        if (!runtime.reloadEnabled())
        {
            return;
        }
        final long nowNs = ctx.nanoTime();
        if (nowNs - nextReloadCheckNs < 0)
        {
            return;
        }
        nextReloadCheckNs = nowNs + runtime.reloadPollIntervalNs();
        final LuaVm.ReloadResult result = vm.reloadIfChanged();
        if (result.reloaded())
        {
            reloadCount++;
            lastReloadFailure = null;
            log.reloaded(ctx.matchId(), nowNs);
            ctx.codeReloaded(vm.codeHash());
        }
        else if (null != result.failure())
        {
            final LuaScriptException failure = result.failure();
            lastReloadFailure = failure.getMessage();
            log.reloadFailed(ctx.matchId(), failure.getMessage(), nowNs);
            devError("hot_reload", failure.getMessage(), failure.script(), nowNs);
        }
    }

    private LuaScriptException getStateFailed(final String message, final String file, final Throwable cause)
    {
        failed("get_state", message, file);
        return new LuaScriptException(message, file, LuaScriptException.UNKNOWN_LINE, cause);
    }

    private void failed(final String callback, final String message, final String file)
    {
        lastFailure = message;
        final long nowNs = ctx.nanoTime();
        log.callbackFailed(callback, ctx.matchId(), message, nowNs);
        devError(callback, message, null == file ? vm.mainName() : file, nowNs);
    }

    private void devError(final String callback, final String message, final String file, final long nowNs)
    {
        if (!runtime.devErrors() || !devErrorLimiter.tryAcquire(nowNs))
        {
            return;
        }
        final FrameEncoder frames = game.frames();
        frames.encodeModuleError(callback, null == file ? vm.mainName() : file, message);
        if (runtime.legacyGameFrames())
        {
            ctx.broadcastFrame(frames.frame("game.error"));
        }
        ctx.broadcastFrame(frames.frame("module.error"));
    }

    private LuaString player(final String playerId)
    {
        LuaString id = playerIds.get(playerId);
        if (null == id)
        {
            id = LuaJson.luaString(playerId);
            playerIds.put(playerId, id);
        }
        return id;
    }

    private LuaTable configTable(final MatchContext ctx)
    {
        final ModeConfig config = null != ctx.config() ? ctx.config() : modeConfig;
        final LuaValue extra = LuaJson.fromTree(config.extra());
        final LuaTable table = extra.istable() ? (LuaTable)extra : new LuaTable();
        table.rawset(MATCH_ID, LuaJson.luaString(ctx.matchId()));
        return table;
    }

    static String sanitizeReason(final LuaValue reason)
    {
        if (reason.type() != LuaValue.TSTRING && reason.type() != LuaValue.TNUMBER)
        {
            return "";
        }
        final String text = reason.type() == LuaValue.TSTRING ?
            LuaJson.javaString(reason.checkstring()) : reason.tojstring();
        final int length = Math.min(text.length(), MAX_REASON_LENGTH);
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }

    /** The match's context, with pushes and joinability changes dropped while a restore runs the main chunk. */
    private static final class RestoringContext implements MatchContext
    {
        private final MatchContext delegate;
        private boolean muted = true;

        RestoringContext(final MatchContext delegate)
        {
            this.delegate = delegate;
        }

        public String matchId()
        {
            return delegate.matchId();
        }

        public ModeConfig config()
        {
            return delegate.config();
        }

        public long seed()
        {
            return delegate.seed();
        }

        public List<String> players()
        {
            return delegate.players();
        }

        public void broadcastFrame(final byte[] frame)
        {
            if (!muted)
            {
                delegate.broadcastFrame(frame);
            }
        }

        public void sendFrame(final String playerId, final byte[] frame)
        {
            if (!muted)
            {
                delegate.sendFrame(playerId, frame);
            }
        }

        public void setJoinable(final boolean joinable)
        {
            if (!muted)
            {
                delegate.setJoinable(joinable);
            }
        }

        public long nanoTime()
        {
            return delegate.nanoTime();
        }
    }
}
