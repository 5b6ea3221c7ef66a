package io.asobi.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code asobi bench}: stand-alone benchmarks that run in this process (not JMH), each next to its baselines.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "In-process benchmarks that print our component side by side with plain baselines.",
    subcommands = { JournalBench.class, ReplayBench.class })
final class BenchCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
