package io.asobi.jmh;

/**
 * The B4 baseline: the same six {@link ZoneSystems} over plain arrays (one array per field, NPCs and players
 * apart), with the same entity counts, zone square, speeds, seeds and systems order as {@link ZoneSystemsLogic}, and
 * nothing around them: no ECS, no zone, no tick engine, no crossings scan.
 */
final class ArraysZone
{
    private final int npcs;
    private final int players;
    private final double min;
    private final double max;
    private final double speed;
    private final double hitRadius;
    private final double dt;

    private final double[] nx;
    private final double[] ny;
    private final double[] nvx;
    private final double[] nvy;
    private final int[] wanderTicks;
    private final int[] wanderRng;
    private final int[] hp;
    private final int[] npcCooldown;
    private final double[] px;
    private final double[] py;
    private final double[] pvx;
    private final double[] pvy;
    private final int[] playerCooldown;
    private final int[] playerHits;
    private final int[] hitCounts;
    private final ZoneSystems.Grid grid;

    long ticks;
    long timersFired;
    long hits;
    long deaths;

    ArraysZone(
        final int npcs, final int players, final double min, final double size, final double speed,
        final double hitRadius, final int tickRateHz, final long seed)
    {
        this.npcs = npcs;
        this.players = players;
        this.min = min;
        this.max = min + size;
        this.speed = speed;
        this.hitRadius = hitRadius;
        this.dt = 1.0 / tickRateHz;
        nx = new double[npcs];
        ny = new double[npcs];
        nvx = new double[npcs];
        nvy = new double[npcs];
        wanderTicks = new int[npcs];
        wanderRng = new int[npcs];
        hp = new int[npcs];
        npcCooldown = new int[npcs];
        px = new double[players];
        py = new double[players];
        pvx = new double[players];
        pvy = new double[players];
        playerCooldown = new int[players];
        playerHits = new int[players];
        hitCounts = new int[Math.max(16, npcs)];
        grid = new ZoneSystems.Grid(min, size, hitRadius, npcs);

        int rng = (int)(seed ^ (seed >>> 32)) | 1;
        for (int i = 0; i < npcs; i++)
        {
            rng = ZoneSystems.xorshift(rng);
            nx[i] = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            rng = ZoneSystems.xorshift(rng);
            ny[i] = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            wanderTicks[i] = 1 + i % ZoneSystems.WANDER_MIN_TICKS;
            wanderRng[i] = rng | 1;
            hp[i] = ZoneSystems.MAX_HP;
            npcCooldown[i] = 1 + i % ZoneSystems.COOLDOWN_TICKS;
        }
        for (int i = 0; i < players; i++)
        {
            rng = ZoneSystems.xorshift(rng);
            px[i] = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            rng = ZoneSystems.xorshift(rng);
            py[i] = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            pvx[i] = ((rng & 0xFFFF) / 32768.0 - 1) * speed;
            pvy[i] = ((rng >>> 16) / 32768.0 - 1) * speed;
            playerCooldown[i] = 1 + i % ZoneSystems.COOLDOWN_TICKS;
        }
    }

    /** One tick of the six systems. */
    void tick()
    {
        ticks++;
        ZoneSystems.wander(npcs, wanderTicks, wanderRng, nvx, nvy, speed);
        ZoneSystems.move(npcs, nx, ny, nvx, nvy, dt);
        ZoneSystems.move(players, px, py, pvx, pvy, dt);
        ZoneSystems.bounds(npcs, nx, ny, nvx, nvy, min, max);
        ZoneSystems.bounds(players, px, py, pvx, pvy, min, max);
        timersFired += ZoneSystems.timers(npcs, npcCooldown);
        timersFired += ZoneSystems.timers(players, playerCooldown);
        grid.clear();
        grid.count(npcs, nx, ny);
        grid.prefix();
        grid.place(npcs, nx, ny, 0);
        for (int i = 0; i < players; i++)
        {
            final int hit = grid.hitAround(px[i], py[i], hitRadius, hitCounts);
            playerHits[i] = hit;
            hits += hit;
        }
        deaths += ZoneSystems.damageRegen(npcs, hp, hitCounts, 0);
    }

    /** @return the x of NPC {@code i} (for fixture checks). */
    double npcX(final int i)
    {
        return nx[i];
    }

    /** @return the y of NPC {@code i} (for fixture checks). */
    double npcY(final int i)
    {
        return ny[i];
    }
}
