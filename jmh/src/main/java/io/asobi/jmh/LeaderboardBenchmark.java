package io.asobi.jmh;

import io.asobi.metagame.MetagameStateMachine;
import org.openjdk.jmh.annotations.TearDown;

import io.asobi.metagame.ScoreBoard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Leaderboard operations at {@code entries} players (100K by default, issue 5): submit (replace a player's score),
 * top-100 read, a player's rank, and the window around a player (rank ± 5), on the metagame's order-statistic
 * {@link ScoreBoard} versus the obvious baseline, a {@link TreeMap} keyed by (score desc, time, player) with a
 * player index (submit O(log n), top O(k), but rank needs {@code headMap(key).size()}, which walks O(n)). A third
 * baseline, a full sort of every entry per top-100 read, shows what a board without an ordered structure costs.
 * <p>
 * Both boards hold the same entries and apply the same submit sequence; scores are drawn from a range a tenth of
 * the player count, so ties (broken by submit time, then player id) are common.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class LeaderboardBenchmark
{
    static final int TOP = 100;
    static final int RANGE = 5;

    /** An entry of the TreeMap baseline; its order is the ScoreBoard's. */
    record Key(long score, long atMs, String player)
    {
    }

    static final Comparator<Key> ORDER = Comparator.comparingLong((Key key) -> -key.score())
        .thenComparingLong(Key::atMs)
        .thenComparing(Key::player);

    /**
     * Both boards filled with the same entries.
     */
    @State(Scope.Thread)
    public static class Boards
    {
        @Param({"100000"})
        public int entries;

        ScoreBoard scoreBoard;
        TreeMap<Key, Boolean> treeMap;
        Map<String, Key> keyByPlayer;
        String[] players;
        SplittableRandom random;
        long clockMs;

        @Setup
        public void setUp()
        {
            random = new SplittableRandom(42);
            scoreBoard = new ScoreBoard(true);
            treeMap = new TreeMap<>(ORDER);
            keyByPlayer = new HashMap<>(entries * 2);
            players = new String[entries];
            for (int i = 0; i < entries; i++)
            {
                players[i] = "player-" + i;
                submitBoth(players[i], random.nextLong(entries / 10 + 1));
            }
        }

        void submitBoth(final String player, final long score)
        {
            clockMs++;
            scoreBoard.submit(player, score, 0, clockMs);
            submitTree(player, score);
        }

        void submitTree(final String player, final long score)
        {
            final Key old = keyByPlayer.get(player);
            if (null != old)
            {
                treeMap.remove(old);
            }
            final Key key = new Key(score, clockMs, player);
            keyByPlayer.put(player, key);
            treeMap.put(key, Boolean.TRUE);
        }

        String randomPlayer()
        {
            return players[random.nextInt(players.length)];
        }

        long randomScore()
        {
            return random.nextLong(entries / 10 + 1);
        }
    }

    @Benchmark
    public int submitScoreBoard(final Boards b)
    {
        b.clockMs++;
        return b.scoreBoard.submit(b.randomPlayer(), b.randomScore(), 0, b.clockMs);
    }

    @Benchmark
    public int submitTreeMap(final Boards b)
    {
        b.clockMs++;
        b.submitTree(b.randomPlayer(), b.randomScore());
        return b.treeMap.size();
    }

    @Benchmark
    public void top100ScoreBoard(final Boards b, final Blackhole bh)
    {
        b.scoreBoard.forEach(0, TOP, (index, player, score, subScore, atMs) ->
        {
            bh.consume(player);
            bh.consume(score);
        });
    }

    @Benchmark
    public void top100TreeMap(final Boards b, final Blackhole bh)
    {
        final Iterator<Key> iterator = b.treeMap.keySet().iterator();
        for (int i = 0; i < TOP && iterator.hasNext(); i++)
        {
            final Key key = iterator.next();
            bh.consume(key.player());
            bh.consume(key.score());
        }
    }

    @Benchmark
    public void top100FullSort(final Boards b, final Blackhole bh)
    {
        final Key[] all = b.keyByPlayer.values().toArray(new Key[0]);
        Arrays.sort(all, ORDER);
        for (int i = 0; i < TOP && i < all.length; i++)
        {
            bh.consume(all[i].player());
            bh.consume(all[i].score());
        }
    }

    @Benchmark
    public int rankScoreBoard(final Boards b)
    {
        return b.scoreBoard.indexOf(b.randomPlayer()) + 1;
    }

    @Benchmark
    public int rankTreeMap(final Boards b)
    {
        return b.treeMap.headMap(b.keyByPlayer.get(b.randomPlayer()), false).size() + 1;
    }

    @Benchmark
    public void aroundScoreBoard(final Boards b, final Blackhole bh)
    {
        final int index = b.scoreBoard.indexOf(b.randomPlayer());
        final int from = Math.max(0, index - RANGE);
        b.scoreBoard.forEach(from, index - from + RANGE + 1, (i, player, score, subScore, atMs) ->
        {
            bh.consume(i);
            bh.consume(player);
        });
    }

    @Benchmark
    public void aroundTreeMap(final Boards b, final Blackhole bh)
    {
        final Key key = b.keyByPlayer.get(b.randomPlayer());
        final TreeMap<Key, Boolean> map = b.treeMap;
        final int rank = map.headMap(key, false).size() + 1;
        final Iterator<Key> before = map.headMap(key, false).descendingKeySet().iterator();
        int count = 0;
        for (int i = 0; i < RANGE && before.hasNext(); i++)
        {
            bh.consume(before.next().player());
            count++;
        }
        final Iterator<Key> after = map.tailMap(key, true).keySet().iterator();
        for (int i = 0; i <= RANGE && after.hasNext(); i++)
        {
            bh.consume(after.next().player());
        }
        bh.consume(rank - count);
    }

    /**
     * The journaled path: a board of {@code entries} players inside a running {@link MetagameStateMachine} (a temp
     * data dir), so submit includes the writer hop and the journal append, and top-100 the writer hop.
     */
    @State(Scope.Benchmark)
    public static class Machine
    {
        @Param({"100000"})
        public int entries;

        java.nio.file.Path dir;
        MetagameStateMachine machine;
        SplittableRandom random = new SplittableRandom(7);

        @Setup
        public void setUp() throws java.io.IOException
        {
            dir = java.nio.file.Files.createTempDirectory("leaderboard-bench");
            machine = MetagameStateMachine.launch(new MetagameStateMachine.Context().dataDir(dir)
                .argon2MemoryKiB(64).argon2Iterations(1));
            machine.ready().join();
            final java.util.concurrent.CompletableFuture<?>[] pending =
                new java.util.concurrent.CompletableFuture<?>[256];
            for (int i = 0; i < entries; i++)
            {
                final int slot = i % pending.length;
                if (null != pending[slot])
                {
                    pending[slot].join();
                }
                pending[slot] = machine.leaderboards().submit("bench", "player-" + i,
                    random.nextLong(entries / 10 + 1), 0, false);
            }
            for (final java.util.concurrent.CompletableFuture<?> f : pending)
            {
                if (null != f)
                {
                    f.join();
                }
            }
        }

        @TearDown
        public void tearDown() throws java.io.IOException
        {
            machine.close();
            try (var paths = java.nio.file.Files.walk(dir))
            {
                for (final java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }

    /** Submit through the metagame writer, journaled, and wait for the answer (one round trip). */
    @Benchmark
    public Object submitJournaled(final Machine m)
    {
        return m.machine.leaderboards().submit("bench", "player-" + m.random.nextInt(m.entries),
            m.random.nextLong(m.entries / 10 + 1), 0, false).join();
    }

    /** Top-100 read through the metagame writer (one round trip). */
    @Benchmark
    public Object top100Journaled(final Machine m)
    {
        return m.machine.leaderboards().top("bench", TOP, 0).join();
    }
}
