package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.terrain.Chunk;
import io.asobi.terrain.ChunkCodec;
import io.asobi.terrain.FlatTerrain;
import io.asobi.world.WorldConfig;
import io.asobi.world.WorldContext;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldRuntime;
import io.asobi.world.WorldTerrain;
import io.asobi.world.ZoneContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * World scripts' {@code post_tick}, {@code terrain_provider}, {@code game.terrain.*} and snapshots, driven through
 * a {@link WorldRuntime} in invoker mode with hand-driven clocks and terrain chunks built inline.
 */
class LuaWorldTerrainTest
{

    static final String BASE = """
        game_type = "world"
        match_size = 4
        grid_size = 2
        zone_size = 100
        view_radius = 0
        tick_rate = 10
        broadcast_interval = 1

        function init(config) return { ticks = 0, rolls = {} } end
        function join(pid, state) return state end
        function leave(pid, state) return state end
        function spawn_position(pid, state) return { x = 10, y = 10 } end
        function zone_tick(entities, zs) return entities, zs end
        function handle_input(pid, input, entities)
            local t = game.terrain
            if input.op == "edit" then
                local r = {}
                r.set = t.set_tile(input.x, input.y, input.tile, input.flags, input.elevation)
                r.get = t.get_tile(input.x, input.y)
                r.keep = t.set_tile(input.x + 1, input.y, 9)
                r.kept = t.get_tile(input.x + 1, input.y)
                r.chunk = t.get_chunk(0, 0)
                r.pre = t.preload({ { cx = 1, cy = 1 }, { cx = 0, cy = 1 } })
                r.bad_get = t.get_tile("a", 1)
                r.bad_frac = t.get_tile(1.5, 1)
                r.oob_get = t.get_tile(-1, 0)
                r.oob_set = t.set_tile(0, 100000, 1)
                r.bad_tile = t.set_tile(0, 0, 70000)
                r.bad_chunk = t.get_chunk(99, 0)
                r.bad_pre = t.preload({ { cx = "x" } })
                r.bad_args = t.set_tile()
                game.send(pid, r)
            elseif input.op == "flood" then
                local ok, last = 0, nil
                for i = 0, 4099 do
                    local r = t.set_tile(i % 128, 64 + math.floor(i / 128), 2)
                    if r == true then ok = ok + 1 else last = r.error end
                end
                game.send(pid, { ok = ok, last = last })
            elseif input.op == "none" then
                game.send(pid, t.get_chunk(0, 0))
            end
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
        final LuaGameModes modes = h.launch(dir, script, 1_000_000);
        h.advanceMs(1);
        return modes;
    }

    private void advanceMs(final long ms)
    {
        h.advanceMs(ms);
    }

    private String create(final String playerId)
    {
        return h.tryCreate(playerId);
    }

    private WorldInputResult input(final String playerId, final String json)
    {
        return h.input(playerId, json);
    }

    private JsonNode lastMessage(final String playerId)
    {
        final List<JsonNode> messages = h.frames(playerId, "module.message");
        assertThat(messages).isNotEmpty();
        return messages.get(messages.size() - 1).path("message");
    }

    @Test
    void postTickRunsOncePerStepAndItsFinishedStateEndsTheWorld()
    {
        launch(BASE + """
            function post_tick(tick, state)
                state.ticks = state.ticks + 1
                if state.ticks == 2 then error("boom") end
                if state.ticks == 3 then return nil end
                if state.ticks >= 5 then
                    state._finished = true
                    state._result = { winner = "p1", ticks = state.ticks }
                end
                return state
            end
            """);
        create("p1");
        advanceMs(1_000);
        final List<JsonNode> finished = h.frames("p1", "world.finished");
        assertThat(finished).hasSize(1);
        final JsonNode result = finished.get(0).path("result");
        assertThat(result.path("winner").asText()).isEqualTo("p1");
        assertThat(result.path("ticks").asInt()).isEqualTo(5);
        assertThat(result.path("status").asText()).isEqualTo("finished");
    }

    // ---------------------------------------------------------------------------------------------------------
    // terrain_provider

    @Test
    void terrainProviderSelectsABuiltInProviderOverTheTerrainGlobal()
    {
        final LuaGameModes modes = launch(BASE + """
            terrain = { kind = "noise", seed = 7 }
            function terrain_provider(config)
                return { module = "flat", args = { tile = config.grid_size + 5, elevation = 3, chunks_per_tick = 2 } }
            end
            """);
        final WorldConfig config = modes.worldModes().find("forest").config();
        assertThat(config.terrain()).isEqualTo(WorldTerrain.flat(7, 3).withStreaming(WorldTerrain.DEFAULT_RADIUS, 2));
        create("p1");
        advanceMs(200);
        final List<JsonNode> terrain = h.frames("p1", "world.terrain");
        assertThat(terrain).isNotEmpty();
        final byte[] raw = new ChunkCodec().decode(Base64.getDecoder().decode(terrain.get(0).path("data").asText()));
        assertThat(raw).isEqualTo(new FlatTerrain(7, 3).generate(0, 0));
    }

    @Test
    void terrainProviderAnswersNoneOrKindOrNoise()
    {
        assertThat(LuaWorldMode.terrainProvider(org.luaj.vm2.LuaValue.NIL)).isNull();
        assertThat(LuaWorldMode.terrainProvider(org.luaj.vm2.LuaValue.valueOf("none"))).isNull();
        final org.luaj.vm2.LuaTable answer = new org.luaj.vm2.LuaTable();
        answer.rawset("kind", "noise");
        final org.luaj.vm2.LuaTable args = new org.luaj.vm2.LuaTable();
        args.rawset("seed", 11);
        answer.rawset("args", args);
        assertThat(LuaWorldMode.terrainProvider(answer)).isEqualTo(WorldTerrain.noise(11));

        final LuaGameModes modes = launch(BASE + """
            terrain = { kind = "noise", seed = 7 }
            function terrain_provider(config) return "none" end
            """);
        assertThat(modes.worldModes().find("forest").config().terrain()).isNull();
    }

    @Test
    void anInvalidTerrainProviderAnswerFailsTheWorldStart()
    {
        for (final String bad : List.of(
            "return { module = \"lava\" }",
            "return { module = \"flat\", args = { tile = 70000 } }",
            "return { module = \"noise\", args = { seed = 1.5 } }",
            "return { module = \"noise\", args = 3 }",
            "return 42",
            "error(\"no provider today\")"))
        {
            final LuaGameModes modes = launch(BASE + "function terrain_provider(config) " + bad + " end\n");
            final LuaWorldMode mode = (LuaWorldMode)modes.worldModes().find("forest");
            assertThat(mode.startProblem()).as(bad).contains("terrain_provider");
            assertThat(create("p1")).as(bad).isEqualTo("error world_start_failed");
            h.runtime.close();
            h.runtime = null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // game.terrain

    @Test
    void gameTerrainReadsEditsAndResendsTheChunk()
    {
        launch(BASE + "terrain = { kind = \"flat\", tile = 3, elevation = 4 }\n");
        create("p1");
        advanceMs(300);
        h.sent.clear();
        assertThat(input("p1", "{\"op\":\"edit\",\"x\":5,\"y\":6,\"tile\":77,\"flags\":2,\"elevation\":200}"))
            .isEqualTo(WorldInputResult.ACCEPTED);
        advanceMs(300);

        final JsonNode r = lastMessage("p1");
        assertThat(r.path("set").asBoolean()).isTrue();
        assertThat(r.path("get").path("tile").asInt()).isEqualTo(77);
        assertThat(r.path("get").path("flags").asInt()).isEqualTo(2);
        assertThat(r.path("get").path("elevation").asInt()).isEqualTo(200);
        assertThat(r.path("keep").asBoolean()).isTrue();
        assertThat(r.path("kept").path("tile").asInt()).isEqualTo(9);
        assertThat(r.path("kept").path("flags").asInt()).isEqualTo(io.asobi.terrain.Tiles.FLAG_WALKABLE);
        assertThat(r.path("kept").path("elevation").asInt()).isEqualTo(4);
        final byte[] raw = new ChunkCodec().decode(Base64.getDecoder().decode(r.path("chunk").path("ok").asText()));
        assertThat(Chunk.tileId(raw, 5, 6)).isEqualTo(77);
        assertThat(r.path("pre").asBoolean()).isTrue();
        assertThat(r.path("bad_get").path("error").asText()).isEqualTo("invalid_args");
        assertThat(r.path("bad_frac").path("error").asText()).isEqualTo("invalid_args");
        assertThat(r.path("oob_get").path("error").asText()).isEqualTo("out_of_bounds");
        assertThat(r.path("oob_set").path("error").asText()).isEqualTo("out_of_bounds");
        assertThat(r.path("bad_tile").path("error").asText()).isEqualTo("invalid_tile");
        assertThat(r.path("bad_chunk").path("error").asText()).isEqualTo("out_of_bounds");
        assertThat(r.path("bad_pre").path("error").asText()).isEqualTo("invalid_args");
        assertThat(r.path("bad_args").path("error").asText()).isEqualTo("invalid_args");

        // p1 held chunk (0,0): it receives the edited chunk once
        final List<JsonNode> resent = h.frames("p1", "world.terrain");
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0).path("coords").toString()).isEqualTo("[0,0]");
        final byte[] pushed = new ChunkCodec().decode(Base64.getDecoder().decode(resent.get(0).path("data").asText()));
        assertThat(Chunk.tileId(pushed, 5, 6)).isEqualTo(77);
        assertThat(Chunk.tileId(pushed, 6, 6)).isEqualTo(9);
    }

    @Test
    void editsPastThePerTickCapAreRateLimited()
    {
        launch(BASE + "terrain = { kind = \"flat\", tile = 3, elevation = 4 }\n");
        create("p1");
        input("p1", "{\"op\":\"flood\"}");
        advanceMs(200);
        final JsonNode r = lastMessage("p1");
        assertThat(r.path("ok").asInt()).isEqualTo(io.asobi.world.WorldTerrainAccess.MAX_EDITS_PER_TICK);
        assertThat(r.path("last").asText()).isEqualTo("rate_limited");
    }

    @Test
    void aWorldWithoutTerrainAnswersNoTerrain()
    {
        launch(BASE);
        create("p1");
        input("p1", "{\"op\":\"none\"}");
        advanceMs(200);
        assertThat(lastMessage("p1").path("error").asText()).isEqualTo("no_terrain");
    }

    // ---------------------------------------------------------------------------------------------------------
    // snapshot / restore

    static final String SNAPSHOT_SCRIPT = BASE + """
        function generate_world(seed, config)
            return { ["0,0"] = { kind = "meadow", n = 1 }, ["1,1"] = { kind = "rocks", list = { 3, 2, 1 } } }
        end
        function post_tick(tick, state)
            state.ticks = state.ticks + 1
            state.rolls[#state.rolls + 1] = math.random(1000)
            state["k" .. math.random(50)] = tick
            if #state.rolls > 40 then table.remove(state.rolls, 1) end
            return state
        end
        """;

    private LuaWorldLogic newLogic(final LuaGameModes modes)
    {
        return (LuaWorldLogic)modes.worldModes().find("forest").newWorld();
    }

    @Test
    void snapshotRestoreSnapshotGivesTheSameBytesAndTheSameFuture()
    {
        final LuaGameModes modes = launch(SNAPSHOT_SCRIPT);
        final FakeWorld ctx = new FakeWorld(modes.worldModes().find("forest").config());
        final LuaWorldLogic original = newLogic(modes);
        original.init(ctx);
        for (long tick = 1; tick <= 25; tick++)
        {
            original.postTick(tick);
        }
        final byte[] snapshot = original.snapshot();

        final LuaWorldLogic restored = newLogic(modes);
        restored.restore(ctx, snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        for (long tick = 26; tick <= 60; tick++)
        {
            original.postTick(tick);
            restored.postTick(tick);
            assertThat(restored.snapshot()).as("tick " + tick).isEqualTo(original.snapshot());
        }
        assertThat(LuaJson.encode(restored.state())).isEqualTo(LuaJson.encode(original.state()));

        assertThatThrownBy(() -> restored.restore(ctx, snapshot)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hostileSnapshotsAreRefusedBeforeTheVmIsBuilt()
    {
        final LuaGameModes modes = launch(SNAPSHOT_SCRIPT);
        final FakeWorld ctx = new FakeWorld(modes.worldModes().find("forest").config());
        final LuaWorldLogic original = newLogic(modes);
        original.init(ctx);
        final byte[] good = original.snapshot();
        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        final byte[] flipped = good.clone();
        flipped[0] ^= 0x55;
        for (final byte[] bad : java.util.Arrays.asList(null, new byte[0], truncated, flipped))
        {
            final LuaWorldLogic logic = newLogic(modes);
            assertThatThrownBy(() -> logic.restore(ctx, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(logic::snapshot).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aStateHoldingAFunctionCannotBeSnapshotted()
    {
        final LuaGameModes modes = launch(BASE + "function post_tick(tick, state) state.f = print or tostring; " +
            "return state end\n");
        final LuaWorldLogic logic = newLogic(modes);
        logic.init(new FakeWorld(modes.worldModes().find("forest").config()));
        logic.postTick(1);
        assertThatThrownBy(logic::snapshot).isInstanceOf(IllegalStateException.class).hasMessageContaining("f");
    }

    /** A world context for driving a logic by hand: no zones, frames dropped. */
    private static final class FakeWorld implements WorldContext
    {
        private final WorldConfig config;

        FakeWorld(final WorldConfig config)
        {
            this.config = config;
        }

        public String worldId()
        {
            return "w1";
        }

        public WorldConfig config()
        {
            return config;
        }

        public long seed()
        {
            return 42;
        }

        public ZoneContext zone(final int zoneX, final int zoneY)
        {
            return null;
        }

        public ZoneContext zoneAt(final double x, final double y)
        {
            return null;
        }

        public void broadcastFrame(final byte[] frame)
        {
        }

        public void sendFrame(final String playerId, final byte[] frame)
        {
        }

        public void finish(final ObjectNode result)
        {
        }
    }
}
