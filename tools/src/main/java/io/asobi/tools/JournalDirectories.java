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
 * The simulation journal directories of a data directory: every subdirectory of {@code D/simulations} (matches),
 * then of {@code D/worlds} (worlds, kind {@code ZONE}), each in natural order ({@code tick-2} before
 * {@code tick-10}), except what a start-up repair leaves ({@code <dir>-corrupt-<epochMs>} kept for forensics,
 * {@code <dir>.repair-<epochMs>} of an interrupted repair).
 */
final class JournalDirectories
{
    static final String SIMULATIONS = "simulations";
    static final String WORLDS = "worlds";

    private static final Pattern REPAIR_LEFTOVER = Pattern.compile(".*(-corrupt-|\\.repair-)\\d+");

    private JournalDirectories()
    {
    }

    /**
     * @param dataDir the server's data directory.
     * @return the journal directories, possibly none.
     * @throws IllegalArgumentException if neither {@code dataDir/simulations} nor {@code dataDir/worlds} is a
     *                                  directory.
     */
    static List<Path> list(final Path dataDir)
    {
        final Path simulations = dataDir.resolve(SIMULATIONS);
        final Path worlds = dataDir.resolve(WORLDS);
        if (!Files.isDirectory(simulations) && !Files.isDirectory(worlds))
        {
            throw new IllegalArgumentException("no simulation journals: " + simulations + " is not a directory (nor " +
                worlds + ")");
        }
        final List<Path> dirs = new java.util.ArrayList<>(children(simulations));
        dirs.addAll(children(worlds));
        return dirs;
    }

    private static List<Path> children(final Path parent)
    {
        if (!Files.isDirectory(parent))
        {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent))
        {
            return children
                .filter(Files::isDirectory)
                .filter(p -> !REPAIR_LEFTOVER.matcher(p.getFileName().toString()).matches())
                .filter(p -> !"quarantine".equals(p.getFileName().toString()))
                .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length())
                    .thenComparing(p -> p.getFileName().toString()))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + parent, ex);
        }
    }
}
