package io.asobi.tools;

import io.asobi.server.AsobiServer;
import io.asobi.server.ServerContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code asobi serve}: one node, HTTP and WebSocket on one port, until Ctrl-C (or SIGTERM), then a clean shutdown.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run a server: REST under /api/v1, WebSocket on /ws, the demo page on /.")
final class ServeCommand implements Callable<Integer>
{
    @Option(names = "--host", defaultValue = ServerContext.HOST_DEFAULT, description = "Listen host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Listen port, 0 for any free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--game-dir", defaultValue = "examples/hotreload-demo/lua",
        description = "Directory with config.lua or match.lua (default ${DEFAULT-VALUE}).")
    Path gameDir;

    @Option(names = "--data-dir", defaultValue = "asobi-data",
        description = "Directory for the journal; created if missing (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--tick-threads", defaultValue = "1", description = "Tick threads hosting matches (default ${DEFAULT-VALUE}).")
    int tickThreads;

    @Option(names = "--world-tick-threads", defaultValue = "1",
        description = "Tick threads hosting persistent worlds (default ${DEFAULT-VALUE}).")
    int worldTickThreads;

    @Option(names = "--io-threads", defaultValue = "1", description = "Network I/O threads (default ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--cpu-affinity", description = "Pin tick threads to cores.")
    boolean cpuAffinity;

    @Option(names = "--no-reload", description = "Do not pick up edited scripts in running matches.")
    boolean noReload;

    @Option(names = "--no-http-rate-limits",
        description = "Turn off the HTTP rate limits (auth 5/s, register 3/s, WebSocket upgrades 60/s per address;"
            + " 300/s per player); for load tests from one address only.")
    boolean noHttpRateLimits;

    @Option(names = "--binary-wire",
        description = "Grant session.connect {wire:\"binary\"}: world.tick frames of such connections go out in the " +
            "binary layout (Asobi's binary_wire); also on with ASOBI_BINARY_WIRE=true. Off by default.")
    boolean binaryWire;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
        description = "Origin allowed to open WebSockets (repeatable); none given allows all.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--argon2-memory-kib", defaultValue = "" + ServerContext.ARGON2_MEMORY_KIB_DEFAULT,
        description = "Argon2id memory cost in KiB (default ${DEFAULT-VALUE}); lower only for load tests.")
    int argon2MemoryKiB;

    @Option(names = "--argon2-iterations", defaultValue = "" + ServerContext.ARGON2_ITERATIONS_DEFAULT,
        description = "Argon2id iterations (default ${DEFAULT-VALUE}).")
    int argon2Iterations;

    @Option(names = "--snapshot-interval-ticks", defaultValue = "" +
        io.asobi.match.MatchRuntime.Context.SNAPSHOT_INTERVAL_TICKS_DEFAULT,
        description = "Journaled ticks between two snapshots of a match, 0 for none (default ${DEFAULT-VALUE}).")
    int snapshotIntervalTicks;

    @Option(names = "--crash-limit", defaultValue = "" + io.asobi.match.MatchRuntime.Context.CRASH_LIMIT_DEFAULT,
        description = "Crashes of a match within the crash window that finish it as crashed (default ${DEFAULT-VALUE}).")
    int crashLimit;

    @Option(names = "--crash-window-ms", defaultValue = "" +
        io.asobi.match.MatchRuntime.Context.CRASH_WINDOW_MS_DEFAULT,
        description = "Window of --crash-limit in milliseconds (default ${DEFAULT-VALUE}).")
    long crashWindowMs;

    @Option(names = "--reconnect-grace-ms", defaultValue = "" +
        io.asobi.match.MatchRuntime.Context.RECONNECT_GRACE_MS_DEFAULT,
        description = "How long a match restored after a restart waits for its players (default ${DEFAULT-VALUE}).")
    long reconnectGraceMs;

    @Option(names = "--journal-roll-cycle", defaultValue = "DAILY",
        description = "How often the match journals start a new file: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    io.asobi.persistence.JournalRollCycle journalRollCycle;

    @Option(names = "--journal-retention-hours", defaultValue = "0",
        description = "Delete match journal files older than this (files a running match needs are kept); " +
            "0 keeps everything (default ${DEFAULT-VALUE}).")
    long journalRetentionHours;

    @Option(names = "--ops-secret-env", defaultValue = "ASOBI_OPS_SECRET", paramLabel = "VAR",
        description = "Environment variable holding the operator secret (bearer token of /api/v1/ops/*, at least " +
            "16 characters); unset: the operator API stays closed (default ${DEFAULT-VALUE}).")
    String opsSecretEnv;

    /**
     * A relative game dir that does not exist here is looked up in the installation ({@code asobi.home}, set by
     * {@code bin/asobi}), so {@code bin/asobi serve} finds the demo from any working directory.
     */
    static Path resolveGameDir(final Path gameDir)
    {
        final String home = System.getProperty("asobi.home");
        if (gameDir.isAbsolute() || java.nio.file.Files.isDirectory(gameDir) || null == home)
        {
            return gameDir;
        }
        final Path installed = Path.of(home).resolve(gameDir);
        return java.nio.file.Files.isDirectory(installed) ? installed : gameDir;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final ServerContext ctx = new ServerContext()
            .host(host).port(port).gameDir(resolveGameDir(gameDir)).dataDir(dataDir)
            .tickThreads(tickThreads).worldTickThreads(worldTickThreads).ioThreads(ioThreads)
            .cpuAffinity(cpuAffinity).reloadEnabled(!noReload)
            .httpRateLimits(!noHttpRateLimits)
            .binaryWire(binaryWire || ServerContext.parseBinaryWireEnv(System.getenv("ASOBI_BINARY_WIRE"))).wsAllowedOrigins(java.util.Set.copyOf(allowedOrigins))
            .argon2MemoryKiB(argon2MemoryKiB).argon2Iterations(argon2Iterations)
            .snapshotIntervalTicks(snapshotIntervalTicks).crashLimit(crashLimit).crashWindowMs(crashWindowMs)
            .reconnectGraceMs(reconnectGraceMs).journalRollCycle(journalRollCycle)
            .journalRetentionMs(java.util.concurrent.TimeUnit.HOURS.toMillis(journalRetentionHours))
            .opsSecret(System.getenv(opsSecretEnv));

        final AsobiServer server = AsobiServer.launch(ctx);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "asobi-shutdown"));

        final String url = "http://" + server.address().getHostString() + ":" + server.address().getPort();
        System.out.println("Asobi JVM listening on " + url);
        System.out.println("  game dir: " + ctx.gameDir());
        System.out.println("  data dir: " + ctx.dataDir());
        System.out.println("Open " + url + "/ in a browser. Edit the game's Lua and save: running matches change.");
        System.out.println("Ctrl-C stops the server.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
