package io.asobi.tools;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Benchmark B10: the command journal. Ours ({@link io.asobi.persistence.Journal}, Chronicle Queue) against a plain
 * {@code FileChannel} appender and a {@code MappedByteBuffer} appender, one after the other in this process with the
 * same records: paced append latency, burst throughput, checked replay throughput. Exits 1 if any replay check fails.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "B10: journal append latency at a fixed rate, burst and replay throughput, vs FileChannel and "
        + "MappedByteBuffer appenders.")
final class JournalBench implements Callable<Integer>
{
    static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    static final long MAX_RATE_HZ = 50_000_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "100000", description = "Offered appends per second (default ${DEFAULT-VALUE}).")
    long rateHz;

    @Option(names = "--seconds", defaultValue = "20", description = "Paced appends recorded (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "Paced appends not recorded (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--payload-bytes", defaultValue = "64", description = "Bytes per record (default ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--burst-messages", defaultValue = "2000000",
        description = "Appends in the unpaced burst (default ${DEFAULT-VALUE}).")
    long burstMessages;

    @Option(names = "--dir", description = "Parent of the temporary journal directory (default: the system temp dir).")
    Path dir;

    @Override
    public Integer call()
    {
        validate();
        final JournalBenchRunner.Settings settings = new JournalBenchRunner.Settings(
            rateHz, rateHz * warmupSeconds, rateHz * seconds, burstMessages, payloadBytes);
        final PrintStream out = System.out;
        out.printf("B10 journal: %d B records, %d msg/s offered for %d s (+%d s warm-up), burst %d, " +
            "Java %s, %d CPUs, load average %.2f%n", payloadBytes, rateHz, seconds, warmupSeconds, burstMessages,
            Runtime.version(), Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        final Path work = createWorkDir();
        final List<JournalBenchResult> results = new ArrayList<>();
        try
        {
            for (final JournalBenchAppender.Kind kind : JournalBenchAppender.Kind.values())
            {
                final Path kindDir = work.resolve(kind.name().toLowerCase());
                createDir(kindDir);
                out.printf("running %s ...%n", kind.label());
                out.flush();
                results.add(JournalBenchRunner.run(kind, kindDir, settings));
                deleteRecursively(kindDir);
            }
        }
        finally
        {
            deleteRecursively(work);
        }

        print(out, results);
        return results.stream().allMatch(JournalBenchResult::replayOk) ? 0 : 1;
    }

    private void validate()
    {
        final CommandLine cl = spec.commandLine();
        if (rateHz < 1 || rateHz > MAX_RATE_HZ)
        {
            throw new CommandLine.ParameterException(cl, "--rate must be in 1.." + MAX_RATE_HZ + ": " + rateHz);
        }
        if (seconds < 1 || seconds > 3600)
        {
            throw new CommandLine.ParameterException(cl, "--seconds must be in 1..3600: " + seconds);
        }
        if (warmupSeconds < 0 || warmupSeconds > 3600)
        {
            throw new CommandLine.ParameterException(cl, "--warmup-seconds must be in 0..3600: " + warmupSeconds);
        }
        if (payloadBytes < 1 || payloadBytes > MAX_PAYLOAD_BYTES)
        {
            throw new CommandLine.ParameterException(cl,
                "--payload-bytes must be in 1.." + MAX_PAYLOAD_BYTES + ": " + payloadBytes);
        }
        if (burstMessages < 1 || burstMessages > 1_000_000_000L)
        {
            throw new CommandLine.ParameterException(cl, "--burst-messages must be in 1..1000000000: " + burstMessages);
        }
        if (null != dir && !Files.isDirectory(dir))
        {
            throw new CommandLine.ParameterException(cl, "--dir is not a directory: " + dir);
        }
    }

    private Path createWorkDir()
    {
        try
        {
            return null == dir ?
                Files.createTempDirectory("asobi-bench-journal-") :
                Files.createTempDirectory(dir, "asobi-bench-journal-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary directory", ex);
        }
    }

    static void print(final PrintStream out, final List<JournalBenchResult> results)
    {
        out.printf("%-26s | %8s %8s %8s %8s %9s | %9s | %10s | %10s | %s%n", "appender", "p50 us", "p90 us",
            "p99 us", "p99.9 us", "max us", "paced/s", "burst M/s", "replay M/s", "replay check");
        for (final JournalBenchResult r : results)
        {
            final Histogram h = r.latencyNs();
            out.printf("%-26s | %8.2f %8.2f %8.2f %8.2f %9.1f | %9.0f | %10.2f | %10.2f | %s%n", r.kind().label(),
                us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), r.achievedRateHz(),
                r.burstMsgsPerSec() / 1e6, r.replayMsgsPerSec() / 1e6, check(r));
        }
        if (results.size() == JournalBenchAppender.Kind.values().length)
        {
            final JournalBenchResult ours = results.get(0);
            for (final JournalBenchResult peer : results.subList(1, results.size()))
            {
                out.printf("ratio ours / %s: p99 %.2fx, p99.9 %.2fx (lower is better); burst %.2fx, replay %.2fx " +
                    "(higher is better)%n", peer.kind().label(),
                    ratio(ours.latencyNs().getValueAtPercentile(99), peer.latencyNs().getValueAtPercentile(99)),
                    ratio(ours.latencyNs().getValueAtPercentile(99.9), peer.latencyNs().getValueAtPercentile(99.9)),
                    ratio(ours.burstMsgsPerSec(), peer.burstMsgsPerSec()),
                    ratio(ours.replayMsgsPerSec(), peer.replayMsgsPerSec()));
            }
        }
        out.println("latency: scheduled time to end of append (no coordinated omission); no appender forces to disk");
    }

    private static String check(final JournalBenchResult r)
    {
        if (r.replayOk())
        {
            return "ok (" + r.replayed() + " records, checksum matches)";
        }
        if (null != r.error())
        {
            return "FAILED: " + r.error();
        }
        return "FAILED: " + r.replayed() + " of " + r.written() + " records, checksum " +
            (r.checksumOk() ? "matches" : "differs");
    }

    private static double us(final long ns)
    {
        return ns / 1e3;
    }

    private static double ratio(final double a, final double b)
    {
        return 0 == b ? Double.NaN : a / b;
    }

    private static void createDir(final Path path)
    {
        try
        {
            Files.createDirectory(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + path, ex);
        }
    }

    static void deleteRecursively(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + root, ex);
        }
    }
}
