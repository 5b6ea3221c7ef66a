package io.asobi.jmh;

import io.asobi.metagame.MetagameStateMachine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * Register and login latency (issue 5) through the journaled metagame state machine, at a stated Argon2id cost
 * (default OWASP's m = 19 MiB, t = 2, p = 1), next to its floor: one bare Argon2id derivation with the same
 * parameters (Bouncy Castle), which is what a register or a login must pay at least. Sample mode: read p50/p99
 * from the percentiles. The difference between a row and the baseline is the state machine's own cost (queue
 * hops, the journal append, token generation).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(1)
@State(Scope.Benchmark)
public class AccountsBenchmark
{
    private static final String PASSWORD = "benchmark-password";

    /** Argon2id memory cost in KiB. */
    @Param({ "19456" })
    public int memoryKiB;

    /** Argon2id iterations. */
    @Param({ "2" })
    public int iterations;

    private Path dir;
    private MetagameStateMachine machine;
    private long nextUser;
    private final byte[] salt = new byte[16];
    private final byte[] hash = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        dir = Files.createTempDirectory("accounts-bench");
        machine = MetagameStateMachine.launch(new MetagameStateMachine.Context()
            .dataDir(dir)
            .argon2MemoryKiB(memoryKiB)
            .argon2Iterations(iterations));
        machine.ready().join();
        machine.register("bench_login", PASSWORD, null).join();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        machine.close();
        try (var paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }

    /** A new account: validation, one Argon2id hash, the journaled record, a token pair. */
    @Benchmark
    public Object register()
    {
        return machine.register("bench_" + nextUser++, PASSWORD, null).join();
    }

    /** A password sign-in: one Argon2id verification, the journaled record, a token pair. */
    @Benchmark
    public Object login()
    {
        return machine.login("bench_login", PASSWORD).join();
    }

    /** The floor: one bare Argon2id derivation with the same parameters. */
    @Benchmark
    public byte[] argon2idBaseline()
    {
        final Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(1)
            .withSalt(salt)
            .build());
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
