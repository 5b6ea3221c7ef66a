package io.asobi.match.lua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The game directory and the rules for naming a script in it: a relative path that stays inside the directory and
 * crosses no symbolic link (the directory itself may be one, as a mounted {@code /app/game} often is).
 * <p>
 * <b>Note:</b> immutable, thread safe.
 */
final class GameDir
{
    private final Path root;

    /**
     * @param dir the game directory; must exist.
     * @throws IllegalArgumentException if it is not a readable directory.
     */
    GameDir(final Path dir)
    {
        try
        {
            root = dir.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("game directory " + dir + " cannot be read: " + ex, ex);
        }
        if (!Files.isDirectory(root))
        {
            throw new IllegalArgumentException("game directory " + dir + " is not a directory");
        }
    }

    /**
     * The directory, as a real path.
     *
     * @return the root all scripts resolve against.
     */
    Path root()
    {
        return root;
    }

    /**
     * Resolve a script named relative to the game directory, checking the rules.
     *
     * @param relative path such as {@code "modes/arena.lua"}.
     * @return the absolute, normalised path of an existing regular file.
     * @throws IllegalArgumentException saying which rule it breaks.
     */
    Path resolve(final String relative)
    {
        if (null == relative || relative.isEmpty())
        {
            throw new IllegalArgumentException("empty script path");
        }
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0)
        {
            throw new IllegalArgumentException("\"" + relative + "\": invalid character in script path");
        }
        final Path path;
        try
        {
            path = root.getFileSystem().getPath(relative);
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException("\"" + relative + "\": invalid script path", ex);
        }
        if (path.isAbsolute() || relative.startsWith("/"))
        {
            throw new IllegalArgumentException("\"" + relative + "\": absolute paths are not allowed");
        }
        for (final Path name : path)
        {
            if ("..".equals(name.toString()))
            {
                throw new IllegalArgumentException("\"" + relative + "\": escapes the game directory");
            }
        }
        final Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root))
        {
            throw new IllegalArgumentException("\"" + relative + "\": escapes the game directory");
        }
        Path at = root;
        for (final Path name : root.relativize(resolved))
        {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at))
            {
                throw new IllegalArgumentException(
                    "\"" + relative + "\": symbolic links are not allowed (" + name(at) + ")");
            }
        }
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS))
        {
            throw new IllegalArgumentException("\"" + relative + "\": no such file in the game directory");
        }
        if (!Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS))
        {
            throw new IllegalArgumentException("\"" + relative + "\": not a regular file");
        }
        return resolved;
    }

    /**
     * Name of a file inside the game directory as scripts and messages show it.
     *
     * @param path absolute path under the root.
     * @return relative path with {@code /} separators.
     */
    String name(final Path path)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Path name : root.relativize(path))
        {
            if (!sb.isEmpty())
            {
                sb.append('/');
            }
            sb.append(name);
        }
        return sb.toString();
    }

    /**
     * Modification time and size of a file, without following a link.
     *
     * @param path file to look at.
     * @return its stat, or {@link FileStat#MISSING} if it cannot be read.
     */
    static FileStat stat(final Path path)
    {
        try
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new FileStat(
                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(), attributes.isSymbolicLink());
        }
        catch (final IOException ex)
        {
            return FileStat.MISSING;
        }
    }

    /**
     * What hot reload compares: modification time, size, and whether the name became a link.
     *
     * @param modifiedNs last modification time in nanoseconds since the epoch.
     * @param sizeBytes  file size.
     * @param isLink     true if the name is now a symbolic link.
     */
    record FileStat(long modifiedNs, long sizeBytes, boolean isLink)
    {
        /** A file that does not exist or cannot be read. */
        static final FileStat MISSING = new FileStat(Long.MIN_VALUE, -1, false);
    }
}
