package io.asobi.match.lua;

import io.asobi.match.GameMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

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
 * Two matches with the same seed fed the same joins, inputs and ticks send byte-identical states: math.random,
 * table iteration order, JSON encoding, and even where the instruction budget cuts a callback off are reproducible.
 */
class LuaDeterminismPropertyTest
{
    private static final String SCRIPT = """
        match_size = 1
        max_players = 4

        function init(config)
            return { players = {}, coins = {}, log = {}, tick = 0 }
        end

        function join(player_id, state)
            state.players[player_id] = { x = math.random(0, 100), y = math.random(0, 100), score = 0 }
            return state
        end

        function leave(player_id, state)
            state.players[player_id] = nil
            return state
        end

        function handle_input(player_id, input, state)
            local p = state.players[player_id]
            if p == nil then return state end
            p.x = p.x + (input.dx or 0)
            p.y = p.y + (input.dy or 0)
            if input.burn then
                local n = 0
                while n < input.burn do n = n + 1 end   -- large values run into the instruction budget
                p.burned = n
            end
            if input.tag then p["tag_" .. input.tag] = true end
            return state
        end

        function tick(state)
            state.tick = state.tick + 1
            if math.random() < 0.5 then
                state.coins[#state.coins + 1] = { x = math.random(0, 100), y = math.random(0, 100), v = math.random() }
            end
            for id, p in pairs(state.players) do
                for i = #state.coins, 1, -1 do
                    local c = state.coins[i]
                    if math.abs(c.x - p.x) + math.abs(c.y - p.y) < 30 then
                        p.score = p.score + c.v
                        table.remove(state.coins, i)
                        state.log[#state.log + 1] = id .. "@" .. state.tick
                    end
                end
            end
            return state
        end

        function get_state(player_id, state)
            local others = {}
            for id, p in pairs(state.players) do
                if id ~= player_id then others[#others + 1] = id .. ":" .. p.score end
            end
            return { me = state.players[player_id], others = others, coins = state.coins, log = state.log,
                tick = state.tick, roll = math.random(1, 6) }
        end
        """;

    private static Path dir;
    private static LuaGameModes modes;

    @BeforeContainer
    static void before() throws IOException
    {
        dir = Files.createTempDirectory("lua-determinism");
        LuaTestSupport.write(dir, "match.lua", SCRIPT);
        modes = LuaGameModes.load(new LuaGameModes.Context().gameDir(dir).instructionBudget(20_000));
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

    @Property(tries = 60)
    void shouldSendIdenticalStatesForTheSameSeedAndInputs(
        @ForAll final long seed, @ForAll("steps") final List<String> steps)
    {
        assertThat(run(seed, steps)).isEqualTo(run(seed, steps));
    }

    private static List<String> run(final long seed, final List<String> steps)
    {
        final GameMode mode = modes.find("default");
        final FakeMatchContext ctx = new FakeMatchContext("match-" + seed, mode.config(), seed);
        final LuaMatchLogic match = LuaTestSupport.start(mode, ctx);
        final List<String> out = new ArrayList<>();
        for (final String step : steps)
        {
            final String[] parts = step.split(" ", 3);
            switch (parts[0])
            {
                case "join" -> out.add(String.valueOf(match.join(parts[1], null)));
                case "leave" -> match.leave(parts[1]);
                case "input" -> LuaTestSupport.input(match, parts[1], parts[2]);
                default ->
                {
                    match.tick(Long.parseLong(parts[1]));
                    for (final String player : List.of("a", "b", "c"))
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
        final Arbitrary<String> player = Arbitraries.of("a", "b", "c");
        final Arbitrary<String> join = player.map((p) -> "join " + p);
        final Arbitrary<String> leave = player.map((p) -> "leave " + p);
        final Arbitrary<String> input = net.jqwik.api.Combinators.combine(
            player,
            Arbitraries.integers().between(-20, 20),
            Arbitraries.integers().between(-20, 20),
            Arbitraries.of(0, 10, 100_000),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3))
            .as((p, dx, dy, burn, tag) -> "input " + p + " {\"dx\":" + dx + ",\"dy\":" + dy +
                (burn > 0 ? ",\"burn\":" + burn : "") + ",\"tag\":\"" + tag + "\"}");
        final Arbitrary<String> tick = Arbitraries.integers().between(0, 1000).map((t) -> "tick " + t);
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, join),
            net.jqwik.api.Tuple.of(1, leave),
            net.jqwik.api.Tuple.of(4, input),
            net.jqwik.api.Tuple.of(4, tick))
            .list().ofMinSize(1).ofMaxSize(40);
    }
}
