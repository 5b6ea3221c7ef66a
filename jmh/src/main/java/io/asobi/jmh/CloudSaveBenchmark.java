package io.asobi.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.metagame.CloudSave;
import io.asobi.metagame.CloudSaves;
import io.asobi.metagame.MetagameStateMachine;
import io.asobi.persistence.Journal;
import org.agrona.concurrent.UnsafeBuffer;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cloud save round trips through the journaled metagame writer, one caller thread: {@code put} (validate and encode
 * on the caller, queue, check the version on the writer, journal the {@code SaveWritten} record, apply it, answer)
 * and {@code get} (queue a read, answer), for a small and a large document. Baseline: {@code journalAppend}, the
 * bare Chronicle Queue append of a record of the same size (the floor a durable write cannot go under); the
 * difference is the queue hand-off, the JSON encoding and the state update.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class CloudSaveBenchmark
{
    /**
     * A running state machine with one player and one slot, and a bare journal for the baseline.
     */
    @State(Scope.Benchmark)
    public static class Machine
    {
        @Param({"1024", "16384"})
        public int documentBytes;

        Path dir;
        MetagameStateMachine machine;
        CloudSaves saves;
        String playerId;
        JsonNode document;
        Journal journal;
        UnsafeBuffer record;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            dir = Files.createTempDirectory("cloud-save-bench");
            machine = MetagameStateMachine.launch(new MetagameStateMachine.Context()
                .dataDir(dir.resolve("metagame"))
                .argon2MemoryKiB(64)
                .argon2Iterations(1)
                .hashThreads(1));
            machine.ready().get(30, TimeUnit.SECONDS);
            playerId = machine.register("bench_player", "bench-password", null).get(30, TimeUnit.SECONDS).playerId();
            saves = machine.cloudSaves();

            final ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("level", 12).put("blob", "x".repeat(Math.max(0, documentBytes - 32)));
            document = doc;
            saves.put(playerId, "main", document, CloudSaves.ANY_VERSION).get(30, TimeUnit.SECONDS);

            journal = Journal.open(new Journal.Context().dir(dir.resolve("baseline")));
            record = new UnsafeBuffer(doc.toString().getBytes(StandardCharsets.UTF_8));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            machine.close();
            journal.close();
            try (Stream<Path> paths = Files.walk(dir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach(path ->
                {
                    try
                    {
                        Files.deleteIfExists(path);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
        }
    }

    @Benchmark
    public CloudSave put(final Machine m) throws Exception
    {
        return m.saves.put(m.playerId, "main", m.document, CloudSaves.ANY_VERSION).get();
    }

    @Benchmark
    public CloudSave get(final Machine m) throws Exception
    {
        return m.saves.get(m.playerId, "main").get();
    }

    @Benchmark
    public long journalAppend(final Machine m)
    {
        return m.journal.append(m.record, 0, m.record.capacity());
    }
}
