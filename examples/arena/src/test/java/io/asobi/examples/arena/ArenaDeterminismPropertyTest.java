package io.asobi.examples.arena;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArenaDeterminismPropertyTest
{
    private static final String[] PLAYERS = {"a", "b", "c", "d"};

    @Property(tries = 200)
    void sameSeedAndInputsGiveTheSameStateEveryTick(
        @ForAll final long seed, @ForAll("scripts") final List<Action> script) throws IOException
    {
        final ArenaSimulation first = new ArenaSimulation(seed);
        final ArenaSimulation second = new ArenaSimulation(seed);
        for (final Action action : script)
        {
            action.apply(first);
            action.apply(second);
            assertThat(second.stateHash()).isEqualTo(first.stateHash());
            assertThat(ArenaSimulationTest.state(second)).isEqualTo(ArenaSimulationTest.state(first));
        }
    }

    @Provide
    Arbitrary<List<Action>> scripts()
    {
        final Arbitrary<Integer> player = Arbitraries.integers().between(0, PLAYERS.length - 1);
        final Arbitrary<Float> unit = Arbitraries.of(-1f, -0.5f, 0f, 0.5f, 1f);
        final Arbitrary<Action> input = Combinators.combine(player, unit, unit, Arbitraries.of(true, false), unit, unit)
            .as((p, mx, my, shoot, ax, ay) -> new Action(0, p, mx, my, shoot, ax, ay));
        final Arbitrary<Action> join = player.map(p -> new Action(1, p, 0, 0, false, 0, 0));
        final Arbitrary<Action> leave = player.map(p -> new Action(2, p, 0, 0, false, 0, 0));
        final Arbitrary<Action> steps = Arbitraries.integers().between(1, 30)
            .map(n -> new Action(3, n, 0, 0, false, 0, 0));
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, input),
            net.jqwik.api.Tuple.of(2, join),
            net.jqwik.api.Tuple.of(1, leave),
            net.jqwik.api.Tuple.of(4, steps)).list().ofMaxSize(60);
    }

    record Action(int kind, int value, float moveX, float moveY, boolean shoot, float aimX, float aimY)
    {
        void apply(final ArenaSimulation arena)
        {
            switch (kind)
            {
                case 0 -> arena.applyInput(PLAYERS[value], moveX, moveY, shoot, aimX, aimY);
                case 1 -> arena.addPlayer(PLAYERS[value]);
                case 2 -> arena.removePlayer(PLAYERS[value]);
                default ->
                {
                    for (int i = 0; i < value; i++)
                    {
                        arena.step();
                    }
                }
            }
        }
    }
}
