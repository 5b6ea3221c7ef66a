package io.asobi.metagame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-statistic board against a plain model (a map of entries sorted on every check): after any sequence of
 * submits and removals, a player's rank is 1 + the number of entries strictly before it, the top N is the first N of
 * a sort of all entries, and any window read from any rank matches the sort.
 */
class ScoreBoardPropertyTest
{
    record Op(boolean isRemove, int player, long score, long atMs)
    {
    }

    record Model(String player, long score, long subScore, long atMs)
    {
    }

    @Provide
    Arbitrary<List<Op>> ops()
    {
        // Few distinct scores and times: ties are common, so the tie order is exercised.
        final Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, 9).map(i -> 0 == i),
            Arbitraries.integers().between(0, 59),
            Arbitraries.longs().between(-3, 3),
            Arbitraries.longs().between(0, 4))
            .as(Op::new);
        return op.list().ofMinSize(0).ofMaxSize(400);
    }

    @Property(tries = 200)
    void ranksAndWindowsMatchASortOfAllEntries(
        @ForAll("ops") final List<Op> ops,
        @ForAll final boolean isDescending,
        @ForAll @IntRange(min = 0, max = 70) final int from,
        @ForAll @IntRange(min = 1, max = 100) final int count)
    {
        final ScoreBoard board = new ScoreBoard(isDescending);
        final Map<String, Model> model = new HashMap<>();
        for (final Op op : ops)
        {
            final String player = "p" + op.player();
            if (op.isRemove())
            {
                assertThat(board.remove(player)).isEqualTo(null != model.remove(player));
            }
            else
            {
                board.submit(player, op.score(), op.score() * 7, op.atMs());
                model.put(player, new Model(player, op.score(), op.score() * 7, op.atMs()));
            }
        }

        final Comparator<Model> byScore = Comparator.comparingLong(Model::score);
        final Comparator<Model> order = (isDescending ? byScore.reversed() : byScore)
            .thenComparingLong(Model::atMs)
            .thenComparing(Model::player);
        final List<Model> sorted = new ArrayList<>(model.values());
        sorted.sort(order);

        assertThat(board.size()).isEqualTo(sorted.size());
        for (final Model entry : sorted)
        {
            final long strictlyBefore = sorted.stream().filter(other -> order.compare(other, entry) < 0).count();
            assertThat(board.indexOf(entry.player()) + 1L).isEqualTo(1 + strictlyBefore);
            assertThat(board.scoreOf(entry.player())).isEqualTo(entry.score());
        }
        assertThat(board.indexOf("absent")).isEqualTo(-1);

        final List<Model> window = new ArrayList<>();
        final int visited = board.forEach(from, count, (index, player, score, subScore, atMs) ->
        {
            assertThat(index).isEqualTo(from + window.size());
            window.add(new Model(player, score, subScore, atMs));
        });
        final List<Model> expected = from >= sorted.size() ? List.of() :
            sorted.subList(from, Math.min(sorted.size(), from + count));
        assertThat(window).containsExactlyElementsOf(expected);
        assertThat(visited).isEqualTo(expected.size());

        final List<Model> top = new ArrayList<>();
        board.forEach(0, 100, (index, player, score, subScore, atMs) ->
            top.add(new Model(player, score, subScore, atMs)));
        assertThat(top).containsExactlyElementsOf(sorted.subList(0, Math.min(100, sorted.size())));
    }

    @Property(tries = 20)
    void clearEmptiesAndTheBoardIsReusable(@ForAll("ops") final List<Op> ops)
    {
        final ScoreBoard board = new ScoreBoard(true);
        for (final Op op : ops)
        {
            board.submit("p" + op.player(), op.score(), 0, op.atMs());
        }
        board.clear();
        assertThat(board.size()).isZero();
        assertThat(board.forEach(0, 10, (index, player, score, subScore, atMs) -> { })).isZero();
        board.submit("a", 1, 0, 0);
        board.submit("b", 2, 0, 0);
        assertThat(board.indexOf("b")).isZero();
        assertThat(board.indexOf("a")).isEqualTo(1);
    }
}
