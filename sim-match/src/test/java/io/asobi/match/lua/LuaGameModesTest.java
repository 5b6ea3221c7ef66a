package io.asobi.match.lua;

import io.asobi.match.GameMode;
import io.asobi.match.ModeConfig;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.asobi.match.lua.LuaTestSupport.load;
import static io.asobi.match.lua.LuaTestSupport.start;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaGameModesTest
{
    private static final String CALLBACKS = """
        function init(config) return {} end
        function join(player_id, state) return state end
        function leave(player_id, state) return state end
        function handle_input(player_id, input, state) return state end
        function get_state(player_id, state) return {} end
        """;

    @TempDir
    Path dir;

    @Test
    void shouldLoadLoneMatchLuaAsTheDefaultModeWithDefaults()
    {
        write(dir, "match.lua", "match_size = 2\n" + CALLBACKS);

        try (LuaGameModes modes = load(dir))
        {
            assertThat(modes.names()).containsExactly("default");
            final ModeConfig config = modes.find("default").config();
            assertThat(config.name()).isEqualTo("default");
            assertThat(config.matchSize()).isEqualTo(2);
            assertThat(config.maxPlayers()).isEqualTo(2);
            assertThat(config.minPlayers()).isEqualTo(2);
            assertThat(config.strategy()).isEqualTo(ModeConfig.FILL);
            assertThat(config.skillWindow()).isEqualTo(100);
            assertThat(config.skillExpandPerSecond()).isEqualTo(10);
            assertThat(config.tickRateHz()).isEqualTo(10);
            assertThat(config.sharedState()).isFalse();
            assertThat(config.listed()).isTrue();
            assertThat(config.quickPlay()).isTrue();
            assertThat(config.extra().isEmpty()).isTrue();
            assertThat(modes.find("nope")).isNull();
            assertThat(modes.find(null)).isNull();
            assertThat(modes.all()).hasSize(1);
        }
    }

    @Test
    void shouldLoadModesDeclaredByConfigLua()
    {
        LuaTestSupport.copyResources("config-modes", dir);

        try (LuaGameModes modes = load(dir))
        {
            assertThat(modes.names()).containsExactly("arena", "coop", "duel");

            final ModeConfig duel = modes.find("duel").config();
            assertThat(duel.name()).isEqualTo("duel");
            assertThat(duel.matchSize()).isEqualTo(2);
            assertThat(duel.strategy()).isEqualTo(ModeConfig.SKILL_BASED);
            assertThat(duel.skillWindow()).isEqualTo(50);
            assertThat(duel.skillExpandPerSecond()).isEqualTo(5);
            assertThat(duel.tickRateHz()).isEqualTo(20);
            assertThat(duel.sharedState()).isTrue();
            assertThat(duel.listed()).isFalse();
            assertThat(duel.quickPlay()).isFalse();
            assertThat(duel.extra().toString())
                .isEqualTo("{\"arena_name\":\"pit\",\"gravity\":9.5,\"hardcore\":true,\"rounds\":3}");

            final ModeConfig coop = modes.find("coop").config();
            assertThat(coop.matchSize()).isEqualTo(4);
            assertThat(coop.maxPlayers()).isEqualTo(6);
            assertThat(coop.minPlayers()).isEqualTo(1);
            assertThat(coop.strategy()).isEqualTo(ModeConfig.FILL);

            final ModeConfig arena = modes.find("arena").config();
            assertThat(arena.name()).isEqualTo("arena");
            assertThat(arena.tickRateHz()).isEqualTo(30);
            assertThat(arena.extra().get("map").asText()).isEqualTo("arena");
            assertThat(modes.find("arena").newMatch()).isInstanceOf(TestJavaGameMode.Logic.class);
        }
    }

    @Test
    void shouldPassExtraAndMatchIdToInitAndResolveRequireNextToTheScript()
    {
        LuaTestSupport.copyResources("config-modes", dir);

        try (LuaGameModes modes = load(dir))
        {
            final GameMode duel = modes.find("duel");
            final LuaMatchLogic duelMatch = start(duel, LuaTestSupport.context(duel, 1));
            assertThat(duelMatch.sharedState()).isTrue();
            assertThat(duelMatch.join("p1", null)).isNull();
            LuaTestSupport.input(duelMatch, "p1", "{\"points\":7}");
            assertThat(state(duelMatch, null)).isEqualTo("{\"scores\":{\"p1\":7},\"arena\":\"pit\",\"rounds\":3}");

            final GameMode coop = modes.find("coop");
            final LuaMatchLogic coopMatch = start(coop, LuaTestSupport.context(coop, 1));
            assertThat(coopMatch.join("p1", null)).isNull();
            assertThat(state(coopMatch, "p1")).isEqualTo("{\"greeting\":\"hello match-1\",\"members\":1,\"twice\":2}");
        }
    }

    @Test
    void shouldRejectAMissingMatchSize()
    {
        write(dir, "match.lua", "max_players = 4\n" + CALLBACKS);

        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessage("match.lua: global match_size is required (a positive integer)");
    }

    @Test
    void shouldRejectInvalidModeGlobalsNamingTheGlobal()
    {
        expectLoadError("match_size = \"4\"", "match.lua: global match_size must be a positive integer, got \"4\"");
        expectLoadError("match_size = 0", "match.lua: global match_size must be a positive integer, got 0");
        expectLoadError("match_size = 2.5", "match.lua: global match_size must be a positive integer, got 2.5");
        expectLoadError("match_size = 4 max_players = 2",
            "match.lua: global max_players must be an integer >= 4, got 2");
        expectLoadError("match_size = 1 tick_rate = 61",
            "match.lua: global tick_rate must be an integer in 1..60, got 61");
        expectLoadError("match_size = 1 listed = 1",
            "match.lua: global listed must be a boolean (true or false), got 1");
        expectLoadError("match_size = 1 quick_play = \"yes\"",
            "match.lua: global quick_play must be a boolean (true or false), got \"yes\"");
        expectLoadError("match_size = 1 strategy = 3", "match.lua: global strategy must be a string, got 3");
        expectLoadError("match_size = 1 state_strategy = {}",
            "match.lua: global state_strategy must be a string, got table");
        expectLoadError("match_size = 1 skill_window = -1",
            "match.lua: global skill_window must be a non-negative integer, got -1");
    }

    @Test
    void shouldRejectAScriptWithoutARequiredCallback()
    {
        write(dir, "match.lua", "match_size = 1\n" + CALLBACKS.replace("function get_state", "function other"));

        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessage("match.lua: required function get_state is not defined");
    }

    @Test
    void shouldNameFileAndLineOfASyntaxError()
    {
        write(dir, "match.lua", "match_size = 1\n\nfunction init(config)\n  return {\nend\n");

        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessageStartingWith("match.lua:5: ")
            .satisfies((ex) -> assertThat(((LuaScriptException)ex).line()).isEqualTo(5))
            .satisfies((ex) -> assertThat(((LuaScriptException)ex).script()).isEqualTo("match.lua"));
    }

    @Test
    void shouldNameFileAndLineOfARuntimeErrorWhileLoading()
    {
        write(dir, "match.lua", "match_size = 1\nlocal t = nil\nlocal x = t.field\n");

        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessageStartingWith("match.lua:3: attempt to index");
    }

    @Test
    void shouldRejectAnEmptyGameDirectory()
    {
        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessageContaining("has neither config.lua nor match.lua");
    }

    @Test
    void shouldRejectAGameDirectoryThatDoesNotExist()
    {
        assertThatThrownBy(() -> load(dir.resolve("missing")))
            .isInstanceOf(LuaScriptException.class)
            .hasMessageContaining("cannot be read");
    }

    @Test
    void shouldRejectScriptPathsThatEscapeTheGameDirectory() throws IOException
    {
        final Path game = Files.createDirectories(dir.resolve("game"));
        write(dir, "outside.lua", "match_size = 1\n" + CALLBACKS);
        write(game, "inside.lua", "match_size = 1\n" + CALLBACKS);

        expectConfigError(game, "\"../outside.lua\"",
            "config.lua: mode 'm': \"../outside.lua\": escapes the game directory");
        expectConfigError(game, "\"sub/../../outside.lua\"",
            "config.lua: mode 'm': \"sub/../../outside.lua\": escapes the game directory");
        expectConfigError(game, "\"" + dir.resolve("outside.lua") + "\"",
            "config.lua: mode 'm': \"" + dir.resolve("outside.lua") + "\": absolute paths are not allowed");
        expectConfigError(game, "\"missing.lua\"",
            "config.lua: mode 'm': \"missing.lua\": no such file in the game directory");
        expectConfigError(game, "\"\"", "config.lua: mode 'm': empty script path");
        expectConfigError(game, "42", "config.lua: mode 'm' must map to a script path or \"java:Class\", got number");
    }

    @Test
    void shouldRejectSymbolicLinks() throws IOException
    {
        final Path game = Files.createDirectories(dir.resolve("game"));
        final Path real = write(dir, "real.lua", "match_size = 1\n" + CALLBACKS);
        Files.createSymbolicLink(game.resolve("link.lua"), real);
        Files.createDirectories(dir.resolve("realdir"));
        write(dir, "realdir/mode.lua", "match_size = 1\n" + CALLBACKS);
        Files.createSymbolicLink(game.resolve("linkdir"), dir.resolve("realdir"));

        expectConfigError(game, "\"link.lua\"",
            "config.lua: mode 'm': \"link.lua\": symbolic links are not allowed (link.lua)");
        expectConfigError(game, "\"linkdir/mode.lua\"",
            "config.lua: mode 'm': \"linkdir/mode.lua\": symbolic links are not allowed (linkdir)");

        Files.delete(game.resolve("config.lua"));
        Files.createSymbolicLink(game.resolve("match.lua"), real);
        assertThatThrownBy(() -> load(game))
            .isInstanceOf(LuaScriptException.class)
            .hasMessageContaining("symbolic links are not allowed");
    }

    @Test
    void shouldAcceptAGameDirectoryThatIsItselfASymbolicLink() throws IOException
    {
        final Path real = Files.createDirectories(dir.resolve("real"));
        write(real, "match.lua", "match_size = 3\n" + CALLBACKS);
        final Path link = Files.createSymbolicLink(dir.resolve("game"), real);

        try (LuaGameModes modes = load(link))
        {
            assertThat(modes.find("default").config().matchSize()).isEqualTo(3);
        }
    }

    @Test
    void shouldRejectBadConfigLua()
    {
        write(dir, "config.lua", "return 42");
        assertThatThrownBy(() -> load(dir)).hasMessage(
            "config.lua: must return a table {mode_name = \"script.lua\", ...}, returned number");

        write(dir, "config.lua", "return {}");
        assertThatThrownBy(() -> load(dir)).hasMessage("config.lua: declares no modes");

        write(dir, "config.lua", "return { [\"bad name!\"] = \"x.lua\" }");
        assertThatThrownBy(() -> load(dir)).hasMessage(
            "config.lua: mode name bad name! must be 1 to 64 of [A-Za-z0-9_.-]");

        write(dir, "config.lua", "return {\n  a = \"x.lua\",\n  b = = 1 }");
        assertThatThrownBy(() -> load(dir)).hasMessageStartingWith("config.lua:3: ");
    }

    @Test
    void shouldExplainABadJavaEntry()
    {
        expectJavaError("io.asobi.match.lua.NoSuchMode", "class not found on the classpath");
        expectJavaError("io.asobi.match.lua.TestJavaGameMode$NotAMode", "does not implement io.asobi.match.GameMode");
        expectJavaError("io.asobi.match.lua.TestJavaGameMode$NeedsArgument", "has no public no-argument constructor");
        expectJavaError("not a class", "not a class name");
    }

    @Test
    void shouldServeWorldScriptsAsWorldModesOnly()
    {
        write(dir, "config.lua", "return { world = \"world.lua\", match = \"match.lua\" }");
        write(dir, "world.lua", "game_type = \"world\"\nmatch_size = 1\n" +
            "function spawn_position(p, s) return {x = 1, y = 1} end\nfunction handle_input(p, i, e) return e end\n");
        write(dir, "match.lua", "match_size = 1\n" + CALLBACKS);

        try (LuaGameModes modes = load(dir))
        {
            assertThat(modes.names()).containsExactly("match");
            assertThat(modes.worldModes().find("world")).isNotNull();
            assertThat(modes.worldModes().find("world").config().maxPlayers()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseAWorldScriptWithoutItsRequiredFunctions()
    {
        write(dir, "config.lua", "return { world = \"world.lua\" }");
        write(dir, "world.lua", "game_type = \"world\"\nmatch_size = 1\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class).hasMessageContaining("spawn_position");
    }

    @Test
    void shouldRereadModeGlobalsWhenAScriptChangesForNewMatchesOnly()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        write(dir, "match.lua", "match_size = 2\n" + CALLBACKS);
        try (LuaGameModes modes = LuaGameModes.load(LuaTestSupport.context(dir, clock)))
        {
            final GameMode mode = modes.find("default");
            final LuaMatchLogic running = start(mode, LuaTestSupport.context(mode, 1));

            write(dir, "match.lua", "match_size = 4\nmax_players = 8\n" + CALLBACKS);
            clock.advance(TimeUnit.MILLISECONDS.toNanos(1000));
            modes.pollModes();
            assertThat(mode.config().matchSize()).as("before the watch interval").isEqualTo(2);

            clock.advance(TimeUnit.MILLISECONDS.toNanos(500));
            modes.pollModes();
            assertThat(mode.config().matchSize()).isEqualTo(4);
            assertThat(mode.config().maxPlayers()).isEqualTo(8);
            assertThat(running.sharedState()).isFalse();

            write(dir, "match.lua", "match_size = \"broken\"\n" + CALLBACKS);
            clock.advance(TimeUnit.MILLISECONDS.toNanos(1500));
            modes.pollModes();
            assertThat(mode.config().matchSize()).as("a bad edit keeps the last shape").isEqualTo(4);
        }
    }

    @Test
    void shouldReloadTheModeTableWhenConfigLuaChanges()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        write(dir, "config.lua", "return { a = \"a.lua\" }");
        write(dir, "a.lua", "match_size = 1\n" + CALLBACKS);
        write(dir, "b.lua", "match_size = 2\n" + CALLBACKS);
        try (LuaGameModes modes = LuaGameModes.load(LuaTestSupport.context(dir, clock)))
        {
            assertThat(modes.names()).containsExactly("a");

            write(dir, "config.lua", "return { a = \"a.lua\", b = \"b.lua\" }");
            clock.advance(TimeUnit.MILLISECONDS.toNanos(1500));
            modes.pollModes();
            assertThat(modes.names()).containsExactly("a", "b");

            write(dir, "config.lua", "return { a = ");
            clock.advance(TimeUnit.MILLISECONDS.toNanos(1500));
            modes.pollModes();
            assertThat(modes.names()).as("a broken config.lua keeps the modes").containsExactly("a", "b");
        }
    }

    @Test
    void shouldNotWatchWhenReloadIsDisabled()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        write(dir, "match.lua", "match_size = 2\n" + CALLBACKS);
        try (LuaGameModes modes = LuaGameModes.load(LuaTestSupport.context(dir, clock).reloadEnabled(false)))
        {
            write(dir, "match.lua", "match_size = 4\n" + CALLBACKS);
            clock.advance(TimeUnit.SECONDS.toNanos(10));
            modes.pollModes();
            assertThat(modes.find("default").config().matchSize()).isEqualTo(2);
        }
    }

    @Test
    void shouldValidateTheContext()
    {
        assertThatThrownBy(() -> new LuaGameModes.Context().conclude()).hasMessage("gameDir must be set");
        assertThatThrownBy(() -> new LuaGameModes.Context().gameDir(dir).instructionBudget(10).conclude())
            .hasMessage("instructionBudget must be >= 1000: 10");
        assertThatThrownBy(() -> new LuaGameModes.Context().gameDir(dir).reloadPollIntervalMs(0).conclude())
            .hasMessage("reloadPollIntervalMs must be >= 1: 0");
        assertThatThrownBy(() -> new LuaGameModes.Context().gameDir(dir).modeWatchIntervalMs(-1).conclude())
            .hasMessage("modeWatchIntervalMs must be >= 0: -1");
        final LuaGameModes.Context ctx = new LuaGameModes.Context().gameDir(dir).conclude();
        assertThat(ctx.instructionBudget()).isEqualTo(5_000_000);
        assertThat(ctx.reloadPollIntervalMs()).isEqualTo(200);
        assertThat(ctx.modeWatchIntervalMs()).isEqualTo(1500);
        assertThat(ctx.reloadEnabled()).isTrue();
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }

    private void expectLoadError(final String globals, final String message)
    {
        write(dir, "match.lua", globals + "\n" + CALLBACKS);
        assertThatThrownBy(() -> load(dir)).isInstanceOf(LuaScriptException.class).hasMessage(message);
    }

    private static void expectConfigError(final Path game, final String value, final String message)
    {
        write(game, "config.lua", "return { m = " + value + " }");
        assertThatThrownBy(() -> load(game)).isInstanceOf(LuaScriptException.class).hasMessage(message);
    }

    private void expectJavaError(final String className, final String reason)
    {
        write(dir, "config.lua", "return { arena = \"java:" + className + "\" }");
        assertThatThrownBy(() -> load(dir))
            .isInstanceOf(LuaScriptException.class)
            .hasMessage("config.lua: mode 'arena': java:" + className + ": " + reason);
    }
}
