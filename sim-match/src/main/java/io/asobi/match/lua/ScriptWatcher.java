package io.asobi.match.lua;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one VM's code came from (its main script and the modules it required) with the stat each had when it
 * was read: hot reload asks {@link #hasChanged()} and re-runs the main script when the answer is yes.
 * <p>
 * <b>Note:</b> single-threaded.
 */
final class ScriptWatcher
{
    private final ArrayList<Path> paths = new ArrayList<>();
    private final ArrayList<GameDir.FileStat> stats = new ArrayList<>();

    /**
     * Watch a file from now on (again, if already watched, with the new stat).
     *
     * @param path file that was read.
     * @param stat its stat taken before it was read.
     */
    void track(final Path path, final GameDir.FileStat stat)
    {
        final int index = paths.indexOf(path);
        if (index >= 0)
        {
            stats.set(index, stat);
        }
        else
        {
            paths.add(path);
            stats.add(stat);
        }
    }

    /**
     * Whether any watched file's stat differs from the recorded one (a file that disappeared counts).
     *
     * @return true if the code should be reloaded.
     */
    boolean hasChanged()
    {
        for (int i = 0, n = paths.size(); i < n; i++)
        {
            if (!stats.get(i).equals(GameDir.stat(paths.get(i))))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Record every watched file's current stat, so an edit that failed to load is not retried until the next edit.
     */
    void acceptCurrent()
    {
        for (int i = 0, n = paths.size(); i < n; i++)
        {
            stats.set(i, GameDir.stat(paths.get(i)));
        }
    }

    /**
     * Forget every file.
     */
    void clear()
    {
        paths.clear();
        stats.clear();
    }

    /**
     * Take the content of another watcher.
     *
     * @param other watcher to copy.
     */
    void copyFrom(final ScriptWatcher other)
    {
        paths.clear();
        stats.clear();
        paths.addAll(other.paths);
        stats.addAll(other.stats);
    }

    /**
     * The watched files.
     *
     * @return a copy, in the order they were first read.
     */
    List<Path> paths()
    {
        return List.copyOf(paths);
    }
}
