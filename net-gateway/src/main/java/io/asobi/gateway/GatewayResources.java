package io.asobi.gateway;

import io.asobi.match.MatchService;
import io.asobi.metagame.Accounts;
import io.netty.channel.group.ChannelGroup;

import java.util.concurrent.atomic.LongAdder;

/**
 * What every connection of one {@link Gateway} shares: configuration, services, limiters and counters.
 * <p>
 * <b>Note:</b> thread safe; the members are immutable or concurrent.
 */
final class GatewayResources
{
    final Gateway.Context ctx;
    final Accounts accounts;
    final MatchService matches;
    final io.asobi.world.WorldService worlds;
    final Sessions sessions;
    final ChannelGroup channels;
    final KeyedRateLimiter joinLimiter;
    final KeyedRateLimiter httpAuthLimiter;
    final KeyedRateLimiter httpRegisterLimiter;
    final KeyedRateLimiter httpApiLimiter;
    final KeyedRateLimiter wsConnectLimiter;
    final StaticFiles staticFiles;
    final RestSupport restSupport;
    final java.util.List<RestRoutes> restRoutes;
    final RestApi restApi;
    final WsDispatcher wsDispatcher;
    final LongAdder inputBackPressureCount = new LongAdder();
    volatile boolean isClosing;

    GatewayResources(final Gateway.Context ctx, final ChannelGroup channels)
    {
        this.ctx = ctx;
        this.channels = channels;
        accounts = ctx.accounts();
        matches = ctx.matches();
        worlds = ctx.worlds();
        sessions = ctx.sessions();
        joinLimiter = new KeyedRateLimiter(ctx.nanoClock(), ctx.joinsPerWindow(), ctx.joinWindowMs());
        httpAuthLimiter = httpLimiter(ctx, ctx.httpAuthPerSecond());
        httpRegisterLimiter = httpLimiter(ctx, ctx.httpRegisterPerSecond());
        httpApiLimiter = httpLimiter(ctx, ctx.httpApiPerSecond());
        wsConnectLimiter = httpLimiter(ctx, ctx.wsConnectsPerSecond());
        staticFiles = null == ctx.webRoot() ? null : new StaticFiles(ctx.webRootClassLoader(), ctx.webRoot());
        restSupport = new RestSupport(this);
        restRoutes = routes(ctx.metagame());
        restApi = new RestApi(this);
        wsDispatcher = new WsDispatcher(this);
    }

    /** The route groups beyond the core ones, for the metagame services present. */
    private java.util.List<RestRoutes> routes(final io.asobi.metagame.MetagameServices metagame)
    {
        if (null == metagame)
        {
            return java.util.List.of();
        }
        return java.util.List.of(new OpsRoutes(restSupport, metagame), new EconomyRoutes(restSupport, metagame),
            new LeaderboardRoutes(restSupport, metagame),
            new StorageRoutes(restSupport, metagame),
            new PlayerAdminRoutes(restSupport, metagame, null == httpApiLimiter ? null :
                new KeyedRateLimiter(ctx.nanoClock(), PlayerAdminRoutes.ERASES_PER_WINDOW,
                    PlayerAdminRoutes.ERASE_WINDOW_MS)));
    }

    private static KeyedRateLimiter httpLimiter(final Gateway.Context ctx, final int perSecond)
    {
        return 0 == perSecond ? null : new KeyedRateLimiter(ctx.nanoClock(), perSecond, 1_000);
    }

    /**
     * Whether {@code /ready} answers ready: not closing, the readiness supplier and the accounts service agree.
     *
     * @return true when ready; false also if a check throws.
     */
    boolean isReady()
    {
        if (isClosing)
        {
            return false;
        }
        try
        {
            return ctx.readiness().getAsBoolean() && accounts.isReady();
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
