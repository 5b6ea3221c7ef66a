package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonGenerator;
import io.asobi.match.GameMode;
import org.agrona.concurrent.CachedNanoClock;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Helpers shared by the Lua tests: write scripts into a temporary game directory, load modes, start matches, read
 * their state as JSON.
 */
final class LuaTestSupport
{
    private LuaTestSupport()
    {
    }

    /**
     * Write a file (creating directories), giving it a modification time later than any it had, so hot reload sees
     * the change even within one file-system timestamp tick.
     */
    static Path write(final Path dir, final String relative, final String content)
    {
        try
        {
            final Path path = dir.resolve(relative);
            Files.createDirectories(path.getParent());
            final FileTime before = Files.exists(path) ? Files.getLastModifiedTime(path) : null;
            Files.writeString(path, content, StandardCharsets.UTF_8);
            if (null != before && Files.getLastModifiedTime(path).compareTo(before) <= 0)
            {
                Files.setLastModifiedTime(path, FileTime.fromMillis(before.toMillis() + 1000));
            }
            return path;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Copy a directory of test resources ({@code src/test/resources/lua/<name>}) into {@code dir}. */
    static void copyResources(final String name, final Path dir)
    {
        try
        {
            final Path source = Path.of(LuaTestSupport.class.getResource("/lua/" + name).toURI());
            try (Stream<Path> files = Files.walk(source))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    final Path target = dir.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file))
                    {
                        Files.createDirectories(target);
                    }
                    else
                    {
                        Files.copy(file, target);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static LuaGameModes.Context context(final Path dir, final CachedNanoClock clock)
    {
        return new LuaGameModes.Context().gameDir(dir).nanoClock(clock);
    }

    static LuaGameModes load(final Path dir)
    {
        return LuaGameModes.load(context(dir, new CachedNanoClock()));
    }

    /** A started match of {@code mode}. */
    static LuaMatchLogic start(final GameMode mode, final FakeMatchContext ctx)
    {
        final LuaMatchLogic logic = (LuaMatchLogic)mode.newMatch();
        logic.init(ctx);
        return logic;
    }

    static FakeMatchContext context(final GameMode mode, final long seed)
    {
        return new FakeMatchContext("match-1", mode.config(), seed);
    }

    /** The match.state payload for {@code playerId} (null for shared) as JSON text. */
    static String state(final LuaMatchLogic logic, final String playerId)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = LuaJson.FACTORY.createGenerator(out))
        {
            logic.writeState(playerId, generator);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] json(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void input(final LuaMatchLogic logic, final String playerId, final String json)
    {
        final byte[] bytes = json(json);
        logic.handleInput(playerId, bytes, 0, bytes.length);
    }

    /** Evaluate a chunk in a fresh sandbox (no game table) under a generous budget; returns its first result. */
    static LuaValue eval(final String chunk)
    {
        final InstructionBudget budget = new InstructionBudget();
        final Globals globals = LuaSandbox.newGlobals(budget, new DeterministicRandom(1));
        budget.arm(10_000_000);
        try
        {
            final Prototype prototype = LuaC.instance.compile(
                new ByteArrayInputStream(chunk.getBytes(StandardCharsets.UTF_8)), "test");
            return new LuaClosure(prototype, globals).call();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            budget.disarm();
        }
    }
}
