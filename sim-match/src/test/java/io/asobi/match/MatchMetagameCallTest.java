package io.asobi.match;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.match.lua.LuaGameModes;
import io.asobi.persistence.SimulationJournalReader;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Game logic calling the metagame: answers are journaled with the tick, replays and crash restores reuse them
 * instead of calling again, and each call carries an idempotency key.
 */
class MatchMetagameCallTest
{
    private static final String SCRIPT = """
        match_size = 1
        function init(config) return { coins = -1, calls = 0 } end
        function join(p, state) return state end
        function leave(p, state) return state end
        function handle_input(p, input, state)
            if input.grant then
                local r = game.economy.grant(p, "gold", input.grant, "test")
                if r.ok then state.coins = r.ok else state.err = r.error end
                state.calls = state.calls + 1
            end
            if input.bad then
                local r = game.economy.grant(p, 5, "x")
                state.err = r.error
            end
            return state
        end
        function tick(state) return state end
        function get_state(p, state) return { coins = state.coins, calls = state.calls, err = state.err } end
        """;

    @TempDir
    Path dir;

    /** A wallet service that counts its calls. */
    static final class FakeBridge implements MetagameBridge
    {
        final List<String> keys = new ArrayList<>();
        long balance;

        public synchronized CompletableFuture<JsonNode> call(final String method, final ObjectNode args)
        {
            keys.add(method + " " + args.path("idempotency_key").asText());
            if (!"economy.grant".equals(method))
            {
                return CompletableFuture.completedFuture(Frames.object().put("error", "unknown"));
            }
            balance += args.path("amount").asLong();
            return CompletableFuture.completedFuture(Frames.object().put("ok", balance));
        }
    }

    @Test
    void aLuaGrantIsJournaledAndReplayedWithoutCallingAgain() throws IOException
    {
        final Path game = Files.createDirectories(dir.resolve("game"));
        Files.writeString(game.resolve("match.lua"), SCRIPT);
        final Path journalDir = dir.resolve("simulations");
        final FakeBridge bridge = new FakeBridge();
        final String matchId;
        final String lastFrame;
        try (RuntimeHarness h = new RuntimeHarness();
            LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game).nanoClock(h.clock)))
        {
            h.launch(h.context().gameModes(modes).journalDir(journalDir).metagame(bridge));
            final RecordingReply joined = h.findOrCreate("A", "default");
            h.advanceMs(200);
            matchId = joined.payload.path("match_id").asText();
            h.input("A", "{\"grant\":5}");
            h.advanceMs(100);
            h.input("A", "{\"grant\":7.9}");
            h.advanceMs(100);
            h.input("A", "{\"bad\":true}");
            h.advanceMs(200);
            final JsonNode state = h.outbound.to("A", "match.state").getLast().json().path("payload");
            assertThat(state.path("coins").asLong()).isEqualTo(12);
            assertThat(state.path("calls").asLong()).isEqualTo(2);
            assertThat(state.path("err").asText()).contains("currency must be a string");
            lastFrame = new String(h.outbound.to("A", "match.state").getLast().frame());
        }
        assertThat(bridge.keys).hasSize(2).allMatch(k -> k.startsWith("economy.grant " + matchId + ":"));
        assertThat(bridge.keys.get(0)).isNotEqualTo(bridge.keys.get(1));

        try (SimulationJournalReader reader = SimulationJournalReader.open(journalDir.resolve("tick-0"));
            LuaGameModes modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(game)
                .nanoClock(new CachedNanoClock())))
        {
            final MatchReplay replay = new MatchReplay(modes.find("default"), matchId, Long.MAX_VALUE, null);
            reader.read(replay);
            assertThat(replay.firstDivergentTick()).isEqualTo(-1);
            assertThat(replay.replayMismatches()).isZero();
            assertThat(new String(replay.stateFrame("A"))).isEqualTo(lastFrame);
        }
        assertThat(bridge.keys).as("the replay called nothing").hasSize(2);
    }

    @Test
    void aCrashRestoreReusesTheJournaledAnswers()
    {
        final FakeBridge bridge = new FakeBridge();
        final AtomicLong crashAt = new AtomicLong(-1);
        try (RuntimeHarness h = new RuntimeHarness())
        {
            h.modes.add(TestModes.config("granting", 1, 1, 1, 10, true, true, true),
                () -> new GrantingLogic(crashAt));
            h.launch(h.context().journalDir(dir.resolve("sim")).snapshotIntervalTicks(0).metagame(bridge));
            assertThat(h.findOrCreate("A", "granting").awaitOk(h)).isTrue();
            for (int i = 0; i < 5; i++)
            {
                h.input("A", "{\"grant\":1}");
                h.advanceMs(100);
            }
            final long last = h.outbound.to("A", "match.state").getLast().json().path("payload").path("tick")
                .asLong();
            crashAt.set(last + 2);
            h.advanceMs(500);
            assertThat(h.runtime.matchOf("A").restoreCount()).isEqualTo(1);
            assertThat(bridge.keys).as("the restore re-ran 5 grants from the journal, not through the bridge")
                .hasSize(5);
            assertThat(h.outbound.to("A", "match.state").getLast().json().path("payload").path("coins").asLong())
                .isEqualTo(5);
        }
    }

    /** Grants on every input; its state is the balance the metagame answered; throws once at a chosen tick. */
    static final class GrantingLogic implements MatchLogic
    {
        private final AtomicLong crashAt;
        private MatchContext ctx;
        private long coins;
        private long tick;

        GrantingLogic(final AtomicLong crashAt)
        {
            this.crashAt = crashAt;
        }

        public void init(final MatchContext ctx)
        {
            this.ctx = ctx;
        }

        public String join(final String playerId, final ObjectNode joinCtx)
        {
            return null;
        }

        public void leave(final String playerId)
        {
        }

        public void handleInput(final String playerId, final byte[] json, final int offset, final int length)
        {
            final JsonNode answer = ctx.metagame("economy.grant",
                Frames.object().put("player_id", playerId).put("currency", "gold").put("amount", 1));
            coins = answer.path("ok").asLong();
        }

        public ObjectNode tick(final long tick)
        {
            if (crashAt.compareAndSet(tick, -1))
            {
                throw new IllegalStateException("boom");
            }
            this.tick = tick;
            return null;
        }

        public boolean sharedState()
        {
            return true;
        }

        public void writeState(final String playerId, final JsonGenerator out) throws IOException
        {
            out.writeStartObject();
            out.writeNumberField("tick", tick);
            out.writeNumberField("coins", coins);
            out.writeEndObject();
        }
    }
}
