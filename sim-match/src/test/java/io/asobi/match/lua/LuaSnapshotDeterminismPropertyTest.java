package io.asobi.match.lua;

import io.asobi.match.GameMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.luaj.vm2.LuaTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.asobi.match.lua.LuaTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshot a match at any point, restore it into a fresh logic of the same mode, feed both the same joins, leaves,
 * inputs and ticks: they send byte-identical states, broadcasts and messages. The script draws from
 * {@code math.random} everywhere, nests tables, removes keys, and walks tables with {@code pairs} in
 * {@code get_state}, so a restored random state or iteration order that differed would show.
 */
class LuaSnapshotDeterminismPropertyTest
{
    static final String SCRIPT = """
        match_size = 1
        max_players = 8

        function init(config)
            return { players = {}, bullets = {}, events = {}, tick = 0, grid = { rows = {} }, seq = 0 }
        end

        function join(player_id, state)
            state.players[player_id] = { x = math.random(0, 50), y = math.random(0, 50), hp = 100,
                inv = { gold = math.random(1, 10), luck = math.random() }, tags = {} }
            state.events[#state.events + 1] = "join:" .. player_id
            game.broadcast("joined_game", { id = player_id, n = math.random() })
            return state
        end

        function leave(player_id, state)
            state.players[player_id] = nil
            state.events[#state.events + 1] = "leave:" .. player_id
            return state
        end

        function handle_input(player_id, input, state)
            local p = state.players[player_id]
            if p == nil then return state end
            p.x = p.x + (input.dx or 0)
            p.y = p.y + (input.dy or 0)
            if input.tag then p.tags[input.tag] = (p.tags[input.tag] or 0) + 1 end
            if input.untag then p.tags[input.untag] = nil end
            if input.shoot then
                state.seq = state.seq + 1
                state.bullets["b" .. state.seq] = { owner = player_id, x = p.x, y = p.y,
                    vx = math.random() - 0.5, ttl = math.random(1, 5) }
            end
            if input.whisper then game.send(player_id, { roll = math.random(1, 100) }) end
            return state
        end

        function tick(state)
            state.tick = state.tick + 1
            for id, b in pairs(state.bullets) do
                b.ttl = b.ttl - 1
                b.x = b.x + b.vx
                if b.ttl <= 0 then state.bullets[id] = nil end
            end
            local r = state.tick % 7
            local row = state.grid.rows[r] or {}
            row[math.random(1, 20)] = state.tick
            row["c" .. math.random(1, 9)] = nil
            row["c" .. math.random(1, 9)] = math.random()
            state.grid.rows[r] = row
            if #state.events > 10 then table.remove(state.events, 1) end
            if math.random() < 0.3 then game.broadcast("gust", { tick = state.tick, power = math.random(1, 9) }) end
            return state
        end

        function get_state(player_id, state)
            local others, bullets, tags, cells = {}, {}, {}, {}
            for id, p in pairs(state.players) do
                if id ~= player_id then others[#others + 1] = id .. ":" .. p.x .. "," .. p.y end
            end
            for id, b in pairs(state.bullets) do bullets[#bullets + 1] = id .. "@" .. b.x end
            local me = state.players[player_id]
            if me then
                for k, v in pairs(me.tags) do tags[#tags + 1] = k .. "=" .. v end
            end
            for r, row in pairs(state.grid.rows) do
                for k, v in pairs(row) do cells[#cells + 1] = r .. "/" .. tostring(k) .. "/" .. tostring(v) end
            end
            return { me = me, others = others, bullets = bullets, tags = tags, cells = cells, events = state.events,
                tick = state.tick, roll = math.random(1, 6) }
        end
        """;

    private static final List<String> PLAYERS = List.of("a", "b", "c", "d");

    private static Path dir;
    private static LuaGameModes modes;

    @BeforeContainer
    static void before() throws IOException
    {
        dir = Files.createTempDirectory("lua-snapshot");
        LuaTestSupport.write(dir, "match.lua", SCRIPT);
        modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(dir));
    }

    @AfterContainer
    static void after() throws IOException
    {
        modes.close();
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path path : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 80)
    void shouldBehaveAsTheSnapshottedMatchAfterRestore(
        @ForAll final long seed,
        @ForAll("steps") final List<String> before,
        @ForAll("steps") final List<String> after,
        @ForAll @IntRange(min = 0, max = 16) final int offset)
    {
        final GameMode mode = modes.find("default");
        final FakeMatchContext originalCtx = new FakeMatchContext("match-1", mode.config(), seed);
        final LuaMatchLogic original = LuaTestSupport.start(mode, originalCtx);
        run(original, before);

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = original.snapshot(buffer, offset);
        assertThat(length).as("refused: %s", original.lastSnapshotFailure()).isPositive();
        final int broadcastsBefore = originalCtx.broadcasts.size();
        final int sentBefore = originalCtx.sent.size();

        final FakeMatchContext restoredCtx = new FakeMatchContext("match-1", mode.config(), seed);
        final LuaMatchLogic restored = (LuaMatchLogic)mode.newMatch();
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        restored.restore(restoredCtx, new UnsafeBuffer(copy), 0, length);
        assertThat(restoredCtx.broadcasts).isEmpty();
        assertThat(restoredCtx.sent).isEmpty();
        LuaStateCodecPropertyTest.pair((LuaTable)original.state(), (LuaTable)restored.state());

        final List<String> expected = run(original, after);
        final List<String> actual = run(restored, after);
        assertThat(actual).isEqualTo(expected);
        assertThat(restoredCtx.broadcasts)
            .isEqualTo(originalCtx.broadcasts.subList(broadcastsBefore, originalCtx.broadcasts.size()));
        assertThat(restoredCtx.sent).isEqualTo(originalCtx.sent.subList(sentBefore, originalCtx.sent.size()));

        // And a snapshot of the restored match is the snapshot of the original.
        final ExpandableArrayBuffer a = new ExpandableArrayBuffer(16);
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(16);
        final int lengthA = original.snapshot(a, 0);
        assertThat(restored.snapshot(b, 0)).isEqualTo(lengthA);
        assertThat(a.compareTo(b)).isZero();
    }

    private static List<String> run(final LuaMatchLogic match, final List<String> steps)
    {
        final List<String> out = new ArrayList<>();
        for (final String step : steps)
        {
            final String[] parts = step.split(" ", 3);
            switch (parts[0])
            {
                case "join" -> out.add("join " + match.join(parts[1], null));
                case "leave" -> match.leave(parts[1]);
                case "input" -> LuaTestSupport.input(match, parts[1], parts[2]);
                default ->
                {
                    out.add("tick " + match.tick(Long.parseLong(parts[1])));
                    for (final String player : PLAYERS)
                    {
                        out.add(state(match, player));
                    }
                }
            }
        }
        return out;
    }

    @Provide
    Arbitrary<List<String>> steps()
    {
        final Arbitrary<String> player = Arbitraries.of(PLAYERS);
        final Arbitrary<String> join = player.map((p) -> "join " + p);
        final Arbitrary<String> leave = player.map((p) -> "leave " + p);
        final Arbitrary<String> tag = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3);
        final Arbitrary<String> input = Combinators.combine(
            player,
            Arbitraries.integers().between(-20, 20),
            Arbitraries.integers().between(-20, 20),
            tag,
            tag,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
            .as((p, dx, dy, add, remove, shoot, whisper) -> "input " + p + " {\"dx\":" + dx + ",\"dy\":" + dy +
                ",\"tag\":\"" + add + "\",\"untag\":\"" + remove + "\",\"shoot\":" + shoot +
                ",\"whisper\":" + whisper + "}");
        final Arbitrary<String> tick = Arbitraries.integers().between(0, 1000).map((t) -> "tick " + t);
        return Arbitraries.frequencyOf(
            Tuple.of(2, join),
            Tuple.of(1, leave),
            Tuple.of(4, input),
            Tuple.of(4, tick))
            .list().ofMinSize(0).ofMaxSize(40);
    }
}
