package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.world.WorldConfig;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldRuntime;
import io.asobi.world.WorldTerrain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Lua world script driven through a {@link WorldRuntime} in invoker mode with hand-driven clocks.
 */
class LuaWorldTest
{

    static final String SCRIPT = """
        game_type = "world"
        match_size = 4
        grid_size = 4
        zone_size = 100
        view_radius = 0
        tick_rate = 10
        broadcast_interval = 1
        listed = true
        quick_play = true
        wire_fields = { hp = "int", angry = "boolean" }

        function init(config) return { joined = 0, grid = config.grid_size } end
        function spawn_templates(config)
            return { wolf = { type = "wolf", base_state = { hp = 5, step = 1, secret = "server only" } } }
        end
        function join(pid, state) state.joined = state.joined + 1; return state end
        function leave(pid, state) return state end
        function spawn_position(pid, state) return { x = 50, y = 50 } end
        function on_zone_loaded(cx, cy, state) return { cx = cx, cy = cy }, state end
        function zone_tick(entities, zs)
            if zs.cx == 0 and zs.cy == 0 and not zs.spawned then
                zs.spawned = game.zone.spawn("wolf", 20, 20, { hp = 6 })
            end
            for id, e in pairs(entities) do
                if e.type == "player" and e.hp == nil then e.hp = 10 end
                if e.type == "wolf" then
                    e.x = e.x + e.step
                    local near = game.spatial.query_radius(entities, e.x, e.y, 40, { type = "player" })
                    e.angry = #near > 0
                end
            end
            return entities, zs
        end
        function handle_input(pid, input, entities)
            local p = entities[pid]
            if input.spin then while true do end end
            if input.fail then error("boom") end
            if input.shout then game.broadcast("shout", { from = pid }); game.send(pid, { echo = input.shout }) end
            if input.dx then p.x = p.x + input.dx end
            if input.hp then p.hp = input.hp end
            return entities
        end
        """;

    @TempDir
    Path dir;

    private final LuaWorldHarness h = new LuaWorldHarness();

    @AfterEach
    void close()
    {
        h.close();
    }

    private LuaGameModes launch(final String script)
    {
        final LuaGameModes modes = h.launch(dir, script, 200_000);
        h.settle();
        return modes;
    }

    private void advanceMs(final long ms)
    {
        h.advanceMs(ms);
    }

    private String create(final String playerId)
    {
        return h.create(playerId);
    }

    private WorldInputResult input(final String playerId, final String json)
    {
        return h.input(playerId, json);
    }

    private List<JsonNode> updates(final String playerId)
    {
        return h.updates(playerId);
    }

    private static JsonNode last(final List<JsonNode> updates, final String id, final String field)
    {
        JsonNode found = null;
        for (final JsonNode u : updates)
        {
            if (id.equals(u.path("id").asText()) && u.has(field))
            {
                found = u;
            }
        }
        return found;
    }

    @Test
    void worldScriptIsAWorldModeWithItsShape()
    {
        final LuaGameModes modes = launch(SCRIPT);
        assertThat(modes.find("forest")).isNull();
        final WorldConfig config = modes.worldModes().find("forest").config();
        assertThat(config.gridSize()).isEqualTo(4);
        assertThat(config.zoneSize()).isEqualTo(100.0);
        assertThat(config.viewRadius()).isZero();
        assertThat(config.maxPlayers()).isEqualTo(4);
        assertThat(config.listed()).isTrue();
        assertThat(config.quickPlay()).isTrue();
    }

    @Test
    void terrainGlobalGivesTheWorldAStreamedTerrain()
    {
        final LuaGameModes modes = launch(SCRIPT + "\nterrain = { kind = \"noise\", seed = 7, chunks_per_tick = 2 }\n");
        final WorldConfig config = modes.worldModes().find("forest").config();
        assertThat(config.terrain()).isEqualTo(WorldTerrain.noise(7).withStreaming(WorldTerrain.DEFAULT_RADIUS, 2));
        create("p1");
        advanceMs(300);
        final List<JsonNode> terrain = new ArrayList<>();
        for (final String[] item : List.copyOf(h.sent))
        {
            final JsonNode frame = LuaWorldHarness.json(item[1]);
            if ("p1".equals(item[0]) && "world.terrain".equals(frame.path("type").asText()))
            {
                terrain.add(frame.path("payload"));
            }
        }
        // 4 × 100 tiles: chunks 0..6; radius ceil(0.5 × 100 / 64) = 1 around (0,0): (0,0), (1,0), (0,1), (1,1)
        assertThat(terrain).hasSize(4);
        assertThat(terrain.get(0).path("coords").toString()).isEqualTo("[0,0]");
        final byte[] raw = new io.asobi.terrain.ChunkCodec().decode(
            java.util.Base64.getDecoder().decode(terrain.get(0).path("data").asText()));
        assertThat(raw).isEqualTo(new io.asobi.terrain.NoiseTerrain(7).generate(0, 0));
    }

    @Test
    void aWorldScriptWithoutTerrainHasNone()
    {
        final LuaGameModes modes = launch(SCRIPT);
        assertThat(modes.worldModes().find("forest").config().terrain()).isNull();
    }

    @Test
    void flatTerrainIsReadAndInvalidTerrainIsRefused()
    {
        final LuaGameModes modes = launch(SCRIPT + "\nterrain = { kind = \"flat\", tile = 2, elevation = 9 }\n");
        assertThat(modes.worldModes().find("forest").config().terrain()).isEqualTo(WorldTerrain.flat(2, 9));
        for (final String bad : List.of("terrain = 3", "terrain = { kind = \"lava\" }",
            "terrain = { kind = \"noise\", seed = 1.5 }", "terrain = { kind = \"flat\", tile = 70000 }",
            "terrain = { kind = \"noise\", seed = 1, chunks_per_tick = 0 }"))
        {
            LuaTestSupport.write(dir, "forest.lua", SCRIPT + "\n" + bad + "\n");
            assertThatThrownBy(() -> LuaGameModes.load(new LuaGameModes.Context().gameDir(dir).nanoClock(h.clock)))
                .as(bad).isInstanceOf(LuaScriptException.class).hasMessageContaining("terrain");
        }
    }

    @Test
    void playersMoveAcrossZonesAndTemplateNpcsWanderWithScriptFields()
    {
        launch(SCRIPT);
        create("p1");
        advanceMs(300);

        final List<JsonNode> first = updates("p1");
        final JsonNode playerAdd = first.stream().filter(u -> "p1".equals(u.path("id").asText())).findFirst()
            .orElseThrow();
        assertThat(playerAdd.path("op").asText()).isEqualTo("a");
        assertThat(playerAdd.path("type").asText()).isEqualTo("player");
        final JsonNode wolfAdd = first.stream().filter(u -> "wolf".equals(u.path("type").asText())).findFirst()
            .orElseThrow();
        assertThat(wolfAdd.path("op").asText()).isEqualTo("a");
        assertThat(wolfAdd.path("hp").asInt()).isEqualTo(6);
        assertThat(wolfAdd.has("secret")).isFalse();
        assertThat(last(first, "p1", "hp").path("hp").asInt()).isEqualTo(10);
        final String wolfId = wolfAdd.path("id").asText();
        final JsonNode wolfMove = last(first, wolfId, "x");
        assertThat(wolfMove.path("op").asText()).isEqualTo("u");
        assertThat(wolfMove.path("x").asDouble()).isGreaterThan(wolfAdd.path("x").asDouble());
        assertThat(wolfMove.has("hp")).isFalse();

        h.sent.clear();
        assertThat(input("p1", "{\"dx\":100,\"hp\":7}")).isEqualTo(WorldInputResult.ACCEPTED);
        advanceMs(300);
        final List<JsonNode> after = updates("p1");
        final JsonNode moved = last(after, "p1", "x");
        assertThat(moved.path("zone").toString()).isEqualTo("[1,0]");
        assertThat(moved.path("x").asDouble()).isEqualTo(150.0);
        assertThat(last(after, "p1", "hp").path("hp").asInt()).isEqualTo(7);
    }

    @Test
    void budgetCutOffAndScriptErrorsAreContained()
    {
        launch(SCRIPT);
        create("p1");
        advanceMs(200);
        input("p1", "{\"spin\":true}");
        input("p1", "{\"fail\":true}");
        advanceMs(200);
        h.sent.clear();
        input("p1", "{\"hp\":3}");
        advanceMs(200);
        assertThat(last(updates("p1"), "p1", "hp").path("hp").asInt()).isEqualTo(3);
        assertThat(updates("p1").stream().anyMatch(u -> u.has("x") && !"p1".equals(u.path("id").asText())))
            .as("the wolf keeps wandering").isTrue();
    }

    @Test
    void hotReloadKeepsEntitiesAndRunsNewCode()
    {
        launch(SCRIPT);
        create("p1");
        advanceMs(300);
        final String wolfId = updates("p1").stream().filter(u -> "wolf".equals(u.path("type").asText()))
            .findFirst().orElseThrow().path("id").asText();

        LuaTestSupport.write(dir, "forest.lua", SCRIPT.replace("e.x = e.x + e.step", "e.hp = 99"));
        h.sent.clear();
        advanceMs(400);
        final List<JsonNode> after = updates("p1");
        assertThat(last(after, wolfId, "hp").path("hp").asInt()).isEqualTo(99);
        assertThat(after.stream().noneMatch(u -> "a".equals(u.path("op").asText()))).as("no entity re-added")
            .isTrue();
        assertThat(after.stream().noneMatch(u -> "r".equals(u.path("op").asText()))).isTrue();
    }

    @Test
    void worldScriptsBroadcastWorldEventsAndSendToOnePlayer()
    {
        launch(SCRIPT);
        create("p1");
        h.sent.clear();
        assertThat(input("p1", "{\"shout\":\"hi\"}")).isEqualTo(WorldInputResult.ACCEPTED);
        advanceMs(200);
        final List<String> types = new ArrayList<>();
        for (final String[] item : List.copyOf(h.sent))
        {
            final JsonNode frame = LuaWorldHarness.json(item[1]);
            types.add(frame.path("type").asText());
            if ("world.shout".equals(frame.path("type").asText()))
            {
                assertThat(frame.path("payload").path("from").asText()).isEqualTo("p1");
            }
            if ("module.message".equals(frame.path("type").asText()))
            {
                assertThat(frame.path("payload").path("message").path("echo").asText()).isEqualTo("hi");
            }
        }
        assertThat(types).contains("world.shout", "module.message").doesNotContain("match.shout");
    }
}
