package io.asobi.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.client.AsobiClient;
import io.asobi.client.Session;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code asobi load world}: N bots in ONE world over the real protocol. Each bot signs up, opens {@code /ws},
 * sends {@code session.connect} and {@code world.find_or_create {mode}} (or {@code world.join {world_id}}), then
 * sends {@code world.input {dx, dy}} at a fixed rate on a random walk. Joins are ramped. After a warm-up the bots'
 * counters and the server's world tick report ({@code /health}) are read, then again after the measured interval;
 * the report gives bytes and frames per player per second (spread over bots), the {@code world.tick} mix (deltas,
 * keyframes, leave-removals) and the server's step times and tick-thread load for the world.
 * <p>
 * One Netty client (epoll when available) holds every socket; the server must run without its HTTP and WebSocket
 * connect rate limits ({@code serve --no-http-rate-limits}) and with a world mode admitting N players.
 */
@Command(name = "world", mixinStandardHelpOptions = true,
    description = "N bots in one world sending inputs; reports bytes/frames per player and the world's tick times.")
final class WorldLoad implements Callable<Integer>
{
    static final int MAX_BOTS = 10_000;
    static final int MAX_FRAME_BYTES = 1 << 20;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--mode", defaultValue = "world", description = "World mode to find or create (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--world-id", description = "Join this world instead of find-or-create.")
    String worldId;

    @Option(names = "--bots", defaultValue = "200", description = "Bot players (default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--input-rate", defaultValue = "5", description = "world.input per second per bot (default ${DEFAULT-VALUE}).")
    double inputRate;

    @Option(names = "--join-rate", defaultValue = "200", description = "Bots joining per second (default ${DEFAULT-VALUE}).")
    double joinRate;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured interval (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10",
        description = "Played after the last join and not reported (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--io-threads", defaultValue = "2", description = "Client event loops (default ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--register-threads", defaultValue = "4",
        description = "Parallel sign-ups (default ${DEFAULT-VALUE}).")
    int registerThreads;

    @Override
    public Integer call() throws Exception
    {
        if (bots < 1 || bots > MAX_BOTS || inputRate <= 0 || inputRate > 60 || joinRate <= 0 || seconds < 1 ||
            warmupSeconds < 0 || ioThreads < 1 || registerThreads < 1)
        {
            System.err.println("need 1 <= bots <= " + MAX_BOTS + ", 0 < input-rate <= 60, join-rate > 0, " +
                "seconds >= 1, warmup-seconds >= 0, io-threads >= 1, register-threads >= 1");
            return 2;
        }
        final AsobiClient client = LoadSupport.client(url);
        final long registerStartNs = System.nanoTime();
        final List<Session> accounts = LoadSupport.registerPlayers(client, bots, registerThreads);
        System.out.printf("registered %d players in %.1f s%n", bots, (System.nanoTime() - registerStartNs) / 1e9);

        final boolean isEpoll = Epoll.isAvailable();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads,
            isEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        final List<WorldBot> fleet = new ArrayList<>(bots);
        try
        {
            final URI ws = URI.create(("https".equals(url.getScheme()) ? "wss" : "ws") + "://" +
                url.getRawAuthority() + "/ws");
            final Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(isEpoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
            final long joinStartNs = System.nanoTime();
            final long joinIntervalNs = (long)(TimeUnit.SECONDS.toNanos(1) / joinRate);
            for (int i = 0; i < bots; i++)
            {
                final long dueNs = joinStartNs + i * joinIntervalNs;
                final long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0)
                {
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                }
                final WorldBot bot = new WorldBot(accounts.get(i).accessToken(), mode, worldId, inputRate, 42L + i);
                fleet.add(bot);
                connect(bootstrap, ws, bot);
            }
            final Map<String, Integer> worlds = new HashMap<>();
            final Map<String, Integer> joinErrors = new HashMap<>();
            for (final WorldBot bot : fleet)
            {
                try
                {
                    worlds.merge(String.valueOf(bot.joined().get(60, TimeUnit.SECONDS)), 1, Integer::sum);
                }
                catch (final Exception ex)
                {
                    final Throwable cause = null == ex.getCause() ? ex : ex.getCause();
                    joinErrors.merge(String.valueOf(cause.getMessage()), 1, Integer::sum);
                }
            }
            final int joinedCount = worlds.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%d of %d bots joined in %.1f s (%s, %s, %d join retries after server_busy); " +
                "worlds: %s%n", joinedCount, bots, (System.nanoTime() - joinStartNs) / 1e9,
                isEpoll ? "epoll" : "nio", 1 == worlds.size() ? "one world" : worlds.size() + " worlds",
                fleet.stream().mapToInt(WorldBot::joinRetries).sum(), worlds);
            joinErrors.forEach((reason, count) -> System.out.println("  join failed x" + count + ": " + reason));
            if (0 == joinedCount)
            {
                return 1;
            }
            final String mainWorld = worlds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

            System.out.printf("sending %.1f inputs/s per bot: %d s warm-up, then %d s measured%n",
                inputRate, warmupSeconds, seconds);
            TimeUnit.SECONDS.sleep(warmupSeconds);
            final long countStartNs = System.nanoTime();
            final List<WorldLoadReport.Counters> before = counters(fleet);
            final JsonNode health0 = health(client);
            final long healthStartNs = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            final long countEndNs = System.nanoTime();
            final List<WorldLoadReport.Counters> after = counters(fleet);
            final JsonNode health1 = health(client);
            final long healthEndNs = System.nanoTime();

            report(fleet, before, after, (countEndNs - countStartNs) / 1e9, mainWorld, health0, health1,
                (healthEndNs - healthStartNs) / 1e9, joinedCount, joinErrors);
            final long lost = fleet.stream().filter(WorldBot::isLost).count();
            return 0 == lost && joinErrors.isEmpty() ? 0 : 1;
        }
        finally
        {
            fleet.forEach(WorldBot::stop);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void connect(final Bootstrap bootstrap, final URI ws, final WorldBot bot)
    {
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(ws)
            .version(WebSocketVersion.V13)
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .handshakeTimeoutMillis(30_000)
            .build();
        final ChannelFuture connected = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>()
        {
            @Override
            protected void initChannel(final SocketChannel ch)
            {
                ch.pipeline().addLast(
                    bot.wireCounter(),
                    new HttpClientCodec(),
                    new HttpObjectAggregator(64 * 1024),
                    new WebSocketClientProtocolHandler(config),
                    new WebSocketFrameAggregator(MAX_FRAME_BYTES),
                    bot);
            }
        }).connect(ws.getHost(), ws.getPort());
        connected.addListener(f ->
        {
            if (!f.isSuccess())
            {
                bot.joined().completeExceptionally(f.cause());
            }
        });
    }

    private static JsonNode health(final AsobiClient client)
    {
        return client.request("GET", "/health", null, null).body();
    }

    /** Every bot's counters, asked of all event loops at once so the copies are taken close together. */
    private static List<WorldLoadReport.Counters> counters(final List<WorldBot> fleet) throws Exception
    {
        final List<CompletableFuture<WorldLoadReport.Counters>> pending = new ArrayList<>(fleet.size());
        for (final WorldBot bot : fleet)
        {
            pending.add(bot.counters());
        }
        final List<WorldLoadReport.Counters> out = new ArrayList<>(fleet.size());
        for (final CompletableFuture<WorldLoadReport.Counters> c : pending)
        {
            out.add(c.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static void report(
        final List<WorldBot> fleet,
        final List<WorldLoadReport.Counters> before,
        final List<WorldLoadReport.Counters> after,
        final double elapsedS,
        final String worldId,
        final JsonNode health0,
        final JsonNode health1,
        final double healthElapsedS,
        final int joinedCount,
        final Map<String, Integer> joinErrors)
    {
        final List<WorldLoadReport.Counters> deltas = new ArrayList<>();
        long errorFrames = 0;
        String firstError = null;
        long lost = 0;
        for (int i = 0; i < fleet.size(); i++)
        {
            final WorldBot bot = fleet.get(i);
            if (!bot.joined().isDone() || bot.joined().isCompletedExceptionally())
            {
                continue;
            }
            final WorldLoadReport.Counters d = WorldLoadReport.delta(before.get(i), after.get(i));
            deltas.add(d);
            errorFrames += d.frames()[WorldFrameKind.ERROR.ordinal()];
            if (null == firstError && d.frames()[WorldFrameKind.ERROR.ordinal()] > 0)
            {
                firstError = bot.firstError();
            }
            lost += bot.isLost() ? 1 : 0;
        }
        final WorldLoadReport.Counters total = WorldLoadReport.sum(deltas);
        System.out.printf("== %d bots in world %s, %.1f s measured%n", joinedCount, worldId, elapsedS);
        System.out.printf("errors: join %d, error frames %d, connections lost %d%s%n",
            joinErrors.values().stream().mapToInt(Integer::intValue).sum(), errorFrames, lost,
            null == firstError ? "" : " (first: " + firstError + ")");
        final double botSeconds = Math.max(1e-9, total.atNs() / 1e9);
        System.out.printf("inputs sent: %d (%.1f/s per bot)%n", total.inputsSent(), total.inputsSent() / botSeconds);
        System.out.println("bytes/player/s (JSON payload): " +
            WorldLoadReport.payloadBytesPerSecond(deltas).format("B/s"));
        System.out.println("bytes/player/s (TCP, WebSocket headers included): " +
            WorldLoadReport.wireBytesPerSecond(deltas).format("B/s"));
        System.out.println("frames/player/s: " + WorldLoadReport.framesPerSecond(deltas).format("frames/s"));
        for (final WorldFrameKind kind : WorldFrameKind.VALUES)
        {
            final long n = total.frames()[kind.ordinal()];
            final long b = total.payloadBytes()[kind.ordinal()];
            System.out.printf("  %-14s %10d frames %8.1f/player/s %10.0f B/player/s %8.0f B avg%n",
                kind.name().toLowerCase(), n, n / botSeconds, b / botSeconds, 0 == n ? 0.0 : (double)b / n);
        }
        final long deltasN = total.frames()[WorldFrameKind.TICK_DELTA.ordinal()];
        final long keyframesN = total.frames()[WorldFrameKind.TICK_KEYFRAME.ordinal()];
        System.out.printf("world.tick: %d deltas vs %d keyframes (%.2f keyframes per 100 deltas)%n",
            deltasN, keyframesN, 0 == deltasN ? 0.0 : keyframesN * 100.0 / deltasN);

        final JsonNode details0 = health0.path("details");
        final JsonNode details1 = health1.path("details");
        System.out.printf("server gateway (between /health reads): inputs refused by back pressure %d, " +
            "frames sent %d, frames dropped (slow consumers) %d%n",
            details1.path("inputs_back_pressured").asLong() - details0.path("inputs_back_pressured").asLong(),
            details1.path("frames_sent").asLong() - details0.path("frames_sent").asLong(),
            details1.path("frames_dropped").asLong() - details0.path("frames_dropped").asLong());

        final JsonNode world = findWorld(health1, worldId);
        if (null == world)
        {
            System.out.println("server: world " + worldId + " not in /health details.worlds: " +
                health1.path("details").path("worlds"));
            return;
        }
        final JsonNode world0 = findWorld(health0, worldId);
        final JsonNode step = world.path("step_us");
        final long ticks = world.path("ticks").asLong() - (null == world0 ? 0 : world0.path("ticks").asLong());
        System.out.printf("server world (%.1f s between /health reads): players %d, live zones %d, ticks %d " +
            "(%.1f/s), overruns %d%n", healthElapsedS,
            world.path("players").asInt(), world.path("live_zones").asInt(), ticks, ticks / healthElapsedS,
            world.path("overruns").asLong() - (null == world0 ? 0 : world0.path("overruns").asLong()));
        System.out.printf("server world step (µs): n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f%n",
            step.path("count").asLong(), step.path("p50").asDouble(), step.path("p90").asDouble(),
            step.path("p99").asDouble(), step.path("max").asDouble());
        final int thread = world.path("tick_thread").asInt();
        final double cpu0 = tickThreadCpuMs(health0, thread);
        final double cpu1 = tickThreadCpuMs(health1, thread);
        System.out.printf("server world tick thread %d: %.1f %% of a core busy, %.0f µs CPU per world tick " +
            "(zones and input draining included)%n", thread,
            WorldLoadReport.busyPercent(cpu0, cpu1, healthElapsedS), WorldLoadReport.cpuUsPerTick(cpu0, cpu1, ticks));
        System.out.println("server heap used: " + health1.path("details").path("heap_used_bytes").asLong() / 1_048_576 +
            " MiB");
    }

    private static JsonNode findWorld(final JsonNode health, final String worldId)
    {
        for (final JsonNode w : health.path("details").path("worlds").path("worlds"))
        {
            if (worldId.equals(w.path("world_id").asText()))
            {
                return w;
            }
        }
        return null;
    }

    private static double tickThreadCpuMs(final JsonNode health, final int index)
    {
        for (final JsonNode t : health.path("details").path("worlds").path("tick_threads"))
        {
            if (index == t.path("index").asInt() && t.has("cpu_ms"))
            {
                return t.path("cpu_ms").asDouble();
            }
        }
        return -1;
    }
}
