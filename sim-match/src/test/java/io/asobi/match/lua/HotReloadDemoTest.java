package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.match.GameMode;
import io.asobi.match.ModeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asobi.match.lua.LuaTestSupport.input;
import static io.asobi.match.lua.LuaTestSupport.state;
import static io.asobi.match.lua.LuaTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-reload demo's script, {@code examples/hotreload-demo/lua/match.lua}, run as the demo runs it.
 */
class HotReloadDemoTest
{
    @TempDir
    Path dir;

    private String script;
    private LuaGameModes modes;
    private FakeMatchContext ctx;
    private LuaMatchLogic match;

    @BeforeEach
    void before() throws IOException
    {
        final Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        script = Files.readString(moduleDir.resolve("../examples/hotreload-demo/lua/match.lua"));
        write(dir, "match.lua", script);
        modes = LuaTestSupport.load(dir);
        final GameMode mode = modes.find(LuaGameModes.DEFAULT_MODE);
        ctx = LuaTestSupport.context(mode, 2024);
        match = LuaTestSupport.start(mode, ctx);
    }

    @AfterEach
    void after()
    {
        modes.close();
    }

    @Test
    void shouldDeclareTheDemoMode()
    {
        final ModeConfig config = modes.find("default").config();
        assertThat(config.matchSize()).isEqualTo(1);
        assertThat(config.maxPlayers()).isEqualTo(8);
        assertThat(config.strategy()).isEqualTo(ModeConfig.FILL);
        assertThat(config.tickRateHz()).isEqualTo(10);
    }

    @Test
    void shouldPlaceAJoiningPlayerAtRandomInsideTheArena() throws IOException
    {
        assertThat(match.join("p1", null)).isNull();

        final JsonNode view = view("p1");
        final int x = view.at("/players/p1/x").asInt();
        final int y = view.at("/players/p1/y").asInt();
        assertThat(x).isBetween(100, 700);
        assertThat(y).isBetween(100, 500);
        assertThat(view.get("cube_color").asText()).isEqualTo("#e94560");
        assertThat(view.get("cube_size").asInt()).isEqualTo(40);
        assertThat(view.get("bg_color").asText()).isEqualTo("#16213e");
        assertThat(view.get("message").asText()).isEqualTo("Edit lua/match.lua and save!");
        assertThat(view.get("arena_w").asInt()).isEqualTo(800);
        assertThat(view.get("arena_h").asInt()).isEqualTo(600);
    }

    @Test
    void shouldMoveTheCubeByMoveSpeedAndClampItToTheArena() throws IOException
    {
        match.join("p1", null);
        final int x0 = view("p1").at("/players/p1/x").asInt();
        final int y0 = view("p1").at("/players/p1/y").asInt();

        input(match, "p1", "{\"left\":false,\"right\":true,\"up\":true,\"down\":false}");
        match.tick(0);
        assertThat(view("p1").at("/players/p1/x").asInt()).isEqualTo(x0 + 8);
        assertThat(view("p1").at("/players/p1/y").asInt()).isEqualTo(y0 - 8);

        for (int i = 0; i < 200; i++)
        {
            input(match, "p1", "{\"right\":true,\"down\":true}");
        }
        assertThat(view("p1").at("/players/p1/x").asInt()).isEqualTo(800 - 40);
        assertThat(view("p1").at("/players/p1/y").asInt()).isEqualTo(600 - 40);

        for (int i = 0; i < 200; i++)
        {
            input(match, "p1", "{\"left\":true,\"up\":true}");
        }
        assertThat(view("p1").at("/players/p1/x").asInt()).isZero();
        assertThat(view("p1").at("/players/p1/y").asInt()).isZero();

        input(match, "p1", "{\"left\":\"yes\",\"right\":1}");
        assertThat(view("p1").at("/players/p1/x").asInt()).as("only real booleans move").isZero();
    }

    @Test
    void shouldShowAnEditedCubeColorInTheNextStateKeepingPositions() throws IOException
    {
        match.join("p1", null);
        match.join("p2", null);
        input(match, "p1", "{\"right\":true}");
        match.tick(0);
        final JsonNode before = view("p1").get("players");

        write(dir, "match.lua", script.replace("cube_color = \"#e94560\"", "cube_color = \"#00ff00\"")
            .replace("move_speed = 8 ", "move_speed = 20"));
        ctx.advanceMs(200);
        match.tick(1);

        final JsonNode after = view("p1");
        assertThat(after.get("cube_color").asText()).isEqualTo("#00ff00");
        assertThat(after.get("players")).isEqualTo(before);
        assertThat(match.reloadCount()).isEqualTo(1);

        final int x = after.at("/players/p1/x").asInt();
        input(match, "p1", "{\"left\":true}");
        assertThat(view("p1").at("/players/p1/x").asInt()).isEqualTo(Math.max(0, x - 20));
    }

    @Test
    void shouldRemoveALeavingPlayer() throws IOException
    {
        match.join("p1", null);
        match.join("p2", null);
        match.leave("p1");

        assertThat(view("p2").get("players").has("p1")).isFalse();
        assertThat(view("p2").get("players").has("p2")).isTrue();
    }

    private JsonNode view(final String playerId) throws IOException
    {
        return LuaJson.MAPPER.readTree(state(match, playerId));
    }
}
