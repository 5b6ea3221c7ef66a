package io.asobi.server;

import io.asobi.client.AsobiClient;
import io.asobi.client.RealtimeConnection;
import io.asobi.client.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real server on an ephemeral loopback port with a temp data dir and a temp copy of a game dir, plus a client.
 * Argon2id runs at a low cost so that tests register quickly (one test checks the default cost separately).
 */
final class TestServer implements AutoCloseable
{
    private static final AtomicInteger USER_SEQ = new AtomicInteger();

    final Path gameDir;
    final Path dataDir;
    final AsobiServer server;
    final AsobiClient client;

    TestServer(final Path gameDir, final Path dataDir, final AsobiServer server)
    {
        this.gameDir = gameDir;
        this.dataDir = dataDir;
        this.server = server;
        this.client = new AsobiClient(URI.create(
            "http://" + server.address().getHostString() + ":" + server.address().getPort()));
    }

    /** The e2e game dir: the SDK smoke's demo mode (from examples/sdk-demo) and the test modes. */
    static TestServer e2e(final Path tempDir)
    {
        return start(e2eGameDir(tempDir.resolve("game")), tempDir.resolve("data"));
    }

    /** The operator secret every test server is started with (bearer token of {@code /api/v1/ops/*}). */
    static final String OPS_SECRET = "test-operator-secret-0123456789";

    /** A copy of the e2e modes plus examples/sdk-demo/demo.lua, the mode every Asobi SDK smoke test uses. */
    static Path e2eGameDir(final Path target)
    {
        copyOf(resourceDir("/games/e2e"), target);
        try
        {
            Files.copy(Path.of("../examples/sdk-demo/demo.lua"), target.resolve("demo.lua"),
                StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return target;
    }

    /** The hot-reload demo shipped in examples/. */
    static TestServer hotReloadDemo(final Path tempDir)
    {
        return start(copyOf(Path.of("../examples/hotreload-demo/lua"), tempDir.resolve("game")),
            tempDir.resolve("data"));
    }

    static TestServer start(final Path gameDir, final Path dataDir)
    {
        return new TestServer(gameDir, dataDir, AsobiServer.launch(context(gameDir, dataDir)));
    }

    static ServerContext context(final Path gameDir, final Path dataDir)
    {
        return new ServerContext()
            .host("127.0.0.1")
            .port(0)
            .gameDir(gameDir)
            .dataDir(dataDir)
            .wsIdleAuthTimeoutMs(1_500)
            .modeWatchIntervalMs(200)
            .argon2MemoryKiB(64)
            .argon2Iterations(1)
            .opsSecret(OPS_SECRET)
            .httpRateLimits(false); // tests register many players at once; HttpRateLimitsTest turns them on
    }

    /** The password of every {@link #newPlayer()}. */
    static final String PASSWORD = "e2e-password-1";

    /** Register a fresh player. */
    Session newPlayer()
    {
        return client.register("e2e_" + ProcessHandle.current().pid() + "_" + USER_SEQ.incrementAndGet(), PASSWORD);
    }

    /** Register a fresh player and connect it. */
    RealtimeConnection connected(final Session player)
    {
        return client.connect(player.accessToken());
    }

    @Override
    public void close()
    {
        server.close();
    }

    static Path resourceDir(final String name)
    {
        try
        {
            return Path.of(TestServer.class.getResource(name).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static Path copyOf(final Path source, final Path target)
    {
        try (Stream<Path> files = Files.walk(source))
        {
            for (final Path from : (Iterable<Path>)files::iterator)
            {
                final Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from))
                {
                    Files.createDirectories(to);
                }
                else
                {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
