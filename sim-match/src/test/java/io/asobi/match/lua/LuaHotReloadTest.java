package io.asobi.match.lua;

import io.asobi.match.GameMode;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asobi.match.lua.LuaTestSupport.input;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

class LuaHotReloadTest
{
    private static final String V1 = """
        match_size = 1
        step = 1
        label = "v1"

        function init(config)
            return { count = 0, moves = {} }
        end
        function join(player_id, state) return state end
        function leave(player_id, state) return state end
        function handle_input(player_id, input, state)
            state.moves[#state.moves + 1] = input.move
            return state
        end
        function tick(state)
            state.count = state.count + step
            return state
        end
        function get_state(player_id, state)
            return { count = state.count, label = label, moves = #state.moves }
        end
        """;

    @TempDir
    Path dir;

    private LuaGameModes modes;

    @AfterEach
    void after()
    {
        if (null != modes)
        {
            modes.close();
        }
    }

    @Test
    void shouldPickUpAChangedGlobalAndFunctionKeepingTheState()
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic match = start(ctx);
        input(match, "p1", "{\"move\":\"left\"}");
        match.tick(0);
        match.tick(1);
        assertThat(state(match, "p1")).isEqualTo("{\"count\":2,\"label\":\"v1\",\"moves\":1}");

        write(dir, "match.lua", V1.replace("step = 1", "step = 10").replace("label = \"v1\"", "label = \"v2\"")
            .replace("state.count = state.count + step", "state.count = state.count + step * 2"));
        ctx.advanceMs(199);
        match.tick(2);
        assertThat(state(match, "p1")).as("not polled before 200 ms")
            .isEqualTo("{\"count\":3,\"label\":\"v1\",\"moves\":1}");

        ctx.advanceMs(1);
        match.tick(3);
        assertThat(state(match, "p1")).isEqualTo("{\"count\":23,\"label\":\"v2\",\"moves\":1}");
        assertThat(match.reloadCount()).isEqualTo(1);

        ctx.advanceMs(200);
        match.tick(4);
        assertThat(match.reloadCount()).as("unchanged file, no reload").isEqualTo(1);
    }

    @Test
    void shouldKeepTheOldCodeAfterASyntaxErrorAndReportFileAndLine()
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic match = start(ctx);

        write(dir, "match.lua",
            V1.replace("step = 1", "step = 5").replace("function tick(state)", "function tick(state"));
        ctx.advanceMs(200);
        match.tick(0);

        assertThat(match.lastReloadFailure()).isEqualTo("match.lua:15: ')' expected");
        assertThat(state(match, "p1")).isEqualTo("{\"count\":1,\"label\":\"v1\",\"moves\":0}");

        ctx.advanceMs(200);
        match.tick(1);
        assertThat(match.reloadCount()).as("a broken edit is not retried").isZero();
        assertThat(state(match, "p1")).isEqualTo("{\"count\":2,\"label\":\"v1\",\"moves\":0}");

        write(dir, "match.lua", V1.replace("label = \"v1\"", "label = \"fixed\""));
        ctx.advanceMs(200);
        match.tick(2);
        assertThat(match.reloadCount()).isEqualTo(1);
        assertThat(match.lastReloadFailure()).isNull();
        assertThat(state(match, "p1")).isEqualTo("{\"count\":3,\"label\":\"fixed\",\"moves\":0}");
    }

    @Test
    void shouldLogReloadsAndReloadFailuresWithFileAndLine()
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic match = start(ctx);
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        try
        {
            write(dir, "match.lua", V1.replace("function tick(state)", "function tick(state"));
            ctx.advanceMs(200);
            match.tick(0);
            write(dir, "match.lua", V1.replace("step = 1", "step = 2"));
            ctx.advanceMs(200);
            match.tick(1);
        }
        finally
        {
            System.setErr(stderr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
            .contains("WARN io.asobi.match.lua.ScriptLog - lua hot reload failed: match.lua:15: ')' expected")
            .contains("INFO io.asobi.match.lua.ScriptLog - lua script reloaded: match.lua (match match-1)");
    }

    @Test
    void shouldPutTheGlobalsBackWhenTheNewBodyFailsHalfway()
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic match = start(ctx);

        write(dir, "match.lua", V1.replace("label = \"v1\"", "label = \"half\"\nerror(\"boom\")"));
        ctx.advanceMs(200);
        match.tick(0);

        assertThat(match.lastReloadFailure()).isEqualTo("match.lua:4: boom");
        assertThat(state(match, "p1")).isEqualTo("{\"count\":1,\"label\":\"v1\",\"moves\":0}");
    }

    @Test
    void shouldReloadWhenARequiredModuleChanges()
    {
        write(dir, "lib/rules.lua", "return { bonus = 1 }\n");
        final FakeMatchContext ctx =
            startWith(V1.replace("step = 1", "local rules = require(\"lib.rules\")\nstep = rules.bonus"));
        final LuaMatchLogic match = start(ctx);
        match.tick(0);
        assertThat(match.vm().watcher().paths()).hasSize(2);

        write(dir, "lib/rules.lua", "return { bonus = 100 }\n");
        ctx.advanceMs(200);
        match.tick(1);
        assertThat(state(match, "p1")).isEqualTo("{\"count\":101,\"label\":\"v1\",\"moves\":0}");

        write(dir, "lib/rules.lua", "return { bonus = }\n");
        ctx.advanceMs(200);
        match.tick(2);
        assertThat(match.lastReloadFailure())
            .isEqualTo("match.lua:2: require 'lib.rules': lib/rules.lua:1: unexpected symbol near '}'");
        assertThat(state(match, "p1")).isEqualTo("{\"count\":201,\"label\":\"v1\",\"moves\":0}");

        write(dir, "lib/rules.lua", "return { bonus = 1000 }\n");
        ctx.advanceMs(200);
        match.tick(3);
        assertThat(state(match, "p1")).as("fixing the module reloads")
            .isEqualTo("{\"count\":1201,\"label\":\"v1\",\"moves\":0}");
    }

    @Test
    void shouldRefuseAScriptReplacedByASymbolicLink() throws IOException
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic match = start(ctx);
        final Path elsewhere = write(dir, "elsewhere.lua", V1.replace("label = \"v1\"", "label = \"linked\""));
        Files.delete(dir.resolve("match.lua"));
        Files.createSymbolicLink(dir.resolve("match.lua"), elsewhere);

        ctx.advanceMs(200);
        match.tick(0);

        assertThat(match.lastReloadFailure()).isEqualTo("match.lua: symbolic links are not allowed");
        assertThat(state(match, "p1")).isEqualTo("{\"count\":1,\"label\":\"v1\",\"moves\":0}");
    }

    @Test
    void shouldNotReloadWhenDisabled()
    {
        write(dir, "match.lua", V1);
        modes = LuaGameModes.load(LuaTestSupport.context(dir, new CachedNanoClock()).reloadEnabled(false));
        final GameMode mode = modes.find("default");
        final FakeMatchContext ctx = LuaTestSupport.context(mode, 1);
        final LuaMatchLogic match = start(ctx);

        write(dir, "match.lua", V1.replace("label = \"v1\"", "label = \"v2\""));
        ctx.advanceMs(1000);
        match.tick(0);

        assertThat(state(match, "p1")).isEqualTo("{\"count\":1,\"label\":\"v1\",\"moves\":0}");
    }

    @Test
    void shouldStartNewMatchesWithTheCurrentCodeSharingOneCompilation()
    {
        final FakeMatchContext ctx = startWith(V1);
        final LuaMatchLogic first = start(ctx);
        write(dir, "match.lua", V1.replace("label = \"v1\"", "label = \"v2\""));
        final LuaMatchLogic second = start(LuaTestSupport.context(modes.find("default"), 2));
        final LuaMatchLogic third = start(LuaTestSupport.context(modes.find("default"), 3));

        assertThat(state(second, "p1")).contains("\"label\":\"v2\"");
        assertThat(state(first, "p1")).contains("\"label\":\"v1\"");
        assertThat(second.vm().globals().rawget("tick").checkclosure().p)
            .isSameAs(third.vm().globals().rawget("tick").checkclosure().p);
    }

    private FakeMatchContext startWith(final String script)
    {
        write(dir, "match.lua", script);
        modes = LuaGameModes.load(LuaTestSupport.context(dir, new CachedNanoClock()));
        return LuaTestSupport.context(modes.find("default"), 1);
    }

    private LuaMatchLogic start(final FakeMatchContext ctx)
    {
        return LuaTestSupport.start(modes.find("default"), ctx);
    }
}
