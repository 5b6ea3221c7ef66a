package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import static io.asobi.match.lua.LuaTestSupport.input;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Instruction budget, Lua errors and bad results: each failed callback is undone, logged, and the match goes on.
 */
class LuaCallbackFailureTest
{
    private static final int BUDGET = 200_000;
    private static final String SCRIPT = """
        match_size = 1
        spin_ticks = 0
        fail_ticks = 0

        function init(config)
            return { ticks = 0, inputs = 0, players = {} }
        end

        function join(player_id, state, ctx)
            state.players[player_id] = true
            if ctx == nil then return state end
            if ctx.refuse then return nil, ctx.refuse end
            if ctx.silent then return end
            if ctx.crash then error("join crashed") end
            if ctx.spin then while true do end end
            return 42
        end

        function leave(player_id, state)
            state.players[player_id] = nil
            if player_id == "crash" then error("leave crashed") end
            return state
        end

        function handle_input(player_id, input, state)
            state.inputs = state.inputs + 1
            if input.spin then
                while true do end
            end
            if input.pspin then
                local ok = pcall(function() while true do end end)
                state.after_pcall = ok
            end
            if input.xspin then
                xpcall(function() while true do end end, function(e) state.handler = true; return e end)
                state.after_xpcall = true
            end
            if input.err then
                error("bad input")
            end
            if input.hspin then
                xpcall(function() error("first") end, function(e) while true do end end)
                state.after_handler = true
            end
            if input.recurse then
                local function f(n) return f(n + 1) + 1 end
                f(1)
            end
            if input.nothing then
                return
            end
            if input.spin_tick then spin_ticks = 1 end
            if input.fail_tick then fail_ticks = 1 end
            if input.finish then state.finish = input.finish end
            return state
        end

        function tick(state)
            state.ticks = state.ticks + 1
            if spin_ticks > 0 then
                spin_ticks = spin_ticks - 1
                while true do end
            end
            if fail_ticks > 0 then
                fail_ticks = fail_ticks - 1
                local nothing = nil
                return nothing.field
            end
            if state.finish == "result" then
                state._finished = true
                state._result = { winner = "p1", scores = { 3, 1 } }
            elseif state.finish == "plain" then
                state._finished = true
            end
            return state
        end

        function get_state(player_id, state)
            if state.broken_view then return { f = function() end } end
            if player_id == "crash" then error("get_state crashed") end
            return { players = state.players, ticks = state.ticks, inputs = state.inputs }
        end
        """;

    @TempDir
    Path dir;

    private LuaGameModes modes;
    private FakeMatchContext ctx;
    private LuaMatchLogic match;

    @BeforeEach
    void before()
    {
        write(dir, "match.lua", SCRIPT);
        modes = LuaGameModes.load(LuaTestSupport.context(dir, new CachedNanoClock()).instructionBudget(BUDGET));
        final GameMode mode = modes.find("default");
        ctx = LuaTestSupport.context(mode, 1);
        match = LuaTestSupport.start(mode, ctx);
        assertThat(match.join("p1", null)).isNull();
    }

    @AfterEach
    void after()
    {
        modes.close();
    }

    @Test
    void shouldCutOffAnInfiniteLoopInTickAndRunTheNextTickNormally()
    {
        assertThat(match.tick(0)).isNull();
        assertThat(state(match, "p1")).isEqualTo("{\"players\":{\"p1\":true},\"ticks\":1,\"inputs\":0}");
        input(match, "p1", "{\"spin_tick\":true}");

        assertThat(match.tick(1)).isNull();
        assertThat(state(match, "p1")).as("state before the cut-off tick")
            .isEqualTo("{\"players\":{\"p1\":true},\"ticks\":1,\"inputs\":1}");
        assertThat(match.lastFailure()).isEqualTo("match.lua:62: instruction budget of 200000 exceeded");

        assertThat(match.tick(2)).isNull();
        assertThat(state(match, "p1")).isEqualTo("{\"players\":{\"p1\":true},\"ticks\":2,\"inputs\":1}");
    }

    @Test
    void shouldCutOffAnInfiniteLoopInHandleInput()
    {
        input(match, "p1", "{\"spin\":true}");

        assertThat(state(match, "p1")).isEqualTo("{\"players\":{\"p1\":true},\"ticks\":0,\"inputs\":0}");
        assertThat(match.lastFailure()).isEqualTo("match.lua:28: instruction budget of 200000 exceeded");

        input(match, "p1", "{}");
        match.tick(0);
        assertThat(state(match, "p1")).isEqualTo("{\"players\":{\"p1\":true},\"ticks\":1,\"inputs\":1}");
    }

    @Test
    void shouldCutOffAnInfiniteLoopWrappedInPcallOrXpcall()
    {
        input(match, "p1", "{\"pspin\":true}");
        assertThat(match.lastFailure()).contains("instruction budget of 200000 exceeded");
        assertThat(match.state().get("after_pcall").isnil()).isTrue();

        input(match, "p1", "{\"xspin\":true}");
        assertThat(match.lastFailure()).contains("instruction budget of 200000 exceeded");
        assertThat(match.state().get("after_xpcall").isnil()).isTrue();
        assertThat(match.state().get("inputs").toint()).isZero();

        input(match, "p1", "{\"hspin\":true}");
        assertThat(match.lastFailure()).contains("instruction budget of 200000 exceeded");
        assertThat(match.state().get("after_handler").isnil()).isTrue();

        input(match, "p1", "{}");
        assertThat(match.state().get("inputs").toint()).isEqualTo(1);
    }

    @Test
    void shouldCutOffAnInfiniteLoopUnderTheDefaultBudget()
    {
        try (LuaGameModes defaults = LuaTestSupport.load(dir))
        {
            final GameMode mode = defaults.find("default");
            final LuaMatchLogic logic = LuaTestSupport.start(mode, LuaTestSupport.context(mode, 1));
            input(logic, "p1", "{\"spin\":true}");
            assertThat(logic.lastFailure()).isEqualTo("match.lua:28: instruction budget of 5000000 exceeded");
        }
    }

    @Test
    void shouldUndoALuaErrorAndKeepTicking()
    {
        input(match, "p1", "{\"err\":true}");
        assertThat(match.lastFailure()).isEqualTo("match.lua:39: bad input");
        assertThat(match.state().get("inputs").toint()).isZero();

        input(match, "p1", "{\"fail_tick\":true}");
        assertThat(match.tick(0)).isNull();
        assertThat(match.lastFailure()).startsWith("match.lua:67: attempt to index");
        assertThat(match.state().get("ticks").toint()).isZero();
        match.tick(1);
        assertThat(match.state().get("ticks").toint()).isEqualTo(1);
    }

    @Test
    void shouldUndoACallbackThatReturnsNoState()
    {
        input(match, "p1", "{\"nothing\":true}");

        assertThat(match.lastFailure()).isEqualTo("match.lua: handle_input must return the state table, returned nil");
        assertThat(match.state().get("inputs").toint()).isZero();
    }

    @Test
    void shouldStopRunawayRecursionWithAStackOverflowError()
    {
        input(match, "p1", "{\"recurse\":true}");

        assertThat(match.lastFailure()).startsWith("match.lua:46: stack overflow");
        assertThat(match.state().get("inputs").toint()).isZero();
    }

    @Test
    void shouldDropInputThatIsNotAJsonObject()
    {
        input(match, "p1", "[1,2]");
        assertThat(match.lastFailure()).contains("input from p1 dropped: input is not a JSON object");
        input(match, "p1", "{\"a\":");
        assertThat(match.lastFailure()).contains("input from p1 dropped: invalid JSON");
        assertThat(match.state().get("inputs").toint()).isZero();
    }

    @Test
    void shouldRefuseAJoinAndRevertItsStateChanges()
    {
        assertThat(match.join("p2", ctx("refuse", "match is full"))).isEqualTo("match is full");
        assertThat(match.join("p3", ctx("refuse", "bad\nchars \u00e9 " + "x".repeat(100))))
            .isEqualTo("bad?chars ? " + "x".repeat(52))
            .hasSize(LuaMatchLogic.MAX_REASON_LENGTH);
        assertThat(match.join("p4", ctx("silent", true))).isEmpty();
        assertThat(match.lastFailure()).contains("join returned nothing; player p4 refused");
        assertThat(match.join("p5", ctx("crash", true))).isEqualTo(LuaMatchLogic.JOIN_FAILED);
        assertThat(match.lastFailure()).isEqualTo("match.lua:14: join crashed");
        assertThat(match.join("p6", ctx("spin", true))).isEqualTo(LuaMatchLogic.JOIN_FAILED);
        assertThat(match.join("p7", ctx("other", true))).isEqualTo(LuaMatchLogic.JOIN_FAILED);
        assertThat(match.lastFailure()).contains("join must return the state table, or nil and a reason");

        assertThat(state(match, "p1")).isEqualTo("{\"players\":{\"p1\":true},\"ticks\":0,\"inputs\":0}");
    }

    @Test
    void shouldUndoAFailedLeave()
    {
        assertThat(match.join("crash", null)).isNull();
        match.leave("crash");
        assertThat(match.lastFailure()).isEqualTo("match.lua:21: leave crashed");
        assertThat(match.state().get("players").get("crash").toboolean()).isTrue();

        match.leave("p1");
        assertThat(match.state().get("players").get("p1").isnil()).isTrue();
    }

    @Test
    void shouldFinishWithTheResultTable()
    {
        input(match, "p1", "{\"finish\":\"result\"}");
        final ObjectNode result = match.tick(0);
        assertThat(result).hasToString("{\"winner\":\"p1\",\"scores\":[3,1]}");
    }

    @Test
    void shouldFinishWithAnEmptyResultWhenThereIsNone()
    {
        input(match, "p1", "{\"finish\":\"plain\"}");
        assertThat(match.tick(0)).hasToString("{}");
    }

    @Test
    void shouldThrowFromWriteStateWithoutWritingWhenGetStateFails() throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(out))
        {
            assertThatThrownBy(() -> match.writeState("crash", generator))
                .isInstanceOf(LuaScriptException.class)
                .hasMessage("match.lua:80: get_state crashed");

            match.state().set("broken_view", org.luaj.vm2.LuaValue.TRUE);
            assertThatThrownBy(() -> match.writeState("p1", generator))
                .isInstanceOf(LuaScriptException.class)
                .hasMessage("match.lua: get_state result cannot be encoded: cannot encode a value of type function " +
                    "at .f");
        }
        assertThat(out.size()).isZero();
    }

    @Test
    void shouldPushDevErrorFramesAtMostOncePerSecond()
    {
        try (LuaGameModes dev =
            LuaGameModes.load(LuaTestSupport.context(dir, new CachedNanoClock()).devErrors(true)))
        {
            final GameMode mode = dev.find("default");
            final FakeMatchContext devCtx = LuaTestSupport.context(mode, 1);
            final LuaMatchLogic logic = LuaTestSupport.start(mode, devCtx);
            input(logic, "p1", "{\"err\":true}");
            input(logic, "p1", "{\"err\":true}");
            assertThat(devCtx.broadcasts).containsExactly(
                "{\"type\":\"game.error\",\"payload\":{\"module\":\"lua\",\"callback\":\"handle_input\"," +
                    "\"script\":\"match.lua\",\"message\":\"match.lua:39: bad input\"}}",
                "{\"type\":\"module.error\",\"payload\":{\"module\":\"lua\",\"callback\":\"handle_input\"," +
                    "\"script\":\"match.lua\",\"message\":\"match.lua:39: bad input\"}}");
            devCtx.advanceMs(1000);
            input(logic, "p1", "{\"err\":true}");
            assertThat(devCtx.broadcasts).hasSize(4);
        }
        assertThat(ctx.broadcasts).as("off by default").isEmpty();
    }

    @Test
    void shouldKeepPartialChangesWhenRollbackIsOff()
    {
        try (LuaGameModes noRollback =
            LuaGameModes.load(LuaTestSupport.context(dir, new CachedNanoClock()).rollbackOnFailure(false)))
        {
            final GameMode mode = noRollback.find("default");
            final LuaMatchLogic logic = LuaTestSupport.start(mode, LuaTestSupport.context(mode, 1));
            input(logic, "p1", "{\"err\":true}");
            assertThat(logic.lastFailure()).isEqualTo("match.lua:39: bad input");
            assertThat(logic.state().get("inputs").toint()).as("the increment before the error stays").isEqualTo(1);
            input(logic, "p1", "{\"nothing\":true}");
            assertThat(logic.state().get("inputs").toint()).isEqualTo(2);
        }
    }

    @Test
    void shouldLimitTheFailureLogPerScriptAndCallback()
    {
        final ScriptLog log = new ScriptLog("match.lua");
        assertThat(log.callbackFailed("tick", "m", "x", 0)).isTrue();
        assertThat(log.callbackFailed("tick", "m", "x", 1)).isTrue();
        assertThat(log.callbackFailed("tick", "m", "x", 2)).isTrue();
        assertThat(log.callbackFailed("tick", "m", "x", 3)).isFalse();
        assertThat(log.callbackFailed("join", "m", "x", 3)).isTrue();
        assertThat(log.callbackFailed("tick", "m", "x", ScriptLog.WINDOW_NS)).isTrue();
    }

    private static ObjectNode ctx(final String key, final Object value)
    {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (value instanceof String s)
        {
            node.put(key, s);
        }
        else
        {
            node.put(key, (Boolean)value);
        }
        return node;
    }
}
