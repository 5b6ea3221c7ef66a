package io.asobi.jmh;

import java.util.Arrays;

/**
 * The B4 game systems as kernels over column arrays, shared by the real zone ({@link ZoneSystemsLogic}, called per
 * ECS chunk) and its plain-array baseline ({@link ArraysZone}, called once over whole arrays), so the two differ only
 * in where the columns live and what the runtime adds around them.
 * <p>
 * The six systems, in tick order: wander AI (an NPC picks a new random velocity when its timer runs out), movement
 * ({@code p += v * dt}), bounds (reflect off the zone's walls), timers (a per-entity cooldown that fires and
 * re-arms), proximity (rebuild a uniform grid of NPC positions, then each player counts the NPCs within a radius
 * and marks them hit) and damage/regen (hit NPCs lose health, all regenerate, the dead respawn at full health).
 * Nothing here allocates.
 */
final class ZoneSystems
{
    static final int WANDER_MIN_TICKS = 30;
    static final int COOLDOWN_TICKS = 45;
    static final int MAX_HP = 100;
    static final int HIT_DAMAGE = 7;
    static final int REGEN_PER_TICK = 1;

    private ZoneSystems()
    {
    }

    /** A 32-bit xorshift step; never returns 0 for a non-zero state. */
    static int xorshift(final int state)
    {
        int x = state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x;
    }

    /** Wander AI: count down; at zero draw a new velocity in [-speed, speed)² and a new timer. */
    static void wander(
        final int n, final int[] ticksLeft, final int[] rng, final double[] vx, final double[] vy, final double speed)
    {
        for (int i = 0; i < n; i++)
        {
            final int left = ticksLeft[i] - 1;
            if (left > 0)
            {
                ticksLeft[i] = left;
                continue;
            }
            final int r = xorshift(rng[i]);
            rng[i] = r;
            vx[i] = ((r & 0xFFFF) * (1.0 / 32768.0) - 1.0) * speed;
            vy[i] = (((r >>> 16) & 0xFFFF) * (1.0 / 32768.0) - 1.0) * speed;
            ticksLeft[i] = WANDER_MIN_TICKS + ((r >>> 8) & 63);
        }
    }

    /** Movement: {@code p += v * dt}. */
    static void move(
        final int n, final double[] x, final double[] y, final double[] vx, final double[] vy, final double dt)
    {
        for (int i = 0; i < n; i++)
        {
            x[i] += vx[i] * dt;
            y[i] += vy[i] * dt;
        }
    }

    /** Bounds: reflect positions and velocities off the square {@code [min, max)²}. */
    static void bounds(
        final int n, final double[] x, final double[] y, final double[] vx, final double[] vy,
        final double min, final double max)
    {
        for (int i = 0; i < n; i++)
        {
            final double px = x[i];
            if (px < min)
            {
                x[i] = min + (min - px);
                vx[i] = -vx[i];
            }
            else if (px >= max)
            {
                x[i] = Math.nextDown(max - (px - max));
                vx[i] = -vx[i];
            }
            final double py = y[i];
            if (py < min)
            {
                y[i] = min + (min - py);
                vy[i] = -vy[i];
            }
            else if (py >= max)
            {
                y[i] = Math.nextDown(max - (py - max));
                vy[i] = -vy[i];
            }
        }
    }

    /**
     * Timers: count every cooldown down; one at zero fires and re-arms.
     *
     * @return how many fired.
     */
    static int timers(final int n, final int[] cooldown)
    {
        int fired = 0;
        for (int i = 0; i < n; i++)
        {
            final int left = cooldown[i] - 1;
            if (left <= 0)
            {
                cooldown[i] = COOLDOWN_TICKS;
                fired++;
            }
            else
            {
                cooldown[i] = left;
            }
        }
        return fired;
    }

    /**
     * Damage and regeneration of {@code n} NPCs whose hit counts start at {@code hits[hitBase]}; clears those counts.
     *
     * @return how many died (and respawned at full health).
     */
    static int damageRegen(final int n, final int[] hp, final int[] hits, final int hitBase)
    {
        int died = 0;
        for (int i = 0; i < n; i++)
        {
            final int h = hits[hitBase + i];
            hits[hitBase + i] = 0;
            int value = Math.min(MAX_HP, hp[i] - h * HIT_DAMAGE + REGEN_PER_TICK);
            if (value <= 0)
            {
                value = MAX_HP;
                died++;
            }
            hp[i] = value;
        }
        return died;
    }

    /**
     * A uniform grid over the square {@code [min, min + side)²} holding NPC positions and their sequence numbers
     * (order of the NPC pass), rebuilt every tick by counting sort: {@link #clear()}, {@link #count} over every
     * NPC, {@link #prefix()}, {@link #place} over the same NPCs in the same order; then {@link #hitAround}.
     */
    static final class Grid
    {
        private final double min;
        private final double cellSize;
        private final double inverseCell;
        private final int cellsPerSide;
        private final int[] cellStart;
        private final int[] cellFill;
        private double[] xs;
        private double[] ys;
        private int[] refs;
        private int placed;

        Grid(final double min, final double side, final double cellSize, final int capacity)
        {
            this.min = min;
            this.cellSize = cellSize;
            this.inverseCell = 1.0 / cellSize;
            this.cellsPerSide = Math.max(1, (int)Math.ceil(side / cellSize));
            final int cells = cellsPerSide * cellsPerSide;
            cellStart = new int[cells + 1];
            cellFill = new int[cells];
            xs = new double[capacity];
            ys = new double[capacity];
            refs = new int[capacity];
        }

        private int cell(final double x, final double y)
        {
            final int cx = Math.min(cellsPerSide - 1, Math.max(0, (int)((x - min) * inverseCell)));
            final int cy = Math.min(cellsPerSide - 1, Math.max(0, (int)((y - min) * inverseCell)));
            return cy * cellsPerSide + cx;
        }

        void clear()
        {
            Arrays.fill(cellFill, 0);
            placed = 0;
        }

        void count(final int n, final double[] x, final double[] y)
        {
            final int[] fill = cellFill;
            for (int i = 0; i < n; i++)
            {
                fill[cell(x[i], y[i])]++;
            }
        }

        void prefix()
        {
            int sum = 0;
            final int cells = cellFill.length;
            for (int c = 0; c < cells; c++)
            {
                cellStart[c] = sum;
                sum += cellFill[c];
                cellFill[c] = cellStart[c];
            }
            cellStart[cells] = sum;
            if (sum > xs.length)
            {
                xs = new double[sum];
                ys = new double[sum];
                refs = new int[sum];
            }
        }

        void place(final int n, final double[] x, final double[] y, final int refBase)
        {
            final int[] fill = cellFill;
            for (int i = 0; i < n; i++)
            {
                final int at = fill[cell(x[i], y[i])]++;
                xs[at] = x[i];
                ys[at] = y[i];
                refs[at] = refBase + i;
            }
            placed += n;
        }

        /**
         * Count the NPCs within {@code radius} of {@code (px, py)} (at most one cell size) and add one hit to each.
         *
         * @return how many were hit.
         */
        int hitAround(final double px, final double py, final double radius, final int[] hits)
        {
            final int cx = Math.min(cellsPerSide - 1, Math.max(0, (int)((px - min) * inverseCell)));
            final int cy = Math.min(cellsPerSide - 1, Math.max(0, (int)((py - min) * inverseCell)));
            final double r2 = radius * radius;
            int count = 0;
            for (int y = Math.max(0, cy - 1), yEnd = Math.min(cellsPerSide - 1, cy + 1); y <= yEnd; y++)
            {
                for (int x = Math.max(0, cx - 1), xEnd = Math.min(cellsPerSide - 1, cx + 1); x <= xEnd; x++)
                {
                    final int c = y * cellsPerSide + x;
                    for (int k = cellStart[c], end = cellStart[c + 1]; k < end; k++)
                    {
                        final double dx = xs[k] - px;
                        final double dy = ys[k] - py;
                        if (dx * dx + dy * dy <= r2)
                        {
                            hits[refs[k]]++;
                            count++;
                        }
                    }
                }
            }
            return count;
        }

        int placed()
        {
            return placed;
        }

        double cellSize()
        {
            return cellSize;
        }
    }
}
