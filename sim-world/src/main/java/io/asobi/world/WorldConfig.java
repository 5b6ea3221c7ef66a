package io.asobi.world;

/**
 * The shape of a world mode (asobi-spec §1.1 Worlds, §6): read when a world is created; a new shape applies to worlds
 * created afterwards.
 *
 * @param name              mode name, 1 to 64 characters.
 * @param gridSize          zones per side: zone coordinates are {@code 0 ≤ x, y < gridSize}; 1..{@value #MAX_GRID_SIZE}.
 * @param zoneSize          side of a zone in world units; positive and finite.
 * @param viewRadius        a player sees the {@code (2r+1)²} zones around the zone owning its entity;
 *                          0..{@value #MAX_VIEW_RADIUS}.
 * @param tickRateHz        zone ticks per second, 1..60.
 * @param broadcastInterval zone ticks between two delta broadcasts, 1..{@value #MAX_BROADCAST_INTERVAL}.
 * @param maxPlayers        players a world admits (attached and detached); at least 1.
 * @param playerTtlMs       how long a disconnected player's entity is kept: 0 removes it at once, -1 keeps it for
 *                          ever, else milliseconds.
 * @param emptyGraceMs      how long an empty, non-persistent world lives on before it finishes; 0 finishes it when the
 *                          last player leaves.
 * @param persistent        whether an empty world lives on for ever.
 * @param listed            whether {@code world.list} shows its worlds.
 * @param quickPlay         whether {@code world.find_or_create} may use it.
 * @param terrain           the world's terrain and how it streams, or null for none (the default).
 */
public record WorldConfig(
    String name,
    int gridSize,
    double zoneSize,
    int viewRadius,
    int tickRateHz,
    int broadcastInterval,
    int maxPlayers,
    long playerTtlMs,
    long emptyGraceMs,
    boolean persistent,
    boolean listed,
    boolean quickPlay,
    WorldTerrain terrain)
{
    /** Asobi's default grid size. */
    public static final int DEFAULT_GRID_SIZE = 10;
    /** Asobi's default zone size. */
    public static final double DEFAULT_ZONE_SIZE = 200;
    /** Asobi's default view radius (a 3×3 ring). */
    public static final int DEFAULT_VIEW_RADIUS = 1;
    /** Asobi's default world tick rate (50 ms). */
    public static final int DEFAULT_TICK_RATE_HZ = 20;
    /** Asobi's default broadcast interval in ticks. */
    public static final int DEFAULT_BROADCAST_INTERVAL = 3;
    /** Asobi's default player cap of a world. */
    public static final int DEFAULT_MAX_PLAYERS = 500;
    /** Largest accepted grid size. */
    public static final int MAX_GRID_SIZE = 1 << 15;
    /** Largest accepted view radius. */
    public static final int MAX_VIEW_RADIUS = 8;
    /** Largest accepted broadcast interval. */
    public static final int MAX_BROADCAST_INTERVAL = 1000;
    /** {@link #playerTtlMs()} value that keeps a disconnected player's entity for ever. */
    public static final long TTL_FOREVER = -1;

    /**
     * A shape without terrain.
     *
     * @param name              mode name.
     * @param gridSize          zones per side.
     * @param zoneSize          side of a zone in world units.
     * @param viewRadius        view radius in zones.
     * @param tickRateHz        zone ticks per second.
     * @param broadcastInterval zone ticks between broadcasts.
     * @param maxPlayers        player cap.
     * @param playerTtlMs       reconnect grace.
     * @param emptyGraceMs      life of an empty world.
     * @param persistent        whether an empty world lives for ever.
     * @param listed            shown by {@code world.list}.
     * @param quickPlay         usable by {@code world.find_or_create}.
     */
    public WorldConfig(
        final String name,
        final int gridSize,
        final double zoneSize,
        final int viewRadius,
        final int tickRateHz,
        final int broadcastInterval,
        final int maxPlayers,
        final long playerTtlMs,
        final long emptyGraceMs,
        final boolean persistent,
        final boolean listed,
        final boolean quickPlay)
    {
        this(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers, playerTtlMs,
            emptyGraceMs, persistent, listed, quickPlay, null);
    }

    /**
     * Asobi's defaults for a mode name: grid 10, zone 200, view radius 1, 20 Hz, broadcast every 3 ticks, 500
     * players, no reconnect grace, not persistent, not listed, no quick play.
     *
     * @param name mode name.
     * @return the default shape.
     */
    public static WorldConfig defaults(final String name)
    {
        return new WorldConfig(name, DEFAULT_GRID_SIZE, DEFAULT_ZONE_SIZE, DEFAULT_VIEW_RADIUS, DEFAULT_TICK_RATE_HZ,
            DEFAULT_BROADCAST_INTERVAL, DEFAULT_MAX_PLAYERS, 0, 0, false, false, false);
    }

    /**
     * @param gridSize  zones per side.
     * @param zoneSize  side of a zone.
     * @param viewRadius view radius in zones.
     * @return a copy with that grid.
     */
    public WorldConfig withGrid(final int gridSize, final double zoneSize, final int viewRadius)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * @param tickRateHz        zone ticks per second.
     * @param broadcastInterval ticks between broadcasts.
     * @return a copy with those rates.
     */
    public WorldConfig withRates(final int tickRateHz, final int broadcastInterval)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * @param maxPlayers player cap.
     * @return a copy with that cap.
     */
    public WorldConfig withMaxPlayers(final int maxPlayers)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * @param playerTtlMs  reconnect grace ({@link #TTL_FOREVER} for ever).
     * @param emptyGraceMs life of an empty world.
     * @param persistent   whether an empty world lives for ever.
     * @return a copy with that lifecycle.
     */
    public WorldConfig withLifecycle(final long playerTtlMs, final long emptyGraceMs, final boolean persistent)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * @param listed    shown by {@code world.list}.
     * @param quickPlay usable by {@code world.find_or_create}.
     * @return a copy with that discovery.
     */
    public WorldConfig withDiscovery(final boolean listed, final boolean quickPlay)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * @param terrain the terrain, or null for none.
     * @return a copy with that terrain.
     */
    public WorldConfig withTerrain(final WorldTerrain terrain)
    {
        return new WorldConfig(name, gridSize, zoneSize, viewRadius, tickRateHz, broadcastInterval, maxPlayers,
            playerTtlMs, emptyGraceMs, persistent, listed, quickPlay, terrain);
    }

    /**
     * Why this shape cannot make a world.
     *
     * @return a message naming the first invalid setting, or null if valid.
     */
    public String problem()
    {
        if (null == name || name.isEmpty() || name.length() > 64)
        {
            return "name must be 1..64 characters: " + name;
        }
        if (gridSize < 1 || gridSize > MAX_GRID_SIZE)
        {
            return "gridSize must be in 1.." + MAX_GRID_SIZE + ": " + gridSize;
        }
        if (!(zoneSize > 0) || Double.isInfinite(zoneSize))
        {
            return "zoneSize must be positive and finite: " + zoneSize;
        }
        if (viewRadius < 0 || viewRadius > MAX_VIEW_RADIUS)
        {
            return "viewRadius must be in 0.." + MAX_VIEW_RADIUS + ": " + viewRadius;
        }
        if (tickRateHz < 1 || tickRateHz > 60)
        {
            return "tickRateHz must be in 1..60: " + tickRateHz;
        }
        if (broadcastInterval < 1 || broadcastInterval > MAX_BROADCAST_INTERVAL)
        {
            return "broadcastInterval must be in 1.." + MAX_BROADCAST_INTERVAL + ": " + broadcastInterval;
        }
        if (maxPlayers < 1)
        {
            return "maxPlayers must be at least 1: " + maxPlayers;
        }
        if (playerTtlMs < TTL_FOREVER)
        {
            return "playerTtlMs must be -1 (for ever) or >= 0: " + playerTtlMs;
        }
        if (emptyGraceMs < 0)
        {
            return "emptyGraceMs must be >= 0: " + emptyGraceMs;
        }
        return null == terrain ? null : terrain.problem();
    }
}
