package io.asobi.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code asobi journal}: read the simulation journals of a data directory ({@code D/simulations/tick-N}).
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Inspect the simulation journals in <data-dir>/simulations.",
    subcommands = { JournalLsCommand.class, JournalCatCommand.class })
final class JournalCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
