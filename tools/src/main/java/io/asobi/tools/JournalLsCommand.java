package io.asobi.tools;

import io.asobi.persistence.SimulationJournalReader;
import io.asobi.persistence.SimulationSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code asobi journal ls}: one line per simulation found in the journals, in each directory's start order.
 * Exit code 1 when a journal is missing or corrupt (the error names the directory and document index).
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List the simulations in the journals: name, mode, kind, ticks, inputs, completeness.")
final class JournalLsCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "The server's data directory.")
    Path dataDir;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
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
            try (SimulationJournalReader reader = SimulationJournalReader.open(dir))
            {
                for (final SimulationSummary s : reader.simulations())
                {
                    out.println(line(dir.getFileName().toString(), s));
                }
            }
            catch (final RuntimeException ex)
            {
                err.println("error: " + dir.getFileName() + ": " + ex.getMessage());
                exitCode = 1;
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    static String line(final String dirName, final SimulationSummary s)
    {
        final String ticks = 0 == s.tickCount() ? "none" :
            s.firstTick() + ".." + s.lastTick() + " (" + s.tickCount() + ")";
        return (s.name().isEmpty() ? "-" : s.name()) +
            " mode=" + s.mode() +
            " kind=" + s.kind().name().toLowerCase(Locale.ROOT) +
            " id=" + s.simulationId() +
            " ticks " + ticks +
            " inputs=" + s.inputCount() +
            " " + (s.complete() ? "complete" : "incomplete") +
            " dir=" + dirName;
    }
}
