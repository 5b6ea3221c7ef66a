package io.asobi.match.lua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.world.TerrainLoader;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldReply;
import io.asobi.world.WorldRuntime;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lua world mode {@code forest} (from a script written to a game dir) served by a {@link WorldRuntime} in invoker
 * mode with hand-driven clocks; terrain chunks are built inline. Records every frame sent as {@code [player, text]}.
 */
final class LuaWorldHarness implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    final CachedNanoClock clock = new CachedNanoClock();
    final CachedEpochClock epochClock = new CachedEpochClock();
    final List<String[]> sent = Collections.synchronizedList(new ArrayList<>());
    WorldRuntime runtime;

    LuaWorldHarness()
    {
        TerrainLoader.executorOverride(Runnable::run);
    }

    /** Write the game dir and launch the runtime (not stepped yet). */
    LuaGameModes launch(final Path dir, final String script, final int instructionBudget)
    {
        LuaTestSupport.write(dir, "config.lua", "return { forest = \"forest.lua\" }");
        LuaTestSupport.write(dir, "forest.lua", script);
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        epochClock.update(1_700_000_000_000L);
        final LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(dir).nanoClock(clock)
            .reloadPollIntervalMs(100).instructionBudget(instructionBudget));
        runtime = WorldRuntime.launch(new WorldRuntime.Context()
            .worldModes(modes.worldModes())
            .outbound((player, frame) -> sent.add(new String[] {player, new String(frame, StandardCharsets.UTF_8)}))
            .invokerMode(true)
            .nanoClock(clock)
            .epochClock(epochClock)
            .seedGenerator(() -> 42L));
        return modes;
    }

    /** Duty cycles at the current time until one does no work (bounded). */
    void settle()
    {
        for (int i = 0; i < 100 && 0 != runtime.doWork(); i++)
        {
            assertThat(i).isLessThan(99);
        }
    }

    /** Advance the clocks in 1 ms steps, settling at each. */
    void advanceMs(final long ms)
    {
        for (long i = 0; i < ms; i++)
        {
            clock.advance(MS);
            epochClock.advance(1);
            settle();
        }
    }

    /** Create a forest world for a player, 200 ms later: its id, or {@code "error <reason>"}. */
    String tryCreate(final String playerId)
    {
        final String[] worldId = new String[1];
        runtime.create(playerId, "forest", new WorldReply()
        {
            public void ok(final String type, final ObjectNode payload)
            {
                worldId[0] = payload.get("world_id").asText();
            }

            public void error(final String reason, final ObjectNode details)
            {
                worldId[0] = "error " + reason;
            }
        });
        advanceMs(200);
        assertThat(worldId[0]).isNotNull();
        return worldId[0];
    }

    /** Create a forest world for a player, which must succeed. */
    String create(final String playerId)
    {
        final String worldId = tryCreate(playerId);
        assertThat(worldId).doesNotStartWith("error");
        return worldId;
    }

    WorldInputResult input(final String playerId, final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return runtime.input(playerId, -1, bytes, 0, bytes.length);
    }

    /** The payloads of the frames of a type sent to a player, in order. */
    List<JsonNode> frames(final String playerId, final String type)
    {
        final List<JsonNode> out = new ArrayList<>();
        for (final String[] item : List.copyOf(sent))
        {
            final JsonNode frame = json(item[1]);
            if (playerId.equals(item[0]) && type.equals(frame.path("type").asText()))
            {
                out.add(frame.path("payload"));
            }
        }
        return out;
    }

    /** Every update object of the world.tick frames sent to a player, with its zone. */
    List<JsonNode> updates(final String playerId)
    {
        final List<JsonNode> out = new ArrayList<>();
        for (final JsonNode tick : frames(playerId, "world.tick"))
        {
            for (final JsonNode update : tick.path("updates"))
            {
                ((ObjectNode)update).set("zone", tick.path("zone"));
                out.add(update);
            }
        }
        return out;
    }

    static JsonNode json(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        if (null != runtime)
        {
            runtime.close();
        }
        TerrainLoader.executorOverride(null);
    }
}
