package io.asobi.jmh;

import java.util.IdentityHashMap;
import java.util.List;

import io.asobi.ecs.ComponentType;
import io.asobi.ecs.DoubleField;
import io.asobi.ecs.IntField;
import io.asobi.ecs.QueryCursor;
import io.asobi.ecs.World;
import io.asobi.world.Position;
import io.asobi.world.WorldContext;
import io.asobi.world.WorldLogic;
import io.asobi.world.ZoneContext;

/**
 * A Java {@link WorldLogic} running the six {@link ZoneSystems} on each zone's ECS {@link World} in
 * {@link #zoneTick}, for the world benchmarks (B4, B7).
 * <p>
 * {@link #init} spawns {@code npcs} NPCs (the moving ones with wander state, velocity, health, cooldown) and
 * {@code playerEntities} server-side player entities (type {@code "player"}, velocity, cooldown, a hit counter; no
 * session) at seeded random positions inside the square zone {@code (zone, zone)}. Joined players appear at
 * {@link #spawnPosition} with no game components, so they stand still. No component is a wire component: clients see {@code x}, {@code y}
 * and {@code type}. The benchmarks send no inputs; {@link #handleInput} counts them and changes nothing.
 */
final class ZoneSystemsLogic implements WorldLogic
{
    /** NPC AI state: ticks until the next direction change, xorshift state. */
    record Wander(int ticksLeft, int rng)
    {
    }

    /** Velocity in world units per second. */
    record Velocity(double vx, double vy)
    {
    }

    /** NPC health. */
    record Health(int hp)
    {
    }

    /** A repeating timer. */
    record Cooldown(int ticks)
    {
    }

    /** A server-side player entity: NPCs it hit in the last tick. */
    record PlayerMark(int hits)
    {
    }

    private final int npcs;
    private final int movingNpcs;
    private final int playerEntities;
    private final int zone;
    private final double speed;
    private final double hitRadius;
    private final Position joinSpawn;
    private final IdentityHashMap<ZoneContext, ZoneState> states = new IdentityHashMap<>();

    long zoneTicks;
    long inputs;
    long timersFired;
    long hits;
    long deaths;

    /**
     * @param npcs           NPCs to spawn.
     * @param movingNpcs     how many of them wander (the first ones); the others stand still, with no AI, health
     *                       or timer, so they never change.
     * @param playerEntities server-side player entities to spawn.
     * @param zone           the NPCs live in zone {@code (zone, zone)}.
     * @param speed          NPC and player speed, world units per second.
     * @param hitRadius      proximity radius of a player (also the grid's cell size).
     * @param joinSpawn      where joined players appear.
     */
    ZoneSystemsLogic(
        final int npcs, final int movingNpcs, final int playerEntities, final int zone, final double speed,
        final double hitRadius, final Position joinSpawn)
    {
        this.npcs = npcs;
        this.movingNpcs = Math.min(npcs, movingNpcs);
        this.playerEntities = playerEntities;
        this.zone = zone;
        this.speed = speed;
        this.hitRadius = hitRadius;
        this.joinSpawn = joinSpawn;
    }

    public List<Class<? extends Record>> serverComponents()
    {
        return List.of(Wander.class, Velocity.class, Health.class, Cooldown.class, PlayerMark.class);
    }

    public void init(final WorldContext ctx)
    {
        final ZoneContext target = ctx.zone(zone, zone);
        final double size = ctx.config().zoneSize();
        final double min = zone * size;
        final World ecs = target.entities();
        int rng = (int)(ctx.seed() ^ (ctx.seed() >>> 32)) | 1;
        for (int i = 0; i < npcs; i++)
        {
            rng = ZoneSystems.xorshift(rng);
            final double x = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            rng = ZoneSystems.xorshift(rng);
            final double y = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            final int npc = target.spawn("n" + i, "npc", x, y);
            if (i >= movingNpcs)
            {
                continue;
            }
            ecs.add(npc, new Wander(1 + i % ZoneSystems.WANDER_MIN_TICKS, rng | 1));
            ecs.add(npc, new Velocity(0, 0));
            ecs.add(npc, new Health(ZoneSystems.MAX_HP));
            ecs.add(npc, new Cooldown(1 + i % ZoneSystems.COOLDOWN_TICKS));
        }
        for (int i = 0; i < playerEntities; i++)
        {
            rng = ZoneSystems.xorshift(rng);
            final double x = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            rng = ZoneSystems.xorshift(rng);
            final double y = min + (rng >>> 1) % 1_000_000 * size / 1_000_000.0;
            final int player = target.spawn("p" + i, "player", x, y);
            ecs.add(player, new Velocity(((rng & 0xFFFF) / 32768.0 - 1) * speed, ((rng >>> 16) / 32768.0 - 1) * speed));
            ecs.add(player, new Cooldown(1 + i % ZoneSystems.COOLDOWN_TICKS));
            ecs.add(player, new PlayerMark(0));
        }
    }

    public Position spawnPosition(final String playerId)
    {
        return joinSpawn;
    }

    public void handleInput(
        final ZoneContext zone, final int entity, final String playerId, final byte[] json, final int offset,
        final int length)
    {
        inputs++;
    }

    public void zoneTick(final ZoneContext zone, final long tick)
    {
        zoneTicks++;
        if (0 == zone.entities().entityCount())
        {
            return;
        }
        ZoneState state = states.get(zone);
        if (null == state)
        {
            state = new ZoneState(zone, zone.world().config().zoneSize(), hitRadius, npcs);
            states.put(zone, state);
        }
        state.tick(this, 1.0 / zone.world().config().tickRateHz(), speed);
    }

    /** The per-zone queries, fields and proximity grid. */
    private static final class ZoneState
    {
        private final QueryCursor npcs;
        private final QueryCursor movers;
        private final QueryCursor timed;
        private final QueryCursor players;
        private final DoubleField px;
        private final DoubleField py;
        private final DoubleField vx;
        private final DoubleField vy;
        private final IntField wanderTicks;
        private final IntField wanderRng;
        private final IntField hp;
        private final IntField cooldown;
        private final IntField playerHits;
        private final double min;
        private final double max;
        private final double hitRadius;
        private final ZoneSystems.Grid grid;
        private int[] hitCounts;

        ZoneState(final ZoneContext zone, final double size, final double hitRadius, final int npcCapacity)
        {
            final World ecs = zone.entities();
            final ComponentType<Wander> wander = ecs.component(Wander.class);
            final ComponentType<Velocity> velocity = ecs.component(Velocity.class);
            final ComponentType<Health> health = ecs.component(Health.class);
            final ComponentType<Cooldown> cool = ecs.component(Cooldown.class);
            final ComponentType<PlayerMark> mark = ecs.component(PlayerMark.class);
            npcs = ecs.query().with(zone.position(), velocity, wander, health).build().cursor();
            movers = ecs.query().with(zone.position(), velocity).build().cursor();
            timed = ecs.query().with(cool).build().cursor();
            players = ecs.query().with(zone.position(), mark).build().cursor();
            px = zone.positionX();
            py = zone.positionY();
            vx = velocity.doubleField("vx");
            vy = velocity.doubleField("vy");
            wanderTicks = wander.intField("ticksLeft");
            wanderRng = wander.intField("rng");
            hp = health.intField("hp");
            cooldown = cool.intField("ticks");
            playerHits = mark.intField("hits");
            min = Math.min(zone.zoneX(), zone.zoneY()) * size;
            max = min + size;
            this.hitRadius = hitRadius;
            grid = new ZoneSystems.Grid(min, size, hitRadius, npcCapacity);
            hitCounts = new int[Math.max(16, npcCapacity)];
        }

        void tick(final ZoneSystemsLogic logic, final double dt, final double speed)
        {
            npcs.reset();
            while (npcs.nextChunk())
            {
                ZoneSystems.wander(npcs.chunkSize(), npcs.columnForWrite(wanderTicks), npcs.columnForWrite(wanderRng),
                    npcs.columnForWrite(vx), npcs.columnForWrite(vy), speed);
            }
            movers.reset();
            while (movers.nextChunk())
            {
                ZoneSystems.move(movers.chunkSize(), movers.columnForWrite(px), movers.columnForWrite(py),
                    movers.column(vx), movers.column(vy), dt);
            }
            movers.reset();
            while (movers.nextChunk())
            {
                ZoneSystems.bounds(movers.chunkSize(), movers.columnForWrite(px), movers.columnForWrite(py),
                    movers.columnForWrite(vx), movers.columnForWrite(vy), min, max);
            }
            timed.reset();
            while (timed.nextChunk())
            {
                logic.timersFired += ZoneSystems.timers(timed.chunkSize(), timed.columnForWrite(cooldown));
            }
            proximity(logic);
            int base = 0;
            npcs.reset();
            while (npcs.nextChunk())
            {
                final int n = npcs.chunkSize();
                logic.deaths += ZoneSystems.damageRegen(n, npcs.columnForWrite(hp), hitCounts, base);
                base += n;
            }
        }

        private void proximity(final ZoneSystemsLogic logic)
        {
            grid.clear();
            int total = 0;
            npcs.reset();
            while (npcs.nextChunk())
            {
                grid.count(npcs.chunkSize(), npcs.column(px), npcs.column(py));
                total += npcs.chunkSize();
            }
            grid.prefix();
            if (total > hitCounts.length)
            {
                hitCounts = new int[total];
            }
            int base = 0;
            npcs.reset();
            while (npcs.nextChunk())
            {
                final int n = npcs.chunkSize();
                grid.place(n, npcs.column(px), npcs.column(py), base);
                base += n;
            }
            players.reset();
            while (players.nextChunk())
            {
                final int n = players.chunkSize();
                final double[] xs = players.column(px);
                final double[] ys = players.column(py);
                final int[] marks = players.columnForWrite(playerHits);
                for (int i = 0; i < n; i++)
                {
                    final int hit = grid.hitAround(xs[i], ys[i], hitRadius, hitCounts);
                    marks[i] = hit;
                    logic.hits += hit;
                }
            }
        }
    }
}
