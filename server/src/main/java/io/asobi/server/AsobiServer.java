package io.asobi.server;

import io.asobi.gateway.Gateway;
import io.asobi.gateway.Sessions;
import io.asobi.match.MatchRuntime;
import io.asobi.match.lua.LuaGameModes;
import io.asobi.metagame.MetagameStateMachine;
import io.asobi.world.WorldRuntime;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One Asobi JVM node: accounts (journaled in the data dir), the game modes of the game dir, the match runtime and
 * the world runtime on their tick threads and the HTTP/WebSocket gateway on one port. The composition root: nothing
 * else wires components.
 * <p>
 * Start-up order is accounts (journal replay), modes, matches, worlds, gateway; {@link #close()} reverses it after
 * marking the node not ready.
 */
public final class AsobiServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AsobiServer.class);

    private final ServerContext ctx;
    private final MetagameStateMachine accounts;
    private final LuaGameModes modes;
    private final Sessions sessions;
    private final MatchRuntime matches;
    private final WorldRuntime worlds;
    private final Gateway gateway;
    private final ScheduledExecutorService housekeeping;
    private volatile boolean ready;
    private boolean closed;

    private AsobiServer(final ServerContext ctx)
    {
        this.ctx = ctx;
        MetagameStateMachine accounts = null;
        LuaGameModes modes = null;
        MatchRuntime matches = null;
        WorldRuntime worlds = null;
        Gateway gateway = null;
        ScheduledExecutorService housekeeping = null;
        try
        {
            accounts = MetagameStateMachine.launch(new MetagameStateMachine.Context()
                .dataDir(ctx.dataDir().resolve("metagame"))
                .epochClock(SystemEpochClock.INSTANCE)
                .argon2MemoryKiB(ctx.argon2MemoryKiB())
                .argon2Iterations(ctx.argon2Iterations()));
            accounts.ready().join(); // journal replayed: every acknowledged account is back before we listen
            LOG.info("accounts ready: {} journal records replayed", accounts.replayedRecordCount());

            modes = LuaGameModes.load(new LuaGameModes.Context()
                .gameDir(ctx.gameDir())
                .nanoClock(SystemNanoClock.INSTANCE)
                .reloadEnabled(ctx.reloadEnabled()));

            sessions = new Sessions();
            matches = MatchRuntime.launch(new MatchRuntime.Context()
                .gameModes(modes)
                .outbound(sessions)
                .tickThreads(ctx.tickThreads())
                .ticketMaxWaitMs(ctx.matchmakerTicketMaxWaitMs())
                .journalDir(ctx.dataDir().resolve("simulations"))
                .snapshotIntervalTicks(ctx.snapshotIntervalTicks())
                .crashLimit(ctx.crashLimit())
                .crashWindowMs(ctx.crashWindowMs())
                .reconnectGraceMs(ctx.reconnectGraceMs())
                .journalRollCycle(ctx.journalRollCycle())
                .journalRetentionMs(ctx.journalRetentionMs())
                .metagame(new ScriptMetagameBridge(accounts))
                .cpuAffinity(ctx.cpuAffinity()));

            worlds = WorldRuntime.launch(new WorldRuntime.Context()
                .worldModes(modes.worldModes())
                .outbound(sessions)
                .tickThreads(ctx.worldTickThreads())
                .journalDir(ctx.dataDir().resolve("worlds"))
                .journalRetentionMs(ctx.journalRetentionMs())
                .snapshotIntervalTicks(ctx.snapshotIntervalTicks())
                .reconnectGraceMs(ctx.reconnectGraceMs())
                .journalRollCycle(ctx.journalRollCycle())
                .cpuAffinity(ctx.cpuAffinity()));

            gateway = new Gateway(new Gateway.Context()
                .host(ctx.host())
                .port(ctx.port())
                .accounts(accounts)
                .metagame(accounts)
                .opsSecret(ctx.opsSecret())
                .matches(matches)
                .worlds(worlds)
                .sessions(sessions)
                .webRoot("io/asobi/server/web/")
                .ioThreads(ctx.ioThreads())
                .wsIdleAuthTimeoutMs(ctx.wsIdleAuthTimeoutMs())
                .httpAuthPerSecond(ctx.httpRateLimits() ? Gateway.Context.HTTP_AUTH_PER_SECOND_DEFAULT : 0)
                .httpRegisterPerSecond(ctx.httpRateLimits() ? Gateway.Context.HTTP_REGISTER_PER_SECOND_DEFAULT : 0)
                .httpApiPerSecond(ctx.httpRateLimits() ? Gateway.Context.HTTP_API_PER_SECOND_DEFAULT : 0)
                .wsConnectsPerSecond(ctx.httpRateLimits() ? Gateway.Context.WS_CONNECTS_PER_SECOND_DEFAULT : 0)
                .wsAllowedOrigins(ctx.wsAllowedOrigins())
                .binaryWire(ctx.binaryWire())
                .readiness(() -> ready)
                .healthDetails(this::healthDetails));
            gateway.start();

            final LuaGameModes watched = modes;
            housekeeping = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread t = new Thread(r, "asobi-mode-watcher");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(
                () -> pollModes(watched), ctx.modeWatchIntervalMs(), ctx.modeWatchIntervalMs(), TimeUnit.MILLISECONDS);
        }
        catch (final RuntimeException | Error ex)
        {
            if (null != housekeeping)
            {
                housekeeping.shutdownNow();
            }
            CloseHelper.quietCloseAll(gateway, worlds, matches, modes, accounts);
            throw ex;
        }

        this.accounts = accounts;
        this.modes = modes;
        this.matches = matches;
        this.worlds = worlds;
        this.gateway = gateway;
        this.housekeeping = housekeeping;
        this.ready = true;
    }

    /**
     * Start a node; returns once it accepts connections.
     *
     * @param ctx settings, concluded here if not already.
     * @return the running node.
     */
    public static AsobiServer launch(final ServerContext ctx)
    {
        return new AsobiServer(ctx.conclude());
    }

    /**
     * @return the bound HTTP/WebSocket address (with the real port when 0 was asked for).
     */
    public InetSocketAddress address()
    {
        return gateway.localAddress();
    }

    /**
     * @return the match runtime (for statistics).
     */
    public MatchRuntime matches()
    {
        return matches;
    }

    /**
     * @return the world runtime (for statistics).
     */
    public WorldRuntime worlds()
    {
        return worlds;
    }

    /**
     * @return the settings.
     */
    public ServerContext context()
    {
        return ctx;
    }

    /**
     * Stop: mark not ready, close the gateway (sockets), stop worlds, matches and the mode watcher, close the
     * journal.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ready = false;
        LOG.info("shutting down");
        housekeeping.shutdownNow();
        CloseHelper.closeAll(gateway, worlds, matches, modes, accounts);
        LOG.info("stopped");
    }

    private static void pollModes(final LuaGameModes modes)
    {
        try
        {
            modes.pollModes();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("mode watcher: {}", ex.toString());
        }
    }

    private Map<String, Object> healthDetails()
    {
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("accounts_ready", null != accounts && accounts.isReady());
        details.put("modes", null == modes ? 0 : modes.all().size());
        final Runtime rt = Runtime.getRuntime();
        details.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        if (null != matches)
        {
            details.put("matches", matches.tickReport());
        }
        if (null != worlds)
        {
            details.put("worlds", worlds.tickReport());
        }
        return details;
    }
}
