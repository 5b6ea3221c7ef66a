package io.asobi.examples.arena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.GameMode;
import io.asobi.match.GameModes;
import io.asobi.match.InputResult;
import io.asobi.match.MatchContext;
import io.asobi.match.MatchRuntime;
import io.asobi.match.ModeConfig;
import io.asobi.match.Reply;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArenaModeTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void modeShape()
    {
        final ModeConfig config = new ArenaMode().config();
        assertThat(config.name()).isEqualTo("arena");
        assertThat(config.matchSize()).isEqualTo(2);
        assertThat(config.minPlayers()).isEqualTo(1);
        assertThat(config.maxPlayers()).isEqualTo(16);
        assertThat(config.tickRateHz()).isEqualTo(60);
        assertThat(config.sharedState()).isTrue();
        assertThat(config.extra().get("score_to_win").asInt()).isEqualTo(ArenaMode.SCORE_TO_WIN_DEFAULT);
        assertThat(new ArenaMode().newMatch()).isNotSameAs(new ArenaMode().newMatch());
        assertThatThrownBy(() -> new ArenaMode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputIsParsedLeniently()
    {
        final ArenaMatch match = new ArenaMatch(0);
        match.init(new FixedContext(3));
        match.join("A", null);
        final ArenaSimulation arena = match.arena();
        arena.place("A", 400, 300);

        input(match, "A", "{\"move_x\":1,\"move_y\":-1,\"extra\":{\"nested\":[1,2]},\"shoot\":false}");
        match.tick(0);
        assertThat(arena.x("A")).isGreaterThan(400);
        assertThat(arena.y("A")).isLessThan(300);

        input(match, "A", "{\"move_x\":\"fast\",\"move_y\":null}");
        final float x = arena.x("A");
        match.tick(1);
        assertThat(arena.x("A")).as("non-numbers read as 0").isEqualTo(x);

        input(match, "A", "[1,2]");
        input(match, "A", "{not json");
        input(match, "B", "{\"move_x\":1}");
        match.tick(2);
        assertThat(arena.x("A")).isEqualTo(x);

        input(match, "A", "{\"shoot\":true,\"aim_x\":0,\"aim_y\":1}");
        match.tick(3);
        assertThat(arena.projectileCount()).isEqualTo(1);
    }

    @Test
    void theMatchFinishesWhenAPlayerReachesTheWinningScore()
    {
        final ArenaMatch match = new ArenaMatch(2);
        match.init(new FixedContext(3));
        match.join("A", null);
        match.join("B", null);
        match.arena().place("A", 100, 300);
        match.arena().place("B", 200, 300);
        input(match, "A", "{\"shoot\":true,\"aim_x\":1,\"aim_y\":0}");

        ObjectNode result = null;
        for (long tick = 0; tick < 100 && null == result; tick++)
        {
            result = match.tick(tick);
        }
        assertThat(result).isNotNull();
        assertThat(result.get("winner").asText()).isEqualTo("A");
        assertThat(result.get("scores").get("A").asInt()).isEqualTo(2);
        assertThat(result.get("scores").get("B").asInt()).isZero();
    }

    @Test
    void playsThroughTheMatchRuntime() throws IOException
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(TimeUnit.SECONDS.toNanos(10));
        final List<Sent> sent = new ArrayList<>();
        final GameMode arenaMode = new ArenaMode();
        final GameModes modes = new GameModes()
        {
            public GameMode find(final String name)
            {
                return ArenaMode.NAME.equals(name) ? arenaMode : null;
            }

            public Collection<GameMode> all()
            {
                return List.of(arenaMode);
            }
        };

        try (MatchRuntime runtime = MatchRuntime.launch(new MatchRuntime.Context()
            .gameModes(modes)
            .outbound((playerId, frame) -> sent.add(new Sent(playerId, frame)))
            .invokerMode(true)
            .nanoClock(clock)
            .inputRingCapacity(256)
            .maxInputBytes(1024)))
        {
            final Answer a = new Answer();
            final Answer b = new Answer();
            runtime.findOrCreate("A", "arena", null, a);
            runtime.findOrCreate("B", "arena", null, b);
            settle(runtime);
            clock.advance(TimeUnit.MILLISECONDS.toNanos(17));
            settle(runtime);
            assertThat(a.payload.get("match_id").asText()).isEqualTo(b.payload.get("match_id").asText());

            final JsonNode first = lastState(sent, "A");
            final int x0 = first.get("players").get("A").get("x").asInt();
            final byte[] input = "{\"move_x\":1,\"move_y\":0}".getBytes(StandardCharsets.UTF_8);
            assertThat(runtime.input("A", input, 0, input.length)).isEqualTo(InputResult.ACCEPTED);

            for (int i = 0; i < 60; i++)
            {
                clock.advance(TimeUnit.MILLISECONDS.toNanos(17));
                settle(runtime);
            }
            final JsonNode later = lastState(sent, "A");
            assertThat(later.get("players").get("A").get("x").asInt()).isGreaterThan(Math.min(x0 + 10, 780));
            assertThat(later.get("players").has("B")).isTrue();
            assertThat(later.get("tick").asLong()).isGreaterThan(first.get("tick").asLong());
        }
    }

    private static void settle(final MatchRuntime runtime)
    {
        for (int i = 0; i < 100 && 0 != runtime.doWork(); i++)
        {
            assertThat(i).isLessThan(99);
        }
    }

    private static JsonNode lastState(final List<Sent> sent, final String playerId) throws IOException
    {
        for (int i = sent.size() - 1; i >= 0; i--)
        {
            final JsonNode frame = MAPPER.readTree(sent.get(i).frame());
            if (playerId.equals(sent.get(i).playerId()) && "match.state".equals(frame.get("type").asText()))
            {
                return frame.get("payload");
            }
        }
        throw new AssertionError("no match.state for " + playerId);
    }

    private static void input(final ArenaMatch match, final String playerId, final String json)
    {
        final byte[] bytes = ("xx" + json).getBytes(StandardCharsets.UTF_8);
        match.handleInput(playerId, bytes, 2, bytes.length - 2);
    }

    private record Sent(String playerId, byte[] frame)
    {
    }

    private static final class Answer implements Reply
    {
        ObjectNode payload;

        public void ok(final String type, final ObjectNode payload)
        {
            this.payload = payload;
        }

        public void error(final String reason, final ObjectNode details)
        {
            throw new AssertionError("unexpected error " + reason);
        }
    }

    private record FixedContext(long seed) implements MatchContext
    {
        public String matchId()
        {
            return "m";
        }

        public ModeConfig config()
        {
            return new ArenaMode().config();
        }

        public List<String> players()
        {
            return List.of();
        }

        public void broadcastFrame(final byte[] frame)
        {
        }

        public void sendFrame(final String playerId, final byte[] frame)
        {
        }

        public void setJoinable(final boolean joinable)
        {
        }

        public long nanoTime()
        {
            return 0;
        }
    }
}
