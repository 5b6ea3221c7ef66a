package io.asobi.match.lua;

import io.asobi.match.GameMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asobi.match.lua.LuaTestSupport.start;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

class LuaSandboxTest
{
    private static final String CALLBACKS = """
        function join(player_id, state) return state end
        function leave(player_id, state) return state end
        function handle_input(player_id, input, state) return state end
        function get_state(player_id, state) return state end
        """;

    @TempDir
    Path tempDir;

    private Path dir;

    @BeforeEach
    void before() throws IOException
    {
        dir = Files.createDirectories(tempDir.resolve("game"));
    }

    @Test
    void shouldHideDangerousLibrariesAndFunctions()
    {
        final String state = run("""
            local function names(t)
                local out = {}
                for k in pairs(t) do out[#out + 1] = k end
                table.sort(out)
                return table.concat(out, ",")
            end
            function init(config)
                return {
                    io = type(io), load = type(load), loadstring = type(loadstring), dofile = type(dofile),
                    loadfile = type(loadfile), print = type(print), package = type(package), debug = type(debug),
                    luajava = type(luajava), coroutine = type(coroutine), collectgarbage = type(collectgarbage),
                    bit32 = type(bit32), dump = type(string.dump), require = type(require), pcall = type(pcall),
                    os = names(os), game = names(game), game_match = names(game.match),
                }
            end
            """);

        assertThat(state)
            .contains("\"io\":\"nil\"", "\"load\":\"nil\"", "\"loadstring\":\"nil\"", "\"dofile\":\"nil\"",
                "\"loadfile\":\"nil\"", "\"print\":\"nil\"", "\"package\":\"nil\"", "\"debug\":\"nil\"",
                "\"luajava\":\"nil\"", "\"coroutine\":\"nil\"", "\"collectgarbage\":\"nil\"", "\"bit32\":\"nil\"",
                "\"dump\":\"nil\"", "\"require\":\"function\"", "\"pcall\":\"function\"",
                "\"os\":\"clock,date,difftime,time\"", "\"game\":\"broadcast,economy,id,leaderboard,log,match,send,storage\"",
                "\"game_match\":\"set_joinable\"");
    }

    @Test
    void shouldGiveZeroForTheSquareRootOfANegativeNumber()
    {
        final String state = run("""
            function init(config)
                return { neg = math.sqrt(-4) == 0, pos = math.sqrt(16), nan = math.sqrt(0 / 0) ~= math.sqrt(0 / 0) }
            end
            """);

        assertThat(state).contains("\"neg\":true", "\"pos\":4", "\"nan\":true");
    }

    @Test
    void shouldDrawMathRandomFromTheMatchSeedAndIgnoreRandomseed()
    {
        final String script = """
            function init(config)
                local seeded = config.reseed
                if seeded then math.randomseed(os.time()) end
                local values = {}
                for i = 1, 5 do values[i] = math.random(1, 1000000) end
                values[6] = math.random(3)
                values[7] = math.random() < 1
                return { values = values }
            end
            """;
        write(dir, "match.lua", "match_size = 1\n" + script + CALLBACKS);
        try (LuaGameModes modes = LuaTestSupport.load(dir))
        {
            final GameMode mode = modes.find("default");
            final String a = state(start(mode, LuaTestSupport.context(mode, 7)), "p");
            final String b = state(start(mode, LuaTestSupport.context(mode, 7)), "p");
            final String c = state(start(mode, LuaTestSupport.context(mode, 8)), "p");
            assertThat(a).isEqualTo(b);
            assertThat(a).isNotEqualTo(c);
        }
        write(dir, "match.lua", "match_size = 1\nreseed = true\n" + script + CALLBACKS);
        try (LuaGameModes modes = LuaTestSupport.load(dir))
        {
            final GameMode mode = modes.find("default");
            final String reseeded = state(start(mode, LuaTestSupport.context(mode, 7)), "p");
            write(dir, "match.lua", "match_size = 1\n" + script + CALLBACKS);
            try (LuaGameModes plain = LuaTestSupport.load(dir))
            {
                final GameMode plainMode = plain.find("default");
                assertThat(reseeded).isEqualTo(state(start(plainMode, LuaTestSupport.context(plainMode, 7)), "p"));
            }
        }
    }

    @Test
    void shouldRejectRandomWithAnEmptyInterval()
    {
        final String state = run("""
            function init(config)
                local ok1, e1 = pcall(math.random, 0)
                local ok2, e2 = pcall(math.random, 5, 4)
                return { ok1 = ok1, e1 = e1, ok2 = ok2, e2 = e2 }
            end
            """);

        assertThat(state).contains("\"ok1\":false", "interval is empty", "\"ok2\":false");
    }

    @Test
    void shouldRequireModulesInsideTheGameDirectoryOnlyAndCacheThem() throws IOException
    {
        write(dir, "lib/counter.lua", "loads = (loads or 0) + 1\nreturn { value = 41 }\n");
        write(dir, "lib/empty.lua", "-- returns nothing\n");
        final Path outside = write(tempDir, "outside/secret.lua", "return { secret = true }\n");
        Files.createSymbolicLink(dir.resolve("lib/link.lua"), outside);

        final String state = run("""
            local function try(name)
                local ok, err = pcall(require, name)
                if ok then return "ok" end
                return err
            end
            function init(config)
                local a = require("lib.counter")
                local b = require("lib.counter")
                return {
                    same = a == b, value = a.value, loads = loads, empty = require("lib.empty"),
                    dotdot = try("..secret"), slash = try("lib/counter"), up = try("lib...secret"),
                    link = try("lib.link"), missing = try("lib.missing"), number = try(42),
                }
            end
            """);

        assertThat(state).contains("\"same\":true", "\"value\":41", "\"loads\":1", "\"empty\":true");
        assertThat(state).contains("require '..secret': invalid module name");
        assertThat(state).contains("require 'lib/counter': invalid module name");
        assertThat(state).contains("require 'lib...secret': invalid module name");
        assertThat(state).contains("require 'lib.link': \\\"lib/link.lua\\\": symbolic links are not allowed");
        assertThat(state).contains("require 'lib.missing': \\\"lib/missing.lua\\\": no such file");
        assertThat(state).contains("module name expected, got number");
    }

    @Test
    void shouldReportARequireLoop()
    {
        write(dir, "a.lua", "require('b')\nreturn {}\n");
        write(dir, "b.lua", "require('a')\nreturn {}\n");

        final String state = run("""
            function init(config)
                local ok, err = pcall(require, "a")
                return { ok = ok, err = err }
            end
            """);

        assertThat(state).contains("\"ok\":false", "require 'a': loop while loading the module");
    }

    @Test
    void shouldKeepOneMatchFromChangingAnothersStrings()
    {
        final String script = """
            function init(config)
                if config.vandal then
                    string.upper = function() return "hacked" end
                    local ok, err = pcall(function() getmetatable("").__index.upper = string.upper end)
                    local ok2 = pcall(setmetatable, getmetatable(""), {})
                    local ok3 = pcall(rawset, getmetatable(""), "x", 1)
                    return { result = ("abc"):upper(), direct = string.upper("abc"), ok = ok, err = err,
                        ok2 = ok2, ok3 = ok3 }
                end
                return { result = ("abc"):upper(), direct = string.upper("abc") }
            end
            """;
        write(dir, "match.lua", "match_size = 1\nvandal = true\n" + script + CALLBACKS);
        try (LuaGameModes vandalModes = LuaTestSupport.load(dir))
        {
            final GameMode vandalMode = vandalModes.find("default");
            final String vandal = state(start(vandalMode, LuaTestSupport.context(vandalMode, 1)), "p");
            assertThat(vandal).contains("\"result\":\"ABC\"", "\"direct\":\"hacked\"", "\"ok\":false",
                "attempt to modify read-only table", "\"ok2\":false", "\"ok3\":false");

            write(dir, "match.lua", "match_size = 1\n" + script + CALLBACKS);
            try (LuaGameModes modes = LuaTestSupport.load(dir))
            {
                final GameMode mode = modes.find("default");
                assertThat(state(start(mode, LuaTestSupport.context(mode, 1)), "p"))
                    .isEqualTo("{\"result\":\"ABC\",\"direct\":\"ABC\"}");
            }
        }
    }

    @Test
    void shouldCapStringRep()
    {
        final String state = run("""
            function init(config)
                local ok, err = pcall(string.rep, "x", 100000000)
                return { ok = ok, err = err, small = string.rep("ab", 3, "-"), none = string.rep("ab", 0) }
            end
            """);

        assertThat(state).contains("\"ok\":false", "result larger than 4194304 bytes", "\"small\":\"ab-ab-ab\"",
            "\"none\":\"\"");
    }

    private String run(final String init)
    {
        write(dir, "match.lua", "match_size = 1\n" + init + CALLBACKS);
        try (LuaGameModes modes = LuaTestSupport.load(dir))
        {
            final GameMode mode = modes.find("default");
            return state(start(mode, LuaTestSupport.context(mode, 1)), "p1");
        }
    }
}
