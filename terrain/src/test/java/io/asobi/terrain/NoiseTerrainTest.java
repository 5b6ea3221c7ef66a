package io.asobi.terrain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoiseTerrainTest
{
    private static final long GOLDEN_SEED = 20_260_601L;
    private static final int EDGE = Chunk.MAX_COORD;

    /**
     * Pinned raw-chunk digests. Integer arithmetic only, so these hold on every JDK and CPU; a change here is a
     * change of every world's terrain and needs a deliberate decision (and a new provider version).
     */
    @Test
    void shouldGenerateTheGoldenChunks()
    {
        final NoiseTerrain terrain = new NoiseTerrain(GOLDEN_SEED);
        assertThat(sha256(terrain.generate(0, 0)))
            .isEqualTo("5d8ee3e75e8d40da2ac78c39718da6767440071de291092809fbb36cef02e522");
        assertThat(sha256(terrain.generate(1, 0)))
            .isEqualTo("b2d3149aa72f3f58163cb544ecbaaf111a64d947951beca37b8a51f8e8d1e56e");
        assertThat(sha256(terrain.generate(-1, -1)))
            .isEqualTo("90e6f3e8b6ed638e09920b29adc32f12280e51859e008c6797160541ef95aed0");
        assertThat(sha256(terrain.generate(37, -12)))
            .isEqualTo("1ce3ca692dedfce032c2585a1d7993537b5a17d19579059b8347712e6c933e7b");
        assertThat(sha256(terrain.generate(EDGE, -EDGE)))
            .isEqualTo("771b25d32de00829bfccd9834e81dc966ad1150c911fdc38f4b7d900a80bb299");

        final NoiseTerrain custom = new NoiseTerrain(-7, new NoiseTerrain.Params(3, 64, 160, 256, 60, 70, 180, 230));
        assertThat(sha256(custom.generate(-5, 9)))
            .isEqualTo("df1183c7c6dc0e9b46116968e728f63652bd8488efd5a29201ef5595463a3d19");
        assertThat(sha256(new FlatTerrain(Tiles.GRASS, 100).generate(0, 0)))
            .isEqualTo("1d0ae1c5fa14fab095d3ed076d191460c52bfc3cd2ffdf5e5eff2fd96e720530");
    }

    @Test
    void shouldGenerateTheGoldenTilesOfChunkZero()
    {
        final byte[] raw = new NoiseTerrain(GOLDEN_SEED).generate(0, 0);
        final int[] elevations = new int[8];
        final int[] tiles = new int[8];
        for (int x = 0; x < 8; x++)
        {
            elevations[x] = Chunk.elevation(raw, x, 0);
            tiles[x] = Chunk.tileId(raw, x, 0);
        }
        assertThat(elevations).containsExactly(151, 151, 151, 150, 150, 150, 150, 149);
        assertThat(tiles).containsExactly(4, 4, 4, 4, 4, 4, 4, 3);
    }

    @Test
    void shouldUseEveryBandWithItsFlags()
    {
        final NoiseTerrain terrain = new NoiseTerrain(GOLDEN_SEED);
        final Set<Integer> seen = new HashSet<>();
        for (int cx = -6; cx < 6; cx++)
        {
            for (int cy = -6; cy < 6; cy++)
            {
                final byte[] raw = terrain.generate(cx, cy);
                for (int y = 0; y < Chunk.SIZE; y += 3)
                {
                    for (int x = 0; x < Chunk.SIZE; x += 3)
                    {
                        final int tileId = Chunk.tileId(raw, x, y);
                        seen.add(tileId);
                        assertThat(tileId).isEqualTo(terrain.tileFor(Chunk.elevation(raw, x, y)));
                        assertThat(Chunk.flags(raw, x, y)).isEqualTo(
                            tileId == Tiles.WATER ? Tiles.FLAG_WATER : Tiles.FLAG_WALKABLE);
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Tiles.WATER, Tiles.SAND, Tiles.GRASS, Tiles.ROCK, Tiles.SNOW);
    }

    @Test
    void shouldValidateParams()
    {
        assertThatThrownBy(() -> new NoiseTerrain.Params(0, 256, 128, 256, 80, 90, 150, 200))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("octaves");
        assertThatThrownBy(() -> new NoiseTerrain.Params(5, 8, 128, 256, 80, 90, 150, 200))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wavelengthTiles");
        assertThatThrownBy(() -> new NoiseTerrain.Params(5, 256, 0, 256, 80, 90, 150, 200))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("persistence256");
        assertThatThrownBy(() -> new NoiseTerrain.Params(5, 256, 128, 0, 80, 90, 150, 200))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contrast256");
        assertThatThrownBy(() -> new NoiseTerrain.Params(5, 256, 128, 256, 80, 70, 150, 200))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band levels");
        assertThatThrownBy(() -> new NoiseTerrain(1).generate(EDGE + 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk coords");
        assertThatThrownBy(() -> new NoiseTerrain(1).generate(0, 0, new byte[10]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raw chunk buffer");
    }

    @Test
    void shouldFillFlatTerrain()
    {
        final byte[] raw = new FlatTerrain(0xABCD, 0x11, 42).generate(-3, 8);
        for (int y = 0; y < Chunk.SIZE; y++)
        {
            for (int x = 0; x < Chunk.SIZE; x++)
            {
                assertThat(Chunk.tileId(raw, x, y)).isEqualTo(0xABCD);
                assertThat(Chunk.flags(raw, x, y)).isEqualTo(0x11);
                assertThat(Chunk.elevation(raw, x, y)).isEqualTo(42);
            }
        }
        assertThat(Chunk.flags(new FlatTerrain(1, 2).generate(0, 0), 5, 5)).isEqualTo(Tiles.FLAG_WALKABLE);
        assertThatThrownBy(() -> new FlatTerrain(70_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void shouldGenerateTheSameBytesForTheSameSeedAndCoords(
        @ForAll final long seed,
        @ForAll @IntRange(min = -EDGE, max = EDGE) final int cx,
        @ForAll @IntRange(min = -EDGE, max = EDGE) final int cy)
    {
        final byte[] first = new NoiseTerrain(seed).generate(cx, cy);
        final byte[] again = new byte[Chunk.RAW_BYTES];
        new NoiseTerrain(seed, NoiseTerrain.Params.defaults()).generate(cx, cy, again);

        assertThat(again).isEqualTo(first);
        assertThat(new NoiseTerrain(seed + 1).generate(cx, cy)).isNotEqualTo(first);
    }

    @Property(tries = 60)
    void shouldJoinNeighbouringChunksSeamlessly(
        @ForAll final long seed,
        @ForAll @IntRange(min = -EDGE, max = EDGE - 1) final int cx,
        @ForAll @IntRange(min = -EDGE, max = EDGE - 1) final int cy,
        @ForAll @IntRange(min = 1, max = 6) final int octaves,
        @ForAll @IntRange(min = 0, max = 4) final int wavelengthShift,
        @ForAll @IntRange(min = 64, max = 1024) final int contrast256)
    {
        final NoiseTerrain terrain = new NoiseTerrain(
            seed, new NoiseTerrain.Params(octaves, 32 << wavelengthShift, 128, contrast256, 80, 90, 150, 200));
        final byte[] here = terrain.generate(cx, cy);
        final byte[] east = terrain.generate(cx + 1, cy);
        final byte[] south = terrain.generate(cx, cy + 1);
        final int maxStep = terrain.maxElevationStep();

        int steepestInside = 0;
        for (int i = 0; i < Chunk.SIZE; i++)
        {
            // every tile is the world function sampled at its world coordinates
            for (int x = 0; x < Chunk.SIZE; x++)
            {
                assertThat(Chunk.elevation(here, x, i)).isEqualTo(terrain.elevationAt(cx * 64L + x, cy * 64L + i));
            }
            assertThat(Chunk.elevation(east, 0, i)).isEqualTo(terrain.elevationAt(cx * 64L + 64, cy * 64L + i));
            assertThat(Chunk.elevation(south, i, 0)).isEqualTo(terrain.elevationAt(cx * 64L + i, cy * 64L + 64));
            // across the border no steeper than the proven bound, which also bounds every step inside
            assertThat(Math.abs(Chunk.elevation(here, 63, i) - Chunk.elevation(east, 0, i)))
                .isLessThanOrEqualTo(maxStep);
            assertThat(Math.abs(Chunk.elevation(here, i, 63) - Chunk.elevation(south, i, 0)))
                .isLessThanOrEqualTo(maxStep);
            for (int x = 1; x < Chunk.SIZE; x++)
            {
                steepestInside = Math.max(steepestInside,
                    Math.abs(Chunk.elevation(here, x, i) - Chunk.elevation(here, x - 1, i)));
            }
        }
        assertThat(steepestInside).isLessThanOrEqualTo(maxStep);
    }

    @Test
    void shouldHandleTheLongestWavelength()
    {
        final NoiseTerrain.Params params = new NoiseTerrain.Params(1, 65_536, 128, 256, 80, 90, 150, 200);
        final int maxStep = new NoiseTerrain(0, params).maxElevationStep();
        for (long seed = 0; seed < 20; seed++)
        {
            final NoiseTerrain terrain = new NoiseTerrain(seed, params);
            // fractions past ½ of a 65,536-tile cell need more than 32 bits before the division
            for (final long worldX : new long[] { 32_767, 65_535, -32_769, -1 })
            {
                assertThat(Math.abs(terrain.elevationAt(worldX, 5) - terrain.elevationAt(worldX + 1, 5)))
                    .isLessThanOrEqualTo(maxStep);
            }
            final byte[] raw = terrain.generate(511, 0);
            final byte[] next = terrain.generate(512, 0);
            assertThat(Chunk.elevation(next, 0, 5)).isEqualTo(terrain.elevationAt(32_768, 5));
            assertThat(Math.abs(Chunk.elevation(raw, 63, 5) - Chunk.elevation(next, 0, 5)))
                .isLessThanOrEqualTo(maxStep);
        }
    }

    @Test
    void shouldKeepTheStepBoundTight()
    {
        // the bound is useful only if it is near the real steepness
        final NoiseTerrain terrain = new NoiseTerrain(GOLDEN_SEED);
        int steepest = 0;
        for (int cx = -4; cx < 4; cx++)
        {
            final byte[] raw = terrain.generate(cx, 0);
            for (int y = 0; y < Chunk.SIZE; y++)
            {
                for (int x = 1; x < Chunk.SIZE; x++)
                {
                    steepest = Math.max(steepest,
                        Math.abs(Chunk.elevation(raw, x, y) - Chunk.elevation(raw, x - 1, y)));
                }
            }
        }
        assertThat(terrain.maxElevationStep()).isBetween(steepest, 3 * steepest + 3);
    }

    @Test
    void shouldFadeAndLerpInFixedPoint()
    {
        assertThat(NoiseTerrain.fade(0)).isZero();
        assertThat(NoiseTerrain.fade(1 << 15)).isEqualTo(1 << 15);
        assertThat(NoiseTerrain.fade(65_535)).isEqualTo(65_535);
        for (int t = 1; t < 65_536; t++)
        {
            assertThat(NoiseTerrain.fade(t)).isGreaterThanOrEqualTo(NoiseTerrain.fade(t - 1));
        }
        assertThat(NoiseTerrain.lerp(100, 200, 1 << 15)).isEqualTo(150);
        assertThat(NoiseTerrain.lerp(200, 100, 0)).isEqualTo(200);
    }

    static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
