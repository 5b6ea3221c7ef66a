package io.asobi.tools;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationRecordHandler;
import io.asobi.sbe.journal.SimulationKind;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code asobi journal cat}: the records of the journals, one per line, in journal order:
 * <pre>
 * started simulation 7 name match-7 mode arena kind match seed 42 rate 30Hz code 0x... at 2026-...Z
 * tick 42 input #17 source 3 type 2 {"move_x":1}
 * tick 42 end inputs=2 hash=0x...
 * snapshot tick 42 next input #18 bytes 150000 in 3 chunks checksum ok payload v3 code 0x... app 1.2.3 at ...Z
 * ended tick 99 reason finished at 2026-...Z
 * </pre>
 * Without {@code --simulation} or {@code --name} every line starts with {@code sim <id> }. Payloads that are valid
 * UTF-8 JSON print as text, others as {@code hex:...}. Exit code 1 when a journal is missing or corrupt; the
 * records before the bad document are printed.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
    description = "Print journal records readably, one per line: starts, inputs, tick ends, snapshots, ends.")
final class JournalCatCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "The server's data directory.")
    Path dataDir;

    @Option(names = "--simulation", paramLabel = "ID", description = "Only this simulation id.")
    Long simulationId;

    @Option(names = "--name", paramLabel = "NAME", description = "Only simulations with this name (match id, zone).")
    String name;

    @Option(names = "--from-tick", paramLabel = "N", description = "Only ticks from N (inclusive).")
    long fromTick = Long.MIN_VALUE;

    @Option(names = "--to-tick", paramLabel = "N", description = "Only ticks up to N (inclusive).")
    long toTick = Long.MAX_VALUE;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null != simulationId && null != name)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--simulation and --name exclude each other");
        }
        if (fromTick > toTick)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--from-tick " + fromTick + " is after --to-tick " + toTick);
        }
        final List<Path> dirs;
        try
        {
            dirs = JournalDirectories.list(dataDir);
        }
        catch (final RuntimeException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }

        int exitCode = 0;
        for (final Path dir : dirs)
        {
            // simulation ids are per directory kind: a new printer per directory keeps selections apart
            final boolean isWorlds = JournalDirectories.WORLDS.equals(dir.getParent().getFileName().toString());
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                reader.read(new Printer(out, isWorlds));
            }
            catch (final RuntimeException ex)
            {
                out.flush();
                err.println("error: " + dir.getFileName() + ": " + ex.getMessage());
                exitCode = 1;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private final class Printer implements SimulationRecordHandler
    {
        private final PrintWriter out;
        private final LongHashSet selected = new LongHashSet();
        private final JournalPayloadFormat payloadFormat = new JournalPayloadFormat();
        private final boolean prefix = null == simulationId && null == name;
        private final boolean isWorlds;

        Printer(final PrintWriter out, final boolean isWorlds)
        {
            this.out = out;
            this.isWorlds = isWorlds;
        }

        @Override
        public void onStarted(
            final long index,
            final long id,
            final SimulationKind kind,
            final String simulationName,
            final String mode,
            final long rngSeed,
            final int tickRateHz,
            final long codeHash,
            final long startEpochMs)
        {
            final boolean isSelected = (null == simulationId || simulationId == id) &&
                (null == name || name.equals(simulationName));
            if (isSelected)
            {
                selected.add(id);
                out.println(prefix(id) + "started simulation " + id +
                    " name " + (simulationName.isEmpty() ? "-" : simulationName) +
                    " mode " + mode +
                    " kind " + kind.name().toLowerCase(Locale.ROOT) +
                    " seed " + rngSeed +
                    " rate " + tickRateHz + "Hz" +
                    " code 0x" + hex16(codeHash) +
                    " at " + Instant.ofEpochMilli(startEpochMs));
            }
            else
            {
                selected.remove(id);
            }
        }

        @Override
        public void onSnapshot(
            final long index,
            final long id,
            final long tick,
            final long nextSequence,
            final long codeHash,
            final int payloadVersion,
            final String appVersion,
            final long createdEpochMs,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            if (isSelected(id) && tick >= fromTick && tick <= toTick)
            {
                // The reader hands on only snapshots whose chunks and CRC32C checked out.
                final long chunks = (length + 65_533L) / 65_534L;
                out.println(prefix(id) + "snapshot tick " + tick +
                    " next input #" + nextSequence +
                    " bytes " + length + " in " + chunks + (1 == chunks ? " chunk" : " chunks") +
                    " checksum ok" +
                    " payload v" + payloadVersion +
                    " code 0x" + hex16(codeHash) +
                    " app " + (appVersion.isEmpty() ? "-" : appVersion) +
                    " at " + Instant.ofEpochMilli(createdEpochMs));
            }
        }

        @Override
        public void onEnded(
            final long index, final long id, final long tick, final String reason, final long endEpochMs)
        {
            if (isSelected(id) && tick >= fromTick && tick <= toTick)
            {
                out.println(prefix(id) + "ended tick " + tick + " reason " + (reason.isEmpty() ? "-" : reason) +
                    " at " + Instant.ofEpochMilli(endEpochMs));
            }
        }

        /** Selected by --simulation or --name; with neither every simulation, even one whose start was deleted. */
        private boolean isSelected(final long id)
        {
            return selected.contains(id) || (null == name && (null == simulationId || simulationId == id));
        }

        @Override
        public void onInput(
            final long index,
            final long id,
            final long tick,
            final long sequence,
            final long sourceId,
            final int inputType,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            if (isSelected(id) && tick >= fromTick && tick <= toTick)
            {
                out.println(prefix(id) + "tick " + tick + " input #" + sequence + " source " + sourceId +
                    " type " + inputType + " " + (isWorlds ?
                    io.asobi.world.WorldReplay.describeRecord(inputType, payload, offset, length) :
                    payloadFormat.formatMatchRecord(inputType, payload, offset, length)));
            }
        }

        @Override
        public void onTickEnd(
            final long index, final long id, final long tick, final int inputCount, final long stateHash)
        {
            if (isSelected(id) && tick >= fromTick && tick <= toTick)
            {
                out.println(prefix(id) + "tick " + tick + " end inputs=" + inputCount + " hash=0x" + hex16(stateHash));
            }
        }

        private String prefix(final long id)
        {
            return prefix ? "sim " + id + " " : "";
        }
    }

    private static String hex16(final long value)
    {
        final String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
