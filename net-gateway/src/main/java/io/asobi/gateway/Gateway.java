package io.asobi.gateway;

import io.asobi.match.MatchService;
import io.asobi.metagame.Accounts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The network shell: one port serving Asobi's REST API under {@code /api/v1}, the realtime protocol on {@code /ws},
 * the health endpoints and static files (asobi-spec §3, §4).
 * <p>
 * Lifecycle: {@link #start()} binds, {@link #close()} stops accepting, closes every connection (WebSocket sessions
 * get a 1001 close frame) and releases the event loops. Uses native epoll when available, NIO otherwise.
 * <p>
 * <b>Note:</b> {@link #start()} and {@link #close()} are called by one owner thread; request handling runs on the
 * Netty I/O threads, and replies from other threads are thread safe.
 */
public final class Gateway implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Context ctx;
    private final GatewayResources resources;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private boolean isStarted;
    private boolean isClosed;

    /**
     * Create a gateway; concludes {@code ctx}. Nothing is bound until {@link #start()}.
     *
     * @param ctx configuration; concluded here, so it must not have been concluded before.
     */
    public Gateway(final Context ctx)
    {
        ctx.conclude();
        this.ctx = ctx;
        final ChannelGroup channels = new DefaultChannelGroup("gateway", GlobalEventExecutor.INSTANCE);
        resources = new GatewayResources(ctx, channels);
    }

    /**
     * The concluded configuration.
     *
     * @return the configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The session registry (also the match runtime's {@link io.asobi.match.MatchOutbound}).
     *
     * @return the sessions.
     */
    public Sessions sessions()
    {
        return ctx.sessions();
    }

    /**
     * Open TCP connections (HTTP and WebSocket).
     *
     * @return the count.
     */
    public int connectionCount()
    {
        return resources.channels.size();
    }

    /**
     * Inputs the match runtime refused with back pressure (its ring was full).
     *
     * @return the count since start.
     */
    public long inputBackPressureCount()
    {
        return resources.inputBackPressureCount.sum();
    }

    /**
     * Bind the listening socket and start serving.
     *
     * @throws IllegalStateException if already started or closed, or if the address cannot be bound (for example
     *                               the port is taken); the message names the address.
     */
    public void start()
    {
        if (isStarted || isClosed)
        {
            throw new IllegalStateException("Gateway already " + (isClosed ? "closed" : "started"));
        }
        isStarted = true;

        final boolean isNative = ctx.preferNativeTransport() && Epoll.isAvailable();
        final IoHandlerFactory ioHandlerFactory = isNative ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> channelClass =
            isNative ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gateway-accept"), ioHandlerFactory);
        workerGroup = new MultiThreadIoEventLoopGroup(
            ctx.ioThreads(), new DefaultThreadFactory("gateway-io"), ioHandlerFactory);

        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(channelClass)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                ctx.writeBufferLowWaterMarkBytes(), ctx.writeBufferHighWaterMarkBytes()))
            .childHandler(new GatewayChannelInitializer(resources));

        final String address = ctx.host() + ":" + ctx.port();
        final ChannelFuture bind = bootstrap.bind(ctx.host(), ctx.port()).awaitUninterruptibly();
        if (!bind.isSuccess())
        {
            releaseEventLoops();
            isClosed = true;
            throw new IllegalStateException("Gateway cannot bind " + address + ": " + bind.cause(), bind.cause());
        }
        serverChannel = bind.channel();
        LOG.info("gateway listening on {} ({})", serverChannel.localAddress(), isNative ? "epoll" : "nio");
    }

    /**
     * The bound address (useful with port 0).
     *
     * @return the local address.
     * @throws IllegalStateException if not started.
     */
    public InetSocketAddress localAddress()
    {
        if (null == serverChannel)
        {
            throw new IllegalStateException("Gateway not started");
        }
        return (InetSocketAddress)serverChannel.localAddress();
    }

    /**
     * Stop accepting, close every connection (WebSocket sessions with close code 1001) and release the event loops,
     * waiting at most {@link Context#shutdownTimeoutMs()} for each step. Idempotent.
     */
    @Override
    public void close()
    {
        if (isClosed)
        {
            return;
        }
        isClosed = true;
        resources.isClosing = true;

        if (null != serverChannel)
        {
            serverChannel.close().awaitUninterruptibly(ctx.shutdownTimeoutMs());
        }
        for (final Channel channel : resources.channels)
        {
            if (null != channel.pipeline().get(WsFrameHandler.class))
            {
                channel.writeAndFlush(new CloseWebSocketFrame(1001, "server_shutdown"))
                    .addListener(f -> channel.close());
            }
            else
            {
                channel.close();
            }
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.shutdownTimeoutMs());
        for (final Channel channel : resources.channels)
        {
            final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (!channel.closeFuture().awaitUninterruptibly(Math.max(1, remainingMs)))
            {
                channel.close();
            }
        }
        releaseEventLoops();
    }

    private void releaseEventLoops()
    {
        final long quietMs = ctx.shutdownQuietPeriodMs();
        final long timeoutMs = Math.max(quietMs, ctx.shutdownTimeoutMs());
        if (null != bossGroup)
        {
            bossGroup.shutdownGracefully(quietMs, timeoutMs, TimeUnit.MILLISECONDS);
        }
        if (null != workerGroup)
        {
            workerGroup.shutdownGracefully(quietMs, timeoutMs, TimeUnit.MILLISECONDS);
        }
        if (null != bossGroup)
        {
            bossGroup.terminationFuture().awaitUninterruptibly(timeoutMs + 1_000);
        }
        if (null != workerGroup)
        {
            workerGroup.terminationFuture().awaitUninterruptibly(timeoutMs + 1_000);
        }
    }

    /**
     * Configuration of a {@link Gateway}; fluent accessors, validated once by {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default bind host. */
        public static final String HOST_DEFAULT = "127.0.0.1";
        /** Default port. */
        public static final int PORT_DEFAULT = 8080;
        /** Default I/O thread count. */
        public static final int IO_THREADS_DEFAULT = 1;
        /** Largest accepted I/O thread count. */
        public static final int IO_THREADS_MAX = 64;
        /** Default time a new socket has to authenticate (asobi: 10 s). */
        public static final long WS_IDLE_AUTH_TIMEOUT_MS_DEFAULT = 10_000;
        /** Default largest inbound text frame answered normally (asobi: 64 KiB). */
        public static final int WS_MAX_FRAME_BYTES_DEFAULT = 65_536;
        /** Default hard limit on one (aggregated) inbound message; beyond it the socket closes with 1009. */
        public static final int WS_HARD_MAX_FRAME_BYTES_DEFAULT = 1024 * 1024;
        /** Default inbound frames per rate window (asobi: 60). */
        public static final int WS_FRAMES_PER_WINDOW_DEFAULT = 60;
        /** Default rate window (asobi: 1 s). */
        public static final long WS_RATE_WINDOW_MS_DEFAULT = 1_000;
        /** Default joins per player per join window (asobi: 10). */
        public static final int JOINS_PER_WINDOW_DEFAULT = 10;
        /** Default join window (asobi: 60 s). */
        public static final long JOIN_WINDOW_MS_DEFAULT = 60_000;
        /** Default {@code /api/v1/auth/*} requests per client address per second (Asobi: 5). */
        public static final int HTTP_AUTH_PER_SECOND_DEFAULT = 5;
        /** Default {@code /api/v1/auth/register} requests per client address per second (Asobi: 3). */
        public static final int HTTP_REGISTER_PER_SECOND_DEFAULT = 3;
        /** Default other {@code /api/v1} requests per player per second (Asobi: 300). */
        public static final int HTTP_API_PER_SECOND_DEFAULT = 300;
        /** Default WebSocket upgrades per client address per second (Asobi: 60). */
        public static final int WS_CONNECTS_PER_SECOND_DEFAULT = 60;
        /** Default interval between two {@code not_in_match} hints on one socket (asobi: 5 s). */
        public static final long NOT_IN_MATCH_HINT_INTERVAL_MS_DEFAULT = 5_000;
        /** Default largest HTTP request body. */
        public static final int HTTP_MAX_BODY_BYTES_DEFAULT = 1024 * 1024;
        /** Default pipelined HTTP requests held while one is being answered. */
        public static final int HTTP_MAX_PIPELINED_REQUESTS_DEFAULT = 16;
        /** Default time an HTTP connection may stay silent before it is closed. */
        public static final long HTTP_IDLE_TIMEOUT_MS_DEFAULT = 60_000;
        /** Default time a WebSocket may stay silent before it is closed (Cowboy's default, which Asobi keeps). */
        public static final long WS_IDLE_TIMEOUT_MS_DEFAULT = 60_000;
        /** Default outbound low water mark. */
        public static final int WRITE_BUFFER_LOW_WATER_MARK_BYTES_DEFAULT = 32 * 1024;
        /** Default outbound high water mark: above it pushes are dropped. */
        public static final int WRITE_BUFFER_HIGH_WATER_MARK_BYTES_DEFAULT = 256 * 1024;
        /** Default outbound backlog at which a socket that does not read is closed. */
        public static final int WS_MAX_PENDING_BYTES_DEFAULT = 4 * 1024 * 1024;
        /** Default {@code Access-Control-Allow-Origin} value. */
        public static final String CORS_ALLOW_ORIGIN_DEFAULT = "*";
        /** Default quiet period when releasing event loops. */
        public static final long SHUTDOWN_QUIET_PERIOD_MS_DEFAULT = 0;
        /** Default bound on each shutdown step. */
        public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 5_000;

        private boolean isConcluded;
        private String host = HOST_DEFAULT;
        private int port = PORT_DEFAULT;
        private Accounts accounts;
        private io.asobi.metagame.MetagameServices metagame;
        private String opsSecret;
        private MatchService matches;
        private io.asobi.world.WorldService worlds;
        private Sessions sessions;
        private String webRoot;
        private ClassLoader webRootClassLoader;
        private int ioThreads = IO_THREADS_DEFAULT;
        private boolean preferNativeTransport = true;
        private EpochClock epochClock = SystemEpochClock.INSTANCE;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private long wsIdleAuthTimeoutMs = WS_IDLE_AUTH_TIMEOUT_MS_DEFAULT;
        private boolean binaryWire;
        private int wsMaxFrameBytes = WS_MAX_FRAME_BYTES_DEFAULT;
        private int wsHardMaxFrameBytes = WS_HARD_MAX_FRAME_BYTES_DEFAULT;
        private int wsFramesPerWindow = WS_FRAMES_PER_WINDOW_DEFAULT;
        private long wsRateWindowMs = WS_RATE_WINDOW_MS_DEFAULT;
        private int wsMaxPendingBytes = WS_MAX_PENDING_BYTES_DEFAULT;
        private int joinsPerWindow = JOINS_PER_WINDOW_DEFAULT;
        private long joinWindowMs = JOIN_WINDOW_MS_DEFAULT;
        private int httpAuthPerSecond = HTTP_AUTH_PER_SECOND_DEFAULT;
        private int httpRegisterPerSecond = HTTP_REGISTER_PER_SECOND_DEFAULT;
        private int httpApiPerSecond = HTTP_API_PER_SECOND_DEFAULT;
        private int wsConnectsPerSecond = WS_CONNECTS_PER_SECOND_DEFAULT;
        private java.util.Set<String> wsAllowedOrigins = java.util.Set.of();
        private long notInMatchHintIntervalMs = NOT_IN_MATCH_HINT_INTERVAL_MS_DEFAULT;
        private int httpMaxBodyBytes = HTTP_MAX_BODY_BYTES_DEFAULT;
        private int httpMaxPipelinedRequests = HTTP_MAX_PIPELINED_REQUESTS_DEFAULT;
        private long httpIdleTimeoutMs = HTTP_IDLE_TIMEOUT_MS_DEFAULT;
        private long wsIdleTimeoutMs = WS_IDLE_TIMEOUT_MS_DEFAULT;
        private int writeBufferLowWaterMarkBytes = WRITE_BUFFER_LOW_WATER_MARK_BYTES_DEFAULT;
        private int writeBufferHighWaterMarkBytes = WRITE_BUFFER_HIGH_WATER_MARK_BYTES_DEFAULT;
        private String corsAllowOrigin = CORS_ALLOW_ORIGIN_DEFAULT;
        private BooleanSupplier readiness;
        private Supplier<Map<String, Object>> healthDetails;
        private long shutdownQuietPeriodMs = SHUTDOWN_QUIET_PERIOD_MS_DEFAULT;
        private long shutdownTimeoutMs = SHUTDOWN_TIMEOUT_MS_DEFAULT;

        /**
         * Validate the options and fill in defaults; runs once.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if already concluded.
         * @throws NullPointerException     if {@code accounts} or {@code matches} is not set.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            isConcluded = true;

            Objects.requireNonNull(accounts, "accounts must be set");
            Objects.requireNonNull(matches, "matches must be set");
            Objects.requireNonNull(epochClock, "epochClock must be set");
            Objects.requireNonNull(nanoClock, "nanoClock must be set");
            if (null == host || host.isBlank())
            {
                throw new IllegalArgumentException("host must not be blank: " + host);
            }
            requireRange("port", port, 0, 65_535);
            requireRange("ioThreads", ioThreads, 1, IO_THREADS_MAX);
            requireRange("wsIdleAuthTimeoutMs", wsIdleAuthTimeoutMs, 1, TimeUnit.HOURS.toMillis(1));
            requireRange("wsMaxFrameBytes", wsMaxFrameBytes, 1, 16 * 1024 * 1024);
            if (wsHardMaxFrameBytes <= wsMaxFrameBytes)
            {
                throw new IllegalArgumentException("wsHardMaxFrameBytes must be greater than wsMaxFrameBytes: " +
                    wsHardMaxFrameBytes + " <= " + wsMaxFrameBytes);
            }
            requireRange("wsHardMaxFrameBytes", wsHardMaxFrameBytes, 2, 64 * 1024 * 1024);
            requireRange("wsFramesPerWindow", wsFramesPerWindow, 1, Integer.MAX_VALUE);
            requireRange("wsRateWindowMs", wsRateWindowMs, 1, TimeUnit.HOURS.toMillis(1));
            requireRange("wsMaxPendingBytes", wsMaxPendingBytes, 1, Integer.MAX_VALUE);
            requireRange("joinsPerWindow", joinsPerWindow, 1, Integer.MAX_VALUE);
            requireRange("joinWindowMs", joinWindowMs, 1, TimeUnit.DAYS.toMillis(1));
            requireRange("httpAuthPerSecond", httpAuthPerSecond, 0, Integer.MAX_VALUE);
            requireRange("httpRegisterPerSecond", httpRegisterPerSecond, 0, Integer.MAX_VALUE);
            requireRange("httpApiPerSecond", httpApiPerSecond, 0, Integer.MAX_VALUE);
            requireRange("wsConnectsPerSecond", wsConnectsPerSecond, 0, Integer.MAX_VALUE);
            requireRange("notInMatchHintIntervalMs", notInMatchHintIntervalMs, 0, TimeUnit.HOURS.toMillis(1));
            requireRange("httpMaxBodyBytes", httpMaxBodyBytes, 1, 64 * 1024 * 1024);
            requireRange("httpMaxPipelinedRequests", httpMaxPipelinedRequests, 0, 1024);
            requireRange("httpIdleTimeoutMs", httpIdleTimeoutMs, 1, TimeUnit.HOURS.toMillis(1));
            requireRange("wsIdleTimeoutMs", wsIdleTimeoutMs, 0, TimeUnit.DAYS.toMillis(1));
            requireRange("writeBufferLowWaterMarkBytes", writeBufferLowWaterMarkBytes, 1, Integer.MAX_VALUE);
            if (writeBufferHighWaterMarkBytes < writeBufferLowWaterMarkBytes)
            {
                throw new IllegalArgumentException("writeBufferHighWaterMarkBytes must be >= " +
                    "writeBufferLowWaterMarkBytes: " + writeBufferHighWaterMarkBytes + " < " +
                    writeBufferLowWaterMarkBytes);
            }
            requireRange("shutdownQuietPeriodMs", shutdownQuietPeriodMs, 0, TimeUnit.MINUTES.toMillis(1));
            requireRange("shutdownTimeoutMs", shutdownTimeoutMs, 1, TimeUnit.MINUTES.toMillis(10));

            if (null != webRoot)
            {
                webRoot = StaticFiles.normaliseRoot(webRoot);
            }
            if (null == webRootClassLoader)
            {
                webRootClassLoader = Gateway.class.getClassLoader();
            }
            if (null == sessions)
            {
                sessions = new Sessions();
            }
            if (null == worlds)
            {
                worlds = NoWorlds.INSTANCE;
            }
            if (null == readiness)
            {
                readiness = () -> true;
            }
            if (null == healthDetails)
            {
                healthDetails = Map::of;
            }

            return this;
        }

        private static void requireRange(final String name, final long value, final long min, final long max)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
            }
        }

        /**
         * Whether {@link #conclude()} has run.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * Host or address to bind.
         *
         * @return the host.
         */
        public String host()
        {
            return host;
        }

        /**
         * Host or address to bind.
         *
         * @param host for example {@code 127.0.0.1} or {@code 0.0.0.0}.
         * @return this for a fluent API.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * TCP port; 0 binds an ephemeral port (see {@link Gateway#localAddress()}).
         *
         * @return the port.
         */
        public int port()
        {
            return port;
        }

        /**
         * TCP port; 0 binds an ephemeral port.
         *
         * @param port 0 to 65535.
         * @return this for a fluent API.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * Accounts, tokens and profiles.
         *
         * @return the accounts service.
         */
        public Accounts accounts()
        {
            return accounts;
        }

        /**
         * Accounts, tokens and profiles (required).
         *
         * @param accounts the accounts service.
         * @return this for a fluent API.
         */
        public Context accounts(final Accounts accounts)
        {
            this.accounts = accounts;
            return this;
        }

        /**
         * The metagame services beyond accounts (economy, leaderboards, storage, audit), or null: their routes then
         * answer {@code not_found}.
         *
         * @return the services.
         */
        public io.asobi.metagame.MetagameServices metagame()
        {
            return metagame;
        }

        /**
         * @param metagame the metagame services; their {@code accounts()} is used when {@link #accounts} is unset.
         * @return this for a fluent API.
         */
        public Context metagame(final io.asobi.metagame.MetagameServices metagame)
        {
            this.metagame = metagame;
            if (null == accounts && null != metagame)
            {
                accounts = metagame.accounts();
            }
            return this;
        }

        /**
         * The operator secret: a request to {@code /api/v1/ops/*} must carry it as its bearer token. Null (the
         * default) leaves the operator API closed (403 {@code forbidden}).
         *
         * @return the secret, or null.
         */
        public String opsSecret()
        {
            return opsSecret;
        }

        /**
         * @param opsSecret the operator secret, at least 16 characters, or null to close the operator API.
         * @return this for a fluent API.
         */
        public Context opsSecret(final String opsSecret)
        {
            if (null != opsSecret && opsSecret.length() < 16)
            {
                throw new IllegalArgumentException("the operator secret must be at least 16 characters");
            }
            this.opsSecret = opsSecret;
            return this;
        }

        /**
         * Matches and the matchmaker.
         *
         * @return the match service.
         */
        public MatchService matches()
        {
            return matches;
        }

        /**
         * Matches and the matchmaker (required).
         *
         * @param matches the match service.
         * @return this for a fluent API.
         */
        public Context matches(final MatchService matches)
        {
            this.matches = matches;
            return this;
        }

        /**
         * Persistent worlds.
         *
         * @return the world service; once concluded, one serving no mode when none was set.
         */
        public io.asobi.world.WorldService worlds()
        {
            return worlds;
        }

        /**
         * Persistent worlds (optional: without one, {@code world.*} requests find no world and no mode).
         *
         * @param worlds the world service; its outbound port should be {@link #sessions()}.
         * @return this for a fluent API.
         */
        public Context worlds(final io.asobi.world.WorldService worlds)
        {
            this.worlds = worlds;
            return this;
        }

        /**
         * The session registry; a new one when not set.
         *
         * @return the sessions.
         */
        public Sessions sessions()
        {
            return sessions;
        }

        /**
         * The session registry, shared with the match runtime as its outbound port.
         *
         * @param sessions the sessions.
         * @return this for a fluent API.
         */
        public Context sessions(final Sessions sessions)
        {
            this.sessions = sessions;
            return this;
        }

        /**
         * Classpath prefix of the static files served at {@code /}, or null to serve none.
         *
         * @return the prefix, normalised to end with {@code /} once concluded.
         */
        public String webRoot()
        {
            return webRoot;
        }

        /**
         * Classpath prefix of the static files served at {@code /} (for example {@code io/asobi/server/web/});
         * {@code GET /} serves its {@code index.html}.
         *
         * @param webRoot the prefix, or null to serve no static files.
         * @return this for a fluent API.
         */
        public Context webRoot(final String webRoot)
        {
            this.webRoot = webRoot;
            return this;
        }

        /**
         * Class loader that resolves {@link #webRoot()}.
         *
         * @return the class loader.
         */
        public ClassLoader webRootClassLoader()
        {
            return webRootClassLoader;
        }

        /**
         * Class loader that resolves {@link #webRoot()}; the gateway's own by default.
         *
         * @param webRootClassLoader the class loader.
         * @return this for a fluent API.
         */
        public Context webRootClassLoader(final ClassLoader webRootClassLoader)
        {
            this.webRootClassLoader = webRootClassLoader;
            return this;
        }

        /**
         * Number of I/O event loop threads.
         *
         * @return the count.
         */
        public int ioThreads()
        {
            return ioThreads;
        }

        /**
         * Number of I/O event loop threads (connections are spread over them).
         *
         * @param ioThreads 1 to {@value #IO_THREADS_MAX}.
         * @return this for a fluent API.
         */
        public Context ioThreads(final int ioThreads)
        {
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Whether to use native epoll when it is available.
         *
         * @return true to prefer epoll.
         */
        public boolean preferNativeTransport()
        {
            return preferNativeTransport;
        }

        /**
         * Whether to use native epoll when it is available (NIO otherwise).
         *
         * @param preferNativeTransport true to prefer epoll.
         * @return this for a fluent API.
         */
        public Context preferNativeTransport(final boolean preferNativeTransport)
        {
            this.preferNativeTransport = preferNativeTransport;
            return this;
        }

        /**
         * Wall clock for the {@code ts} of heartbeats.
         *
         * @return the clock.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }

        /**
         * Wall clock for the {@code ts} of heartbeats.
         *
         * @param epochClock the clock.
         * @return this for a fluent API.
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * Monotonic clock for rate windows, join windows and hint throttling.
         *
         * @return the clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * Monotonic clock for rate windows, join windows and hint throttling; inject a {@code CachedNanoClock} to
         * drive them by hand. (The idle-auth timer runs on the event loop's own scheduler.)
         *
         * @param nanoClock the clock.
         * @return this for a fluent API.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * Time a new WebSocket has for a successful {@code session.connect}.
         *
         * @return milliseconds.
         */
        public long wsIdleAuthTimeoutMs()
        {
            return wsIdleAuthTimeoutMs;
        }

        /**
         * Time a new WebSocket has for a successful {@code session.connect} before it is closed with 1008
         * {@code idle_auth_timeout}.
         *
         * @param wsIdleAuthTimeoutMs milliseconds, at least 1.
         * @return this for a fluent API.
         */
        public Context wsIdleAuthTimeoutMs(final long wsIdleAuthTimeoutMs)
        {
            this.wsIdleAuthTimeoutMs = wsIdleAuthTimeoutMs;
            return this;
        }

        /**
         * Whether {@code session.connect {wire:"binary"}} is granted (asobi-spec §4.7, Asobi's {@code binary_wire}).
         *
         * @return true if granted; false (the default) answers {@code wire:"json"} to every connect.
         */
        public boolean binaryWire()
        {
            return binaryWire;
        }

        /**
         * Grant the binary {@code world.tick} wire to connections asking for it: their {@code world.tick} frames go out
         * as WebSocket binary messages (asobi-spec §4.7); everything else stays JSON text.
         *
         * @param binaryWire true to grant it.
         * @return this for a fluent API.
         */
        public Context binaryWire(final boolean binaryWire)
        {
            this.binaryWire = binaryWire;
            return this;
        }

        /**
         * Largest inbound text message answered normally.
         *
         * @return bytes.
         */
        public int wsMaxFrameBytes()
        {
            return wsMaxFrameBytes;
        }

        /**
         * Largest inbound text message answered normally; a larger one gets {@code payload_too_large} and is not
         * counted against the rate.
         *
         * @param wsMaxFrameBytes bytes.
         * @return this for a fluent API.
         */
        public Context wsMaxFrameBytes(final int wsMaxFrameBytes)
        {
            this.wsMaxFrameBytes = wsMaxFrameBytes;
            return this;
        }

        /**
         * Hard limit on one inbound message (continuation frames aggregated).
         *
         * @return bytes.
         */
        public int wsHardMaxFrameBytes()
        {
            return wsHardMaxFrameBytes;
        }

        /**
         * Hard limit on one inbound message (continuation frames aggregated): beyond it the socket is closed with
         * 1009. Must be greater than {@link #wsMaxFrameBytes()}.
         *
         * @param wsHardMaxFrameBytes bytes.
         * @return this for a fluent API.
         */
        public Context wsHardMaxFrameBytes(final int wsHardMaxFrameBytes)
        {
            this.wsHardMaxFrameBytes = wsHardMaxFrameBytes;
            return this;
        }

        /**
         * Inbound frames allowed per socket per rate window.
         *
         * @return the count.
         */
        public int wsFramesPerWindow()
        {
            return wsFramesPerWindow;
        }

        /**
         * Inbound frames allowed per socket per fixed rate window; more get {@code rate_limited}.
         *
         * @param wsFramesPerWindow the count.
         * @return this for a fluent API.
         */
        public Context wsFramesPerWindow(final int wsFramesPerWindow)
        {
            this.wsFramesPerWindow = wsFramesPerWindow;
            return this;
        }

        /**
         * Length of the fixed rate window.
         *
         * @return milliseconds.
         */
        public long wsRateWindowMs()
        {
            return wsRateWindowMs;
        }

        /**
         * Length of the fixed rate window.
         *
         * @param wsRateWindowMs milliseconds.
         * @return this for a fluent API.
         */
        public Context wsRateWindowMs(final long wsRateWindowMs)
        {
            this.wsRateWindowMs = wsRateWindowMs;
            return this;
        }

        /**
         * Outbound backlog at which a socket that does not read its replies is closed.
         *
         * @return bytes.
         */
        public int wsMaxPendingBytes()
        {
            return wsMaxPendingBytes;
        }

        /**
         * Outbound backlog at which a socket that does not read its replies is closed (server pushes are dropped
         * well before, at the high water mark).
         *
         * @param wsMaxPendingBytes bytes.
         * @return this for a fluent API.
         */
        public Context wsMaxPendingBytes(final int wsMaxPendingBytes)
        {
            this.wsMaxPendingBytes = wsMaxPendingBytes;
            return this;
        }

        /**
         * Joins ({@code match.join}, {@code match.find_or_create}) allowed per player per join window.
         *
         * @return the count.
         */
        public int joinsPerWindow()
        {
            return joinsPerWindow;
        }

        /**
         * Joins ({@code match.join}, {@code match.find_or_create}) allowed per player per join window, over all of
         * the player's sockets; more get {@code join_rate_limited}.
         *
         * @param joinsPerWindow the count.
         * @return this for a fluent API.
         */
        public Context joinsPerWindow(final int joinsPerWindow)
        {
            this.joinsPerWindow = joinsPerWindow;
            return this;
        }

        /**
         * WebSocket upgrades allowed per client address per second; 0 turns the limit off.
         *
         * @return the count.
         */
        public int wsConnectsPerSecond()
        {
            return wsConnectsPerSecond;
        }

        /**
         * WebSocket upgrades allowed per client address per second; more are upgraded and closed at once with 1008
         * {@code rate_limited} (asobi-spec §4.2.1). 0 turns the limit off.
         *
         * @param wsConnectsPerSecond the count.
         * @return this for a fluent API.
         */
        public Context wsConnectsPerSecond(final int wsConnectsPerSecond)
        {
            this.wsConnectsPerSecond = wsConnectsPerSecond;
            return this;
        }

        /**
         * Origins allowed to open WebSockets; empty allows every origin.
         *
         * @return an unmodifiable set.
         */
        public java.util.Set<String> wsAllowedOrigins()
        {
            return wsAllowedOrigins;
        }

        /**
         * Origins ({@code scheme://host[:port]}) allowed to open WebSockets; an upgrade carrying another
         * {@code Origin} is closed at once with 1008 {@code origin_rejected}. Empty (the default) allows all, and a
         * request without an {@code Origin} header (a non-browser client) is always allowed.
         *
         * @param wsAllowedOrigins the origins.
         * @return this for a fluent API.
         */
        public Context wsAllowedOrigins(final java.util.Set<String> wsAllowedOrigins)
        {
            this.wsAllowedOrigins = java.util.Set.copyOf(wsAllowedOrigins);
            return this;
        }

        /**
         * Requests to {@code /api/v1/auth/*} allowed per client address per second; 0 turns the limit off.
         *
         * @return the count.
         */
        public int httpAuthPerSecond()
        {
            return httpAuthPerSecond;
        }

        /**
         * Requests to {@code /api/v1/auth/*} allowed per client address per second; more get 429
         * {@code rate_limited} with {@code retry_after}. 0 turns the limit off.
         *
         * @param httpAuthPerSecond the count.
         * @return this for a fluent API.
         */
        public Context httpAuthPerSecond(final int httpAuthPerSecond)
        {
            this.httpAuthPerSecond = httpAuthPerSecond;
            return this;
        }

        /**
         * Registrations allowed per client address per second; 0 turns the limit off.
         *
         * @return the count.
         */
        public int httpRegisterPerSecond()
        {
            return httpRegisterPerSecond;
        }

        /**
         * Registrations allowed per client address per second (within the auth limit); 0 turns the limit off.
         *
         * @param httpRegisterPerSecond the count.
         * @return this for a fluent API.
         */
        public Context httpRegisterPerSecond(final int httpRegisterPerSecond)
        {
            this.httpRegisterPerSecond = httpRegisterPerSecond;
            return this;
        }

        /**
         * Authenticated {@code /api/v1} requests allowed per player per second; 0 turns the limit off.
         *
         * @return the count.
         */
        public int httpApiPerSecond()
        {
            return httpApiPerSecond;
        }

        /**
         * Authenticated {@code /api/v1} requests allowed per player per second; 0 turns the limit off.
         *
         * @param httpApiPerSecond the count.
         * @return this for a fluent API.
         */
        public Context httpApiPerSecond(final int httpApiPerSecond)
        {
            this.httpApiPerSecond = httpApiPerSecond;
            return this;
        }

        /**
         * Length of the join window.
         *
         * @return milliseconds.
         */
        public long joinWindowMs()
        {
            return joinWindowMs;
        }

        /**
         * Length of the join window.
         *
         * @param joinWindowMs milliseconds.
         * @return this for a fluent API.
         */
        public Context joinWindowMs(final long joinWindowMs)
        {
            this.joinWindowMs = joinWindowMs;
            return this;
        }

        /**
         * Least time between two {@code not_in_match} hints on one socket.
         *
         * @return milliseconds.
         */
        public long notInMatchHintIntervalMs()
        {
            return notInMatchHintIntervalMs;
        }

        /**
         * Least time between two {@code not_in_match} hints on one socket.
         *
         * @param notInMatchHintIntervalMs milliseconds; 0 hints on every input.
         * @return this for a fluent API.
         */
        public Context notInMatchHintIntervalMs(final long notInMatchHintIntervalMs)
        {
            this.notInMatchHintIntervalMs = notInMatchHintIntervalMs;
            return this;
        }

        /**
         * Largest HTTP request body.
         *
         * @return bytes.
         */
        public int httpMaxBodyBytes()
        {
            return httpMaxBodyBytes;
        }

        /**
         * Largest HTTP request body; a larger one gets 413 {@code payload_too_large}.
         *
         * @param httpMaxBodyBytes bytes.
         * @return this for a fluent API.
         */
        public Context httpMaxBodyBytes(final int httpMaxBodyBytes)
        {
            this.httpMaxBodyBytes = httpMaxBodyBytes;
            return this;
        }

        /**
         * Pipelined HTTP requests held on one connection while an earlier one is answered.
         *
         * @return the count.
         */
        public int httpMaxPipelinedRequests()
        {
            return httpMaxPipelinedRequests;
        }

        /**
         * Pipelined HTTP requests held on one connection while an earlier one is answered; a connection that
         * pipelines more is closed.
         *
         * @param httpMaxPipelinedRequests the count.
         * @return this for a fluent API.
         */
        public Context httpMaxPipelinedRequests(final int httpMaxPipelinedRequests)
        {
            this.httpMaxPipelinedRequests = httpMaxPipelinedRequests;
            return this;
        }

        /**
         * Time a WebSocket may stay silent (no frame at all, heartbeats included) before it is closed with 1001
         * {@code idle_timeout}; 0 never closes.
         *
         * @return milliseconds.
         */
        public long wsIdleTimeoutMs()
        {
            return wsIdleTimeoutMs;
        }

        /**
         * Time a WebSocket may stay silent before it is closed with 1001 {@code idle_timeout}; 0 never closes.
         *
         * @param wsIdleTimeoutMs milliseconds.
         * @return this for a fluent API.
         */
        public Context wsIdleTimeoutMs(final long wsIdleTimeoutMs)
        {
            this.wsIdleTimeoutMs = wsIdleTimeoutMs;
            return this;
        }

        /**
         * Time an HTTP connection may stay silent before it is closed.
         *
         * @return milliseconds.
         */
        public long httpIdleTimeoutMs()
        {
            return httpIdleTimeoutMs;
        }

        /**
         * Time an HTTP (not yet upgraded) connection may stay silent before it is closed; WebSocket connections are
         * governed by {@link #wsIdleAuthTimeoutMs()} instead.
         *
         * @param httpIdleTimeoutMs milliseconds.
         * @return this for a fluent API.
         */
        public Context httpIdleTimeoutMs(final long httpIdleTimeoutMs)
        {
            this.httpIdleTimeoutMs = httpIdleTimeoutMs;
            return this;
        }

        /**
         * Outbound low water mark of each connection.
         *
         * @return bytes.
         */
        public int writeBufferLowWaterMarkBytes()
        {
            return writeBufferLowWaterMarkBytes;
        }

        /**
         * Outbound low water mark of each connection: a connection becomes writable again below it.
         *
         * @param writeBufferLowWaterMarkBytes bytes.
         * @return this for a fluent API.
         */
        public Context writeBufferLowWaterMarkBytes(final int writeBufferLowWaterMarkBytes)
        {
            this.writeBufferLowWaterMarkBytes = writeBufferLowWaterMarkBytes;
            return this;
        }

        /**
         * Outbound high water mark of each connection.
         *
         * @return bytes.
         */
        public int writeBufferHighWaterMarkBytes()
        {
            return writeBufferHighWaterMarkBytes;
        }

        /**
         * Outbound high water mark of each connection: above it the connection is not writable and server pushes
         * to it are dropped and counted.
         *
         * @param writeBufferHighWaterMarkBytes bytes.
         * @return this for a fluent API.
         */
        public Context writeBufferHighWaterMarkBytes(final int writeBufferHighWaterMarkBytes)
        {
            this.writeBufferHighWaterMarkBytes = writeBufferHighWaterMarkBytes;
            return this;
        }

        /**
         * {@code Access-Control-Allow-Origin} sent with HTTP responses.
         *
         * @return the value, or null when CORS headers are off.
         */
        public String corsAllowOrigin()
        {
            return corsAllowOrigin;
        }

        /**
         * {@code Access-Control-Allow-Origin} sent with HTTP responses (bearer tokens, no cookies, so {@code *} is
         * safe).
         *
         * @param corsAllowOrigin the value, or null to send no CORS headers.
         * @return this for a fluent API.
         */
        public Context corsAllowOrigin(final String corsAllowOrigin)
        {
            this.corsAllowOrigin = corsAllowOrigin;
            return this;
        }

        /**
         * Extra readiness condition for {@code /ready} (ANDed with {@link Accounts#isReady()}).
         *
         * @return the supplier.
         */
        public BooleanSupplier readiness()
        {
            return readiness;
        }

        /**
         * Extra readiness condition for {@code /ready} (ANDed with {@link Accounts#isReady()}); flip it to false to
         * drain before shutdown. Called on I/O threads: must not block.
         *
         * @param readiness the supplier.
         * @return this for a fluent API.
         */
        public Context readiness(final BooleanSupplier readiness)
        {
            this.readiness = readiness;
            return this;
        }

        /**
         * Extra entries for the {@code details} of {@code /health}.
         *
         * @return the supplier.
         */
        public Supplier<Map<String, Object>> healthDetails()
        {
            return healthDetails;
        }

        /**
         * Extra entries for the {@code details} of {@code /health} (values: strings, numbers, booleans, maps,
         * lists). Called on I/O threads: must not block.
         *
         * @param healthDetails the supplier.
         * @return this for a fluent API.
         */
        public Context healthDetails(final Supplier<Map<String, Object>> healthDetails)
        {
            this.healthDetails = healthDetails;
            return this;
        }

        /**
         * Quiet period when releasing the event loops.
         *
         * @return milliseconds.
         */
        public long shutdownQuietPeriodMs()
        {
            return shutdownQuietPeriodMs;
        }

        /**
         * Quiet period when releasing the event loops (tasks submitted during it delay termination).
         *
         * @param shutdownQuietPeriodMs milliseconds.
         * @return this for a fluent API.
         */
        public Context shutdownQuietPeriodMs(final long shutdownQuietPeriodMs)
        {
            this.shutdownQuietPeriodMs = shutdownQuietPeriodMs;
            return this;
        }

        /**
         * Bound on each step of {@link Gateway#close()}.
         *
         * @return milliseconds.
         */
        public long shutdownTimeoutMs()
        {
            return shutdownTimeoutMs;
        }

        /**
         * Bound on each step of {@link Gateway#close()}.
         *
         * @param shutdownTimeoutMs milliseconds.
         * @return this for a fluent API.
         */
        public Context shutdownTimeoutMs(final long shutdownTimeoutMs)
        {
            this.shutdownTimeoutMs = shutdownTimeoutMs;
            return this;
        }
    }
}
