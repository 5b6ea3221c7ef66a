package io.asobi.jmh;

import io.asobi.metagame.Economy;
import io.asobi.metagame.MetagameStateMachine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Wallet read and grant throughput through the journaled metagame state machine ({@link MetagameStateMachine}
 * launched on a temp dir, Argon2 at its cheapest since only one registration happens, the writer's default idle
 * strategy), against a bare {@link ConcurrentHashMap} as the baseline of "a balance in memory".
 * <p>
 * {@code *RoundTrip}: one caller issues a call and waits for its answer (latency bound: the hand-off to the writer
 * thread and back). {@code *Pipelined}: one caller issues {@value #BATCH} calls, then waits for all of them (the
 * writer's throughput: each grant is validated, journaled in a Chronicle Queue, applied and acknowledged). One op is
 * one read or one grant. A fresh machine and directory per iteration keep the journal and the in-memory ledger
 * bounded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class EconomyBenchmark
{
    static final int BATCH = 64;
    static final String CURRENCY = "gold";

    /**
     * A launched state machine with one registered, funded player.
     */
    @State(Scope.Benchmark)
    public static class Machine
    {
        Path dir;
        MetagameStateMachine machine;
        Economy economy;
        String playerId;
        Economy.MovementRequest grantOne;
        @SuppressWarnings("unchecked")
        final CompletableFuture<?>[] inFlight = new CompletableFuture<?>[BATCH];

        @Setup(Level.Iteration)
        public void launch() throws Exception
        {
            dir = Files.createTempDirectory("economy-bench");
            machine = MetagameStateMachine.launch(new MetagameStateMachine.Context()
                .dataDir(dir)
                .argon2MemoryKiB(64)
                .argon2Iterations(1)
                .hashThreads(1));
            machine.ready().get(30, TimeUnit.SECONDS);
            playerId = machine.register("bench_player", "bench-password", null).get(30, TimeUnit.SECONDS).playerId();
            economy = machine.economy();
            grantOne = Economy.MovementRequest.of(playerId, CURRENCY, 1, "bench", null);
            economy.grant(Economy.MovementRequest.of(playerId, CURRENCY, 1_000, "seed", null), null)
                .get(30, TimeUnit.SECONDS);
        }

        @TearDown(Level.Iteration)
        public void close()
        {
            machine.close();
            try (Stream<Path> paths = Files.walk(dir))
            {
                for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.deleteIfExists(path);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * The baseline: balances in a concurrent map.
     */
    @State(Scope.Benchmark)
    public static class Baseline
    {
        final ConcurrentHashMap<String, Long> balances = new ConcurrentHashMap<>();
        final String key = "0190f2a4-0000-7000-8000-000000000001/" + CURRENCY;

        @Setup(Level.Iteration)
        public void seed()
        {
            balances.clear();
            balances.put(key, 1_000L);
        }
    }

    @Benchmark
    public long walletReadRoundTrip(final Machine m) throws Exception
    {
        return m.economy.walletBalance(m.playerId, CURRENCY).get();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long walletReadPipelined(final Machine m) throws Exception
    {
        for (int i = 0; i < BATCH; i++)
        {
            m.inFlight[i] = m.economy.walletBalance(m.playerId, CURRENCY);
        }
        long sum = 0;
        for (int i = 0; i < BATCH; i++)
        {
            sum += (Long)m.inFlight[i].get();
        }
        return sum;
    }

    @Benchmark
    public long grantRoundTrip(final Machine m) throws Exception
    {
        return m.economy.grant(m.grantOne, null).get().transaction().balanceAfter();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long grantPipelined(final Machine m) throws Exception
    {
        for (int i = 0; i < BATCH; i++)
        {
            m.inFlight[i] = m.economy.grant(m.grantOne, null);
        }
        long last = 0;
        for (int i = 0; i < BATCH; i++)
        {
            last = ((Economy.Movement)m.inFlight[i].get()).transaction().balanceAfter();
        }
        return last;
    }

    @Benchmark
    public Long baselineMapRead(final Baseline b)
    {
        return b.balances.get(b.key);
    }

    @Benchmark
    public Long baselineMapGrant(final Baseline b)
    {
        return b.balances.merge(b.key, 1L, Long::sum);
    }
}
