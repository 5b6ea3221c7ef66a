package io.asobi.match.lua;

import io.asobi.match.GameMode;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static io.asobi.match.lua.LuaTestSupport.input;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code game.*} driven from a script: each input runs {@code input.code} through a table of test actions, and the
 * state keeps what the call returned.
 */
class GameApiTest
{
    private static final String SCRIPT = """
        match_size = 1

        local function show(v)
            if type(v) == "table" then
                if v.error then return "error: " .. v.error end
                return "table"
            end
            return tostring(v)
        end

        local actions = {
            broadcast = function(i) return game.broadcast(i.event, i.payload) end,
            broadcast_string = function(i) return game.broadcast(i.event, "text") end,
            broadcast_big = function(i) return game.broadcast("big", { data = string.rep("x", 70000) }) end,
            broadcast_fn = function(i) return game.broadcast("fn", { f = print or function() end }) end,
            broadcast_one_arg = function(i) return game.broadcast("only") end,
            send = function(i) return game.send(i.player, i.message) end,
            send_number_player = function(i) return game.send(42, "hi") end,
            joinable = function(i) return game.match.set_joinable(i.value) end,
            joinable_string = function(i) return game.match.set_joinable("yes") end,
            log = function(i) return game.log(i.level, i.msg, i.meta) end,
            log_no_msg = function(i) return game.log("info") end,
            id = function(i) return game.id() end,
            id_with_argument = function(i) return game.id(1) end,
        }

        function init(config) return { results = {} } end
        function join(player_id, state) return state end
        function leave(player_id, state) return state end
        function handle_input(player_id, input, state)
            state.results[#state.results + 1] = show(actions[input.code](input))
            return state
        end
        function get_state(player_id, state) return state end
        """;

    @TempDir
    Path dir;

    private LuaGameModes modes;
    private FakeMatchContext ctx;
    private LuaMatchLogic match;

    @AfterEach
    void after()
    {
        if (null != modes)
        {
            modes.close();
        }
    }

    @Test
    void shouldBroadcastCustomEventsToTheMatch()
    {
        start(true);

        assertThat(call("{\"code\":\"broadcast\",\"event\":\"boom\",\"payload\":{\"x\":1,\"list\":[1,2]}}"))
            .isEqualTo("true");
        assertThat(ctx.broadcasts).containsExactly("{\"type\":\"match.boom\",\"payload\":{\"x\":1,\"list\":[1,2]}}");
    }

    @Test
    void shouldRefuseBadEventNamesAndPayloadsWithoutSending()
    {
        start(true);

        assertThat(call("{\"code\":\"broadcast\",\"event\":\"state\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event 'state' is reserved");
        assertThat(call("{\"code\":\"broadcast\",\"event\":\"vote_result\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event 'vote_result' is reserved");
        assertThat(call("{\"code\":\"broadcast\",\"event\":\"bad name\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event must be 1 to 64 of [A-Za-z0-9_-]");
        assertThat(call("{\"code\":\"broadcast\",\"event\":\"" + "e".repeat(65) + "\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event must be 1 to 64 of [A-Za-z0-9_-]");
        assertThat(call("{\"code\":\"broadcast\",\"event\":\"\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event must be 1 to 64 of [A-Za-z0-9_-]");
        assertThat(call("{\"code\":\"broadcast\",\"payload\":{}}"))
            .isEqualTo("error: game.broadcast: event must be a string");
        assertThat(call("{\"code\":\"broadcast_string\",\"event\":\"ok\"}"))
            .isEqualTo("error: game.broadcast: payload must be a table");
        assertThat(call("{\"code\":\"broadcast_big\"}"))
            .isEqualTo("error: game.broadcast: payload larger than 65536 bytes");
        assertThat(call("{\"code\":\"broadcast_fn\"}"))
            .isEqualTo("error: game.broadcast: cannot encode a value of type function at .f");
        assertThat(call("{\"code\":\"broadcast_one_arg\"}"))
            .isEqualTo("error: game.broadcast: expected (event, payload)");
        assertThat(ctx.broadcasts).isEmpty();
    }

    @Test
    void shouldSendTheLegacyFrameFirstThenModuleMessage()
    {
        start(true);

        assertThat(call("{\"code\":\"send\",\"player\":\"p2\",\"message\":{\"hint\":\"go\"}}")).isEqualTo("true");
        assertThat(call("{\"code\":\"send\",\"player\":\"p3\",\"message\":\"plain\"}")).isEqualTo("true");
        assertThat(call("{\"code\":\"send_number_player\"}"))
            .isEqualTo("error: game.send: player_id must be a string");

        assertThat(ctx.sent).containsExactly(
            "p2 {\"type\":\"game.message\",\"payload\":{\"module\":\"lua\",\"message\":{\"hint\":\"go\"}}}",
            "p2 {\"type\":\"module.message\",\"payload\":{\"module\":\"lua\",\"message\":{\"hint\":\"go\"}}}",
            "p3 {\"type\":\"game.message\",\"payload\":{\"module\":\"lua\",\"message\":\"plain\"}}",
            "p3 {\"type\":\"module.message\",\"payload\":{\"module\":\"lua\",\"message\":\"plain\"}}");
    }

    @Test
    void shouldSendOnlyModuleMessageWithoutLegacyFrames()
    {
        start(false);

        call("{\"code\":\"send\",\"player\":\"p2\",\"message\":1}");

        assertThat(ctx.sent).containsExactly(
            "p2 {\"type\":\"module.message\",\"payload\":{\"module\":\"lua\",\"message\":1}}");
    }

    @Test
    void shouldSetJoinable()
    {
        start(true);

        assertThat(call("{\"code\":\"joinable\",\"value\":false}")).isEqualTo("true");
        assertThat(call("{\"code\":\"joinable\",\"value\":true}")).isEqualTo("true");
        assertThat(call("{\"code\":\"joinable_string\"}"))
            .isEqualTo("error: game.match.set_joinable: expected (boolean)");
        assertThat(ctx.joinable).containsExactly(false, true);
    }

    @Test
    void shouldLogAtMostThirtyLinesPerSecond()
    {
        start(true);

        assertThat(call("{\"code\":\"log\",\"level\":\"info\",\"msg\":\"hello\",\"meta\":{\"k\":1}}"))
            .isEqualTo("true");
        assertThat(call("{\"code\":\"log\",\"level\":\"warning\",\"msg\":\"" + "m".repeat(600) + "\"}"))
            .isEqualTo("true");
        assertThat(call("{\"code\":\"log\",\"level\":\"verbose\",\"msg\":\"x\"}"))
            .isEqualTo("error: game.log: unknown level 'verbose' (debug, info, warn, warning, error)");
        assertThat(call("{\"code\":\"log\",\"level\":\"info\",\"msg\":{}}"))
            .isEqualTo("error: game.log: msg must be a string");
        assertThat(call("{\"code\":\"log\",\"level\":\"info\",\"msg\":\"x\",\"meta\":\"nope\"}"))
            .isEqualTo("error: game.log: meta must be a table");
        assertThat(call("{\"code\":\"log_no_msg\"}")).isEqualTo("error: game.log: expected (level, msg[, meta])");

        for (int i = 2; i < GameApi.LOG_LINES_PER_SECOND; i++)
        {
            assertThat(call("{\"code\":\"log\",\"level\":\"debug\",\"msg\":\"n" + i + "\"}")).isEqualTo("true");
        }
        assertThat(call("{\"code\":\"log\",\"level\":\"error\",\"msg\":\"over\"}")).isEqualTo("false");
        ctx.advanceMs(1000);
        assertThat(call("{\"code\":\"log\",\"level\":\"error\",\"msg\":\"next second\"}")).isEqualTo("true");
    }

    @Test
    void shouldMakeUuidV7Ids()
    {
        start(true);

        final String first = call("{\"code\":\"id\"}");
        final String second = call("{\"code\":\"id\"}");

        final Pattern uuidV7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(first).matches(uuidV7);
        assertThat(second).matches(uuidV7).isGreaterThan(first);
        assertThat(call("{\"code\":\"id_with_argument\"}")).isEqualTo("error: game.id: expected no arguments");
    }

    private void start(final boolean legacyFrames)
    {
        write(dir, "match.lua", SCRIPT);
        modes = LuaGameModes.load(
            LuaTestSupport.context(dir, new CachedNanoClock()).legacyGameFrames(legacyFrames));
        final GameMode mode = modes.find("default");
        ctx = LuaTestSupport.context(mode, 1);
        match = LuaTestSupport.start(mode, ctx);
    }

    /** Run one action and return what {@code show} made of its result. */
    private String call(final String inputJson)
    {
        input(match, "p1", inputJson);
        final var results = match.state().get("results");
        return results.get(results.length()).tojstring();
    }
}
