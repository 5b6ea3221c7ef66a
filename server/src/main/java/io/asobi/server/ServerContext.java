package io.asobi.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one node ({@code asobi serve}); defaults match Asobi where Asobi has one.
 * <p>
 * {@link #conclude()} validates and resolves directories; a concluded context is immutable.
 */
public final class ServerContext
{
    /** Default listen host: loopback only, so a fresh checkout is not reachable from the network. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** Default HTTP and WebSocket port. */
    public static final int PORT_DEFAULT = 8080;
    /** Argon2id memory cost (OWASP's 19 MiB). */
    public static final int ARGON2_MEMORY_KIB_DEFAULT = 19 * 1024;
    /** Argon2id iterations. */
    public static final int ARGON2_ITERATIONS_DEFAULT = 2;

    private boolean concluded;
    private String host = HOST_DEFAULT;
    private int port = PORT_DEFAULT;
    private Path gameDir;
    private Path dataDir;
    private int tickThreads = 1;
    private int worldTickThreads = 1;
    private boolean cpuAffinity;
    private int ioThreads = 1;
    private long wsIdleAuthTimeoutMs = 10_000;
    private long modeWatchIntervalMs = 1_500;
    private boolean reloadEnabled = true;
    private int argon2MemoryKiB = ARGON2_MEMORY_KIB_DEFAULT;
    private int argon2Iterations = ARGON2_ITERATIONS_DEFAULT;
    private long matchmakerTicketMaxWaitMs = 60_000;
    private boolean httpRateLimits = true;
    private boolean binaryWire;
    private java.util.Set<String> wsAllowedOrigins = java.util.Set.of();
    private int snapshotIntervalTicks = io.asobi.match.MatchRuntime.Context.SNAPSHOT_INTERVAL_TICKS_DEFAULT;
    private int crashLimit = io.asobi.match.MatchRuntime.Context.CRASH_LIMIT_DEFAULT;
    private long crashWindowMs = io.asobi.match.MatchRuntime.Context.CRASH_WINDOW_MS_DEFAULT;
    private long reconnectGraceMs = io.asobi.match.MatchRuntime.Context.RECONNECT_GRACE_MS_DEFAULT;
    private io.asobi.persistence.JournalRollCycle journalRollCycle = io.asobi.persistence.JournalRollCycle.DAILY;
    private long journalRetentionMs;
    private String opsSecret;

    /**
     * Validate and freeze.
     *
     * @return this.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public ServerContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        Objects.requireNonNull(gameDir, "gameDir");
        Objects.requireNonNull(dataDir, "dataDir");
        gameDir = gameDir.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(gameDir))
        {
            throw new IllegalArgumentException("game dir is not a directory: " + gameDir);
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (tickThreads < 1 || ioThreads < 1)
        {
            throw new IllegalArgumentException("tickThreads and ioThreads must be at least 1");
        }
        if (worldTickThreads < 1 || worldTickThreads > 256)
        {
            throw new IllegalArgumentException("worldTickThreads must be 1..256: " + worldTickThreads);
        }
        if (wsIdleAuthTimeoutMs < 1 || modeWatchIntervalMs < 1 || matchmakerTicketMaxWaitMs < 1)
        {
            throw new IllegalArgumentException("timeouts and intervals must be positive");
        }
        concluded = true;
        return this;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
    }

    /**
     * @param host to listen on.
     * @return this.
     */
    public ServerContext host(final String host)
    {
        checkNotConcluded();
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * @return the host to listen on.
     */
    public String host()
    {
        return host;
    }

    /**
     * @param port to listen on, 0 for an ephemeral port.
     * @return this.
     */
    public ServerContext port(final int port)
    {
        checkNotConcluded();
        this.port = port;
        return this;
    }

    /**
     * @return the port to listen on.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param gameDir directory holding {@code config.lua} or {@code match.lua}.
     * @return this.
     */
    public ServerContext gameDir(final Path gameDir)
    {
        checkNotConcluded();
        this.gameDir = gameDir;
        return this;
    }

    /**
     * @return the game directory.
     */
    public Path gameDir()
    {
        return gameDir;
    }

    /**
     * @param dataDir directory for the journal (created if missing).
     * @return this.
     */
    public ServerContext dataDir(final Path dataDir)
    {
        checkNotConcluded();
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @return the data directory.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @param tickThreads number of tick threads hosting matches.
     * @return this.
     */
    public ServerContext tickThreads(final int tickThreads)
    {
        checkNotConcluded();
        this.tickThreads = tickThreads;
        return this;
    }

    /**
     * @return the number of tick threads.
     */
    public int tickThreads()
    {
        return tickThreads;
    }

    /**
     * @param worldTickThreads number of tick threads hosting persistent worlds (apart from the match ones).
     * @return this.
     */
    public ServerContext worldTickThreads(final int worldTickThreads)
    {
        checkNotConcluded();
        this.worldTickThreads = worldTickThreads;
        return this;
    }

    /**
     * @return the number of tick threads hosting worlds.
     */
    public int worldTickThreads()
    {
        return worldTickThreads;
    }

    /**
     * @param cpuAffinity whether to pin tick threads to cores.
     * @return this.
     */
    public ServerContext cpuAffinity(final boolean cpuAffinity)
    {
        checkNotConcluded();
        this.cpuAffinity = cpuAffinity;
        return this;
    }

    /**
     * @return whether tick threads are pinned.
     */
    public boolean cpuAffinity()
    {
        return cpuAffinity;
    }

    /**
     * @param ioThreads Netty event-loop threads.
     * @return this.
     */
    public ServerContext ioThreads(final int ioThreads)
    {
        checkNotConcluded();
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * @return Netty event-loop threads.
     */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * @param wsIdleAuthTimeoutMs how long a socket may stay unauthenticated before close 1008.
     * @return this.
     */
    public ServerContext wsIdleAuthTimeoutMs(final long wsIdleAuthTimeoutMs)
    {
        checkNotConcluded();
        this.wsIdleAuthTimeoutMs = wsIdleAuthTimeoutMs;
        return this;
    }

    /**
     * @return the idle-auth timeout.
     */
    public long wsIdleAuthTimeoutMs()
    {
        return wsIdleAuthTimeoutMs;
    }

    /**
     * @param modeWatchIntervalMs how often mode globals are re-read.
     * @return this.
     */
    public ServerContext modeWatchIntervalMs(final long modeWatchIntervalMs)
    {
        checkNotConcluded();
        this.modeWatchIntervalMs = modeWatchIntervalMs;
        return this;
    }

    /**
     * @return how often mode globals are re-read.
     */
    public long modeWatchIntervalMs()
    {
        return modeWatchIntervalMs;
    }

    /**
     * @param reloadEnabled whether running matches pick up edited scripts.
     * @return this.
     */
    public ServerContext reloadEnabled(final boolean reloadEnabled)
    {
        checkNotConcluded();
        this.reloadEnabled = reloadEnabled;
        return this;
    }

    /**
     * @return whether hot reload is on.
     */
    public boolean reloadEnabled()
    {
        return reloadEnabled;
    }

    /**
     * @param argon2MemoryKiB Argon2id memory cost (lower only for tests and load runs).
     * @return this.
     */
    public ServerContext argon2MemoryKiB(final int argon2MemoryKiB)
    {
        checkNotConcluded();
        this.argon2MemoryKiB = argon2MemoryKiB;
        return this;
    }

    /**
     * @return the Argon2id memory cost.
     */
    public int argon2MemoryKiB()
    {
        return argon2MemoryKiB;
    }

    /**
     * @param argon2Iterations Argon2id time cost.
     * @return this.
     */
    public ServerContext argon2Iterations(final int argon2Iterations)
    {
        checkNotConcluded();
        this.argon2Iterations = argon2Iterations;
        return this;
    }

    /**
     * @return the Argon2id time cost.
     */
    public int argon2Iterations()
    {
        return argon2Iterations;
    }

    /**
     * @param matchmakerTicketMaxWaitMs how long a ticket may wait before {@code match.matchmaker_expired}.
     * @return this.
     */
    public ServerContext matchmakerTicketMaxWaitMs(final long matchmakerTicketMaxWaitMs)
    {
        checkNotConcluded();
        this.matchmakerTicketMaxWaitMs = matchmakerTicketMaxWaitMs;
        return this;
    }

    /**
     * @return how long a ticket may wait (Asobi: 60 s).
     */
    public long matchmakerTicketMaxWaitMs()
    {
        return matchmakerTicketMaxWaitMs;
    }

    /**
     * @param httpRateLimits whether Asobi's HTTP rate limits apply (auth 5/s and register 3/s per address, 300/s
     *                       per player, WebSocket upgrades 60/s per address); off only for tests and load runs from
     *                       one address.
     * @return this.
     */
    public ServerContext httpRateLimits(final boolean httpRateLimits)
    {
        checkNotConcluded();
        this.httpRateLimits = httpRateLimits;
        return this;
    }

    /**
     * @return whether the HTTP rate limits apply.
     */
    public boolean httpRateLimits()
    {
        return httpRateLimits;
    }

    /**
     * @param binaryWire whether {@code session.connect {wire:"binary"}} is granted, so that connection's
     *                   {@code world.tick} frames go out in the binary layout (asobi-spec §4.7; Asobi's
     *                   {@code binary_wire}, {@code ASOBI_BINARY_WIRE}); off by default.
     * @return this.
     */
    public ServerContext binaryWire(final boolean binaryWire)
    {
        checkNotConcluded();
        this.binaryWire = binaryWire;
        return this;
    }

    /**
     * @return whether the binary {@code world.tick} wire is granted to connections asking for it.
     */
    public boolean binaryWire()
    {
        return binaryWire;
    }

    /**
     * The value of {@code ASOBI_BINARY_WIRE}: unset or blank is false; {@code true}/{@code false} (any case),
     * {@code 1}/{@code 0}.
     *
     * @param value the variable's value, or null when unset.
     * @return whether it turns the binary wire on.
     * @throws IllegalArgumentException for any other value.
     */
    public static boolean parseBinaryWireEnv(final String value)
    {
        if (null == value || value.isBlank())
        {
            return false;
        }
        final String v = value.trim();
        if ("true".equalsIgnoreCase(v) || "1".equals(v))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(v) || "0".equals(v))
        {
            return false;
        }
        throw new IllegalArgumentException("ASOBI_BINARY_WIRE must be true or false: " + value);
    }

    /**
     * @param wsAllowedOrigins origins allowed to open WebSockets; empty (the default) allows all.
     * @return this.
     */
    public ServerContext wsAllowedOrigins(final java.util.Set<String> wsAllowedOrigins)
    {
        checkNotConcluded();
        this.wsAllowedOrigins = java.util.Set.copyOf(wsAllowedOrigins);
        return this;
    }

    /**
     * @return origins allowed to open WebSockets; empty allows all.
     */
    public java.util.Set<String> wsAllowedOrigins()
    {
        return wsAllowedOrigins;
    }

    /**
     * @param snapshotIntervalTicks journaled ticks between two snapshots of a match (0: none).
     * @return this.
     */
    public ServerContext snapshotIntervalTicks(final int snapshotIntervalTicks)
    {
        checkNotConcluded();
        this.snapshotIntervalTicks = snapshotIntervalTicks;
        return this;
    }

    /**
     * @return journaled ticks between two snapshots of a match.
     */
    public int snapshotIntervalTicks()
    {
        return snapshotIntervalTicks;
    }

    /**
     * @param crashLimit crashes of a match's logic within {@link #crashWindowMs()} that finish it as crashed.
     * @return this.
     */
    public ServerContext crashLimit(final int crashLimit)
    {
        checkNotConcluded();
        this.crashLimit = crashLimit;
        return this;
    }

    /**
     * @return crashes within the window that finish a match as crashed.
     */
    public int crashLimit()
    {
        return crashLimit;
    }

    /**
     * @param crashWindowMs the window of {@link #crashLimit()}.
     * @return this.
     */
    public ServerContext crashWindowMs(final long crashWindowMs)
    {
        checkNotConcluded();
        this.crashWindowMs = crashWindowMs;
        return this;
    }

    /**
     * @return the window of {@link #crashLimit()}.
     */
    public long crashWindowMs()
    {
        return crashWindowMs;
    }

    /**
     * @param reconnectGraceMs how long a match restored after a restart waits for its players.
     * @return this.
     */
    public ServerContext reconnectGraceMs(final long reconnectGraceMs)
    {
        checkNotConcluded();
        this.reconnectGraceMs = reconnectGraceMs;
        return this;
    }

    /**
     * @return how long a match restored after a restart waits for its players.
     */
    public long reconnectGraceMs()
    {
        return reconnectGraceMs;
    }

    /**
     * @param journalRollCycle how often the match journals start a new file.
     * @return this.
     */
    public ServerContext journalRollCycle(final io.asobi.persistence.JournalRollCycle journalRollCycle)
    {
        checkNotConcluded();
        this.journalRollCycle = Objects.requireNonNull(journalRollCycle, "journalRollCycle");
        return this;
    }

    /**
     * @return how often the match journals start a new file.
     */
    public io.asobi.persistence.JournalRollCycle journalRollCycle()
    {
        return journalRollCycle;
    }

    /**
     * @param journalRetentionMs age after which match journal files are deleted (0 keeps them all).
     * @return this.
     */
    public ServerContext journalRetentionMs(final long journalRetentionMs)
    {
        checkNotConcluded();
        this.journalRetentionMs = journalRetentionMs;
        return this;
    }

    /**
     * @return age after which match journal files are deleted, 0 for never.
     */
    public long journalRetentionMs()
    {
        return journalRetentionMs;
    }

    /**
     * @param opsSecret the operator secret (bearer token of {@code /api/v1/ops/*}), at least 16 characters, or null
     *                  to keep the operator API closed.
     * @return this.
     */
    public ServerContext opsSecret(final String opsSecret)
    {
        checkNotConcluded();
        this.opsSecret = null == opsSecret || opsSecret.isEmpty() ? null : opsSecret;
        return this;
    }

    /**
     * @return the operator secret, or null when the operator API is closed.
     */
    public String opsSecret()
    {
        return opsSecret;
    }
}
