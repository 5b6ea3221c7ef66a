package io.asobi.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code asobi} command line ({@code bin/asobi}): {@code serve} runs a node, {@code load} drives one.
 */
@Command(
    name = "asobi",
    mixinStandardHelpOptions = true,
    versionProvider = Asobi.Version.class,
    description = "Asobi JVM: a multiplayer game backend.",
    subcommands = { ServeCommand.class, LoadCommand.class, JournalCommand.class, ReplayCommand.class, BenchCommand.class })
public final class Asobi implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Asobi()).execute(args));
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String v = Asobi.class.getPackage().getImplementationVersion();
            return new String[]{ "asobi " + (null == v ? "dev" : v) + " on Java " + Runtime.version() };
        }
    }
}
