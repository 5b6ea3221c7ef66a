package io.asobi.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The simulation journal directories of a data directory: every subdirectory of {@code D/simulations}, in natural
 * order ({@code tick-2} before {@code tick-10}), except what a start-up repair leaves
 * ({@code <dir>-corrupt-<epochMs>} kept for forensics, {@code <dir>.repair-<epochMs>} of an interrupted repair).
 */
final class JournalDirectories
{
    static final String SIMULATIONS = "simulations";

    private static final Pattern REPAIR_LEFTOVER = Pattern.compile(".*(-corrupt-|\\.repair-)\\d+");

    private JournalDirectories()
    {
    }

    /**
     * @param dataDir the server's data directory.
     * @return the journal directories, possibly none.
     * @throws IllegalArgumentException if {@code dataDir/simulations} is not a directory.
     */
    static List<Path> list(final Path dataDir)
    {
        final Path simulations = dataDir.resolve(SIMULATIONS);
        if (!Files.isDirectory(simulations))
        {
            throw new IllegalArgumentException("no simulation journals: " + simulations + " is not a directory");
        }
        try (Stream<Path> children = Files.list(simulations))
        {
            return children
                .filter(Files::isDirectory)
                .filter(p -> !REPAIR_LEFTOVER.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length())
                    .thenComparing(p -> p.getFileName().toString()))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + simulations, ex);
        }
    }
}
