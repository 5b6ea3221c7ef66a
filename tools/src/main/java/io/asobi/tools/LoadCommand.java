package io.asobi.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code asobi load}: small load generators that speak the real protocol to a running server.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Drive a running server over the real protocol and report latencies.",
    subcommands = { HeartbeatLoad.class, MatchLoad.class, WorldLoad.class })
final class LoadCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
