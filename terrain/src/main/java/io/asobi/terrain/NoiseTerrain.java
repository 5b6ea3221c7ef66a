package io.asobi.terrain;

/**
 * A seeded heightmap: fractal value noise (a few octaves of smoothly interpolated random lattice values), its
 * elevation cut into bands (water, sand, grass, rock, snow) with their flags. Immutable and thread safe.
 * <p>
 * <b>Bit-identical everywhere:</b> the elevation of a world tile is a pure function of (seed, params, world tile
 * coordinates) computed with 64-bit integer arithmetic only: lattice values come from an integer hash (a
 * SplitMix64-style finaliser) of the seed, octave and lattice point; the fraction within a cell is 16.16 fixed
 * point; the fade curve is the cubic {@code 3t² − 2t³} in fixed point; interpolation and octave weights are integer
 * multiplies, shifts and floor divisions. No floating point, no {@code Math} transcendental functions. Because it is
 * a function of world coordinates, neighbouring chunks join seamlessly at their edges.
 */
public final class NoiseTerrain implements TerrainProvider
{
    private static final int ONE = 1 << 16;
    private static final int HALF = 1 << 15;
    private static final int TOP_WEIGHT = 1 << 12;
    private static final int RECIPROCAL_SHIFT = 32;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Noise and band settings.
     *
     * @param octaves         1..8 noise layers.
     * @param wavelengthTiles lattice spacing of the first octave in tiles; each further octave halves it, and the
     *                        last must still be at least 1 ({@code wavelengthTiles >> (octaves - 1) >= 1}); at most
     *                        65,536.
     * @param persistence256  weight of each octave relative to the previous one, in 256ths (1..256; 128 = ½).
     * @param contrast256     stretch of elevation around the middle, in 256ths (1..2048; 256 = none).
     * @param waterLevel      elevations below are water (0..256).
     * @param sandLevel       below are sand (at least waterLevel).
     * @param rockLevel       below are grass (at least sandLevel); from here rock.
     * @param snowLevel       from here snow (at least rockLevel, at most 256).
     */
    public record Params(
        int octaves,
        int wavelengthTiles,
        int persistence256,
        int contrast256,
        int waterLevel,
        int sandLevel,
        int rockLevel,
        int snowLevel)
    {
        /**
         * Validate.
         *
         * @throws IllegalArgumentException naming the first invalid setting.
         */
        public Params
        {
            if (octaves < 1 || octaves > 8)
            {
                throw new IllegalArgumentException("octaves must be in 1..8: " + octaves);
            }
            if (wavelengthTiles < 1 || wavelengthTiles > ONE || (wavelengthTiles >> (octaves - 1)) < 1)
            {
                throw new IllegalArgumentException("wavelengthTiles must be in 1..65536 and at least 2^(octaves-1): " +
                    wavelengthTiles + " with " + octaves + " octaves");
            }
            if (persistence256 < 1 || persistence256 > 256)
            {
                throw new IllegalArgumentException("persistence256 must be in 1..256: " + persistence256);
            }
            if (contrast256 < 1 || contrast256 > 2048)
            {
                throw new IllegalArgumentException("contrast256 must be in 1..2048: " + contrast256);
            }
            if (waterLevel < 0 || sandLevel < waterLevel || rockLevel < sandLevel || snowLevel < rockLevel ||
                snowLevel > 256)
            {
                throw new IllegalArgumentException("band levels must satisfy 0 <= water <= sand <= rock <= snow <= " +
                    "256: " + waterLevel + ", " + sandLevel + ", " + rockLevel + ", " + snowLevel);
            }
        }

        /**
         * Continents a few hundred tiles across with lakes, beaches and a few snowy peaks.
         *
         * @return the default settings.
         */
        public static Params defaults()
        {
            return new Params(5, 256, 128, 448, 80, 90, 150, 200);
        }
    }

    private final long seed;
    private final Params params;
    private final long[] octaveSeeds;
    private final int[] wavelengths;
    private final int[] weights;
    private final long totalWeight;
    private final long reciprocalWeight;

    /**
     * Noise terrain with {@link Params#defaults()}.
     *
     * @param seed any value; the same seed gives the same terrain on every machine.
     */
    public NoiseTerrain(final long seed)
    {
        this(seed, Params.defaults());
    }

    /**
     * Noise terrain.
     *
     * @param seed   any value; the same seed and params give the same terrain on every machine.
     * @param params settings, validated by their constructor.
     */
    public NoiseTerrain(final long seed, final Params params)
    {
        this.seed = seed;
        this.params = params;
        final int octaves = params.octaves();
        octaveSeeds = new long[octaves];
        wavelengths = new int[octaves];
        weights = new int[octaves];
        long total = 0;
        int weight = TOP_WEIGHT;
        for (int o = 0; o < octaves; o++)
        {
            octaveSeeds[o] = mix(seed + GOLDEN * (o + 1));
            wavelengths[o] = params.wavelengthTiles() >> o;
            weights[o] = weight;
            total += weight;
            weight = Math.max(1, (weight * params.persistence256()) >> 8);
        }
        totalWeight = total;
        reciprocalWeight = ((1L << RECIPROCAL_SHIFT) + total - 1) / total;
    }

    /**
     * The seed.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * The settings.
     *
     * @return the settings.
     */
    public Params params()
    {
        return params;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Computes exactly {@link #elevationAt} for every tile, with each column's lattice cell and fade computed once
     * per chunk and each octave's four lattice values reused while a row stays in one cell (a few KiB of scratch).
     */
    public void generate(final int cx, final int cy, final byte[] raw)
    {
        Chunk.checkCoords(cx, cy);
        Chunk.checkRaw(raw);
        final int octaves = wavelengths.length;
        final long baseX = (long)cx << Chunk.SIZE_SHIFT;
        final long baseY = (long)cy << Chunk.SIZE_SHIFT;
        final long[] columnCell = new long[octaves * Chunk.SIZE];
        final int[] columnFade = new int[octaves * Chunk.SIZE];
        for (int o = 0; o < octaves; o++)
        {
            final int wavelength = wavelengths[o];
            for (int x = 0; x < Chunk.SIZE; x++)
            {
                final long worldX = baseX + x;
                columnCell[o * Chunk.SIZE + x] = Math.floorDiv(worldX, wavelength);
                columnFade[o * Chunk.SIZE + x] = fadeAt(worldX, wavelength);
            }
        }
        final long[] cellX = new long[octaves];
        final long[] cellY = new long[octaves];
        final int[] fadeY = new int[octaves];
        final int[] corners = new int[octaves * 4];
        int offset = 0;
        for (int y = 0; y < Chunk.SIZE; y++)
        {
            final long worldY = baseY + y;
            for (int o = 0; o < octaves; o++)
            {
                final int wavelength = wavelengths[o];
                cellY[o] = Math.floorDiv(worldY, wavelength);
                fadeY[o] = fadeAt(worldY, wavelength);
                cellX[o] = Long.MIN_VALUE;
            }
            for (int x = 0; x < Chunk.SIZE; x++)
            {
                long sum = 0;
                for (int o = 0; o < octaves; o++)
                {
                    final long ix = columnCell[o * Chunk.SIZE + x];
                    final int c = o * 4;
                    if (ix != cellX[o])
                    {
                        cellX[o] = ix;
                        final long seedO = octaveSeeds[o];
                        final long iy = cellY[o];
                        corners[c] = lattice(seedO, ix, iy);
                        corners[c + 1] = lattice(seedO, ix + 1, iy);
                        corners[c + 2] = lattice(seedO, ix, iy + 1);
                        corners[c + 3] = lattice(seedO, ix + 1, iy + 1);
                    }
                    final int fadeX = columnFade[o * Chunk.SIZE + x];
                    final int value = lerp(
                        lerp(corners[c], corners[c + 1], fadeX), lerp(corners[c + 2], corners[c + 3], fadeX), fadeY[o]);
                    sum += (long)weights[o] * value;
                }
                final int elevation = elevationOf(sum);
                final int tileId = tileFor(elevation);
                Chunk.putTile(raw, offset, tileId, flagsFor(tileId), elevation);
                offset += Chunk.TILE_BYTES;
            }
        }
    }

    /**
     * Elevation of a world tile, the function every chunk samples.
     *
     * @param worldX world tile x ({@code cx × 64 + x}).
     * @param worldY world tile y.
     * @return 0..255.
     */
    public int elevationAt(final long worldX, final long worldY)
    {
        long sum = 0;
        for (int o = 0; o < wavelengths.length; o++)
        {
            sum += (long)weights[o] * octave(o, worldX, worldY);
        }
        return elevationOf(sum);
    }

    private int elevationOf(final long sum)
    {
        // sum / totalWeight exactly: a reciprocal multiply (sum < 2^31, reciprocal <= 2^20: no overflow),
        // then corrected to the floor
        long average = (sum * reciprocalWeight) >>> RECIPROCAL_SHIFT;
        while (average * totalWeight > sum)
        {
            average--;
        }
        while ((average + 1) * totalWeight <= sum)
        {
            average++;
        }
        final long stretched = HALF + (((average - HALF) * params.contrast256()) >> 8);
        return (int)(Math.max(0, Math.min(ONE - 1, stretched)) >> 8);
    }

    /**
     * The tile id of the band an elevation falls in.
     *
     * @param elevation 0..255.
     * @return one of {@link Tiles#WATER}, {@link Tiles#SAND}, {@link Tiles#GRASS}, {@link Tiles#ROCK},
     * {@link Tiles#SNOW}.
     */
    public int tileFor(final int elevation)
    {
        if (elevation < params.waterLevel())
        {
            return Tiles.WATER;
        }
        if (elevation < params.sandLevel())
        {
            return Tiles.SAND;
        }
        if (elevation < params.rockLevel())
        {
            return Tiles.GRASS;
        }
        return elevation < params.snowLevel() ? Tiles.ROCK : Tiles.SNOW;
    }

    /**
     * The flags of a band's tile: water is {@link Tiles#FLAG_WATER}, the rest {@link Tiles#FLAG_WALKABLE}.
     *
     * @param tileId a band tile id.
     * @return flags.
     */
    public static int flagsFor(final int tileId)
    {
        return tileId == Tiles.WATER ? Tiles.FLAG_WATER : Tiles.FLAG_WALKABLE;
    }

    /**
     * An upper bound on the elevation difference between two side-by-side tiles, anywhere (chunk borders
     * included): the steepest slope of the fade curve (1.5 per cell) over each octave's wavelength, weighted, with
     * the fixed-point rounding of every step added.
     *
     * @return the bound in elevation units.
     */
    public int maxElevationStep()
    {
        long weighted = 0;
        for (int o = 0; o < wavelengths.length; o++)
        {
            // fade step per tile <= ceil(1.5 * ONE / wavelength) + 1; times a lattice difference < ONE, plus lerps
            final long fadeStep = (3L * ONE + 2L * wavelengths[o] - 1) / (2L * wavelengths[o]) + 1;
            weighted += (long)weights[o] * (fadeStep + 3);
        }
        final long average = weighted / totalWeight + 1;
        final long stretched = ((average * params.contrast256()) >> 8) + 1;
        return (int)Math.min(255, (stretched >> 8) + 1);
    }

    /** {@inheritDoc} */
    public String toString()
    {
        return "NoiseTerrain{seed=" + seed + ", params=" + params + '}';
    }

    private int octave(final int o, final long worldX, final long worldY)
    {
        final int wavelength = wavelengths[o];
        final long ix = Math.floorDiv(worldX, wavelength);
        final long iy = Math.floorDiv(worldY, wavelength);
        final int fadeX = fadeAt(worldX, wavelength);
        final int fadeY = fadeAt(worldY, wavelength);
        final long octaveSeed = octaveSeeds[o];
        final int v00 = lattice(octaveSeed, ix, iy);
        final int v10 = lattice(octaveSeed, ix + 1, iy);
        final int v01 = lattice(octaveSeed, ix, iy + 1);
        final int v11 = lattice(octaveSeed, ix + 1, iy + 1);
        return lerp(lerp(v00, v10, fadeX), lerp(v01, v11, fadeX), fadeY);
    }

    /** The fade of a world coordinate's fraction within its lattice cell, 16.16 fixed point. */
    static int fadeAt(final long world, final int wavelength)
    {
        return fade((int)(((long)Math.floorMod(world, wavelength) << 16) / wavelength));
    }

    /** 3t² − 2t³ for t in [0, 1) as 16.16 fixed point; result in [0, 1). */
    static int fade(final int t)
    {
        final long tt = (long)t * t;
        return (int)((tt * (3L * ONE - 2L * t)) >> 32);
    }

    static int lerp(final int a, final int b, final int t)
    {
        return a + (int)(((long)(b - a) * t) >> 16);
    }

    static int lattice(final long octaveSeed, final long ix, final long iy)
    {
        return (int)(mix(mix(octaveSeed + ix) + iy) >>> 48);
    }

    static long mix(final long value)
    {
        long z = value + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
