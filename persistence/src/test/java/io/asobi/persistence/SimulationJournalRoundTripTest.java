package io.asobi.persistence;

import io.asobi.sbe.journal.SimulationKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random simulations, ticks and inputs written with a {@link SimulationJournal} read back identical, with contiguous
 * sequences and one Chronicle document per tick.
 */
class SimulationJournalRoundTripTest
{
    record In(long sourceId, int inputType, byte[] payload)
    {
    }

    record Tick(int simulation, int tickStep, long stateHash, List<In> inputs)
    {
    }

    @Provide
    Arbitrary<List<Tick>> ticks()
    {
        final Arbitrary<In> input = Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(In::new);
        return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(1, 3),
            Arbitraries.longs(),
            input.list().ofMaxSize(6)).as(Tick::new).list().ofMaxSize(40);
    }

    @Property(tries = 40)
    void shouldReadBackWhatWasWritten(@ForAll("ticks") final List<Tick> ticks) throws IOException
    {
        final Path dir = Files.createTempDirectory("sim-journal");
        try
        {
            final List<String> expected = new ArrayList<>();
            final UnsafeBuffer src = new UnsafeBuffer(new byte[512]);
            final long[] lastTick = { -1, -1, -1 };
            final long[] nextSequence = new long[3];
            try (SimulationJournal journal = SimulationJournal.open(new SimulationJournal.Context().dir(dir)))
            {
                for (int s = 0; s < 3; s++)
                {
                    final SimulationKind kind = 0 == s % 2 ? SimulationKind.MATCH : SimulationKind.ZONE;
                    journal.started(100 + s, kind, "name-" + s, "mode-\u00e9" + s, s * 11L, 10 + s, s * 7L, s);
                    expected.add("started " + (100 + s) + " " + kind + " name-" + s + " mode-\u00e9" + s +
                        " seed=" + s * 11L + " rate=" + (10 + s) + " code=" + s * 7L + " at=" + s);
                }
                for (final Tick tick : ticks)
                {
                    final int s = tick.simulation();
                    final long simulationId = 100 + s;
                    lastTick[s] += tick.tickStep();
                    journal.beginTick(simulationId, lastTick[s]);
                    for (final In in : tick.inputs())
                    {
                        src.putBytes(7, in.payload());
                        assertThat(journal.input(in.sourceId(), in.inputType(), src, 7, in.payload().length))
                            .isEqualTo(nextSequence[s]);
                        expected.add("input " + simulationId + " tick=" + lastTick[s] + " seq=" + nextSequence[s] +
                            " source=" + in.sourceId() + " type=" + in.inputType() + " " + hex(in.payload()));
                        nextSequence[s]++;
                    }
                    journal.endTick(tick.stateHash());
                    expected.add("end " + simulationId + " tick=" + lastTick[s] + " inputs=" + tick.inputs().size() +
                        " hash=" + tick.stateHash());
                }
            }

            final List<String> actual = new ArrayList<>();
            final List<SimulationSummary> summaries;
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                assertThat(reader.read(new HexHandler(actual))).isEqualTo(3 + ticks.size());
                summaries = reader.simulations();
            }
            assertThat(actual).isEqualTo(expected);

            try (Journal raw = Journal.open(new Journal.Context().dir(dir).readOnly(true)))
            {
                assertThat(raw.replay((index, buffer, offset, length) -> { })).isEqualTo(3 + ticks.size());
            }

            final Map<Integer, Long> ticksPerSimulation = new HashMap<>();
            ticks.forEach(t -> ticksPerSimulation.merge(t.simulation(), 1L, Long::sum));
            assertThat(summaries).hasSize(3);
            for (int s = 0; s < 3; s++)
            {
                final SimulationSummary summary = summaries.get(s);
                final long tickCount = ticksPerSimulation.getOrDefault(s, 0L);
                assertThat(summary.simulationId()).isEqualTo(100 + s);
                assertThat(summary.name()).isEqualTo("name-" + s);
                assertThat(summary.tickCount()).isEqualTo(tickCount);
                assertThat(summary.inputCount()).isEqualTo(nextSequence[s]);
                assertThat(summary.lastTick()).isEqualTo(tickCount > 0 ? lastTick[s] : -1);
                assertThat(summary.complete()).isEqualTo(tickCount > 0);
            }
        }
        finally
        {
            delete(dir);
        }
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static void delete(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class HexHandler implements SimulationRecordHandler
    {
        private final List<String> lines;
        private final SimulationJournalTest.RecordingHandler text;

        HexHandler(final List<String> lines)
        {
            this.lines = lines;
            this.text = new SimulationJournalTest.RecordingHandler(lines);
        }

        @Override
        public void onStarted(
            final long index,
            final long simulationId,
            final SimulationKind kind,
            final String name,
            final String mode,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs)
        {
            text.onStarted(index, simulationId, kind, name, mode, rngSeed, tickRateHz, codeHash, startEpochMs);
        }

        @Override
        public void onInput(
            final long index,
            final long simulationId,
            final long tick,
            final long sequence,
            final long sourceId,
            final int inputType,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            final byte[] bytes = new byte[length];
            payload.getBytes(offset, bytes);
            lines.add("input " + simulationId + " tick=" + tick + " seq=" + sequence + " source=" + sourceId +
                " type=" + inputType + " " + hex(bytes));
        }

        @Override
        public void onTickEnd(
            final long index, final long simulationId, final long tick, final int inputCount, final long stateHash)
        {
            text.onTickEnd(index, simulationId, tick, inputCount, stateHash);
        }
    }
}
