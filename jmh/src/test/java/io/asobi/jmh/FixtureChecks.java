package io.asobi.jmh;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.asobi.ecs.ComponentType;
import io.asobi.ecs.QueryCursor;
import org.agrona.collections.IntArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared checks of the benchmark fixture tests: exact float comparison with a short message, the index of an entity
 * from its initial position, and the entities of our world that a query visits.
 */
final class FixtureChecks
{
    /** Largest fixture size for which {@link #indexOfInitialPosition(float, float)} is unambiguous. */
    static final int MAX_INDEXED_ENTITIES = 1000;

    private FixtureChecks()
    {
    }

    /**
     * Asserts two float arrays are equal element by element ({@link Float#compare} semantics: bit-exact up to NaN
     * canonicalisation), reporting the first difference.
     */
    static void assertSameFloats(final String what, final float[] actual, final float[] expected)
    {
        assertThat(actual).as("%s: length", what).hasSize(expected.length);
        final int at = Arrays.mismatch(actual, expected);
        assertThat(at)
            .as(() -> what + ": first difference at index " + at + ": " + actual[at] + " instead of " + expected[at])
            .isEqualTo(-1);
    }

    /**
     * The index {@code i} of the entity every B1/B2a fixture starts at {@code (i % 1000, i % 777)}, for fixtures of
     * at most {@value #MAX_INDEXED_ENTITIES} entities (where x alone is the index); throws if {@code (x, y)} is not
     * such a starting position.
     */
    static int indexOfInitialPosition(final float x, final float y)
    {
        final int i = (int)x;
        if (i < 0 || i >= MAX_INDEXED_ENTITIES || x != i || y != i % 777)
        {
            throw new AssertionError("not an initial position of a fixture entity: (" + x + ", " + y + ")");
        }
        return i;
    }

    /**
     * Sets up each variant, checks it starts at {@code start}, runs {@code passes} benchmark calls, checks it ends at
     * {@code end} (both {@code {x[], y[]}} by entity index) and what the last call returned, then tears it down.
     */
    static void assertEveryVariantMoves(
        final List<Variant> variants, final float[][] start, final float[][] end, final int passes)
    {
        for (int i = 0; i < start[0].length; i++)
        {
            assertThat(end[0][i]).as("reference x of %d moves", i).isNotEqualTo(start[0][i]);
            assertThat(end[1][i]).as("reference y of %d moves", i).isNotEqualTo(start[1][i]);
        }
        for (final Variant variant : variants)
        {
            variant.setUp.run();
            try
            {
                final Supplier<float[][]> positions = variant.positions.get();
                final float[][] before = positions.get();
                assertSameFloats(variant.name + " x before", before[0], start[0]);
                assertSameFloats(variant.name + " y before", before[1], start[1]);
                float returned = Float.NaN;
                for (int pass = 0; pass < passes; pass++)
                {
                    returned = variant.pass.run();
                }
                final float[][] after = positions.get();
                assertSameFloats(variant.name + " x after " + passes + " passes", after[0], end[0]);
                assertSameFloats(variant.name + " y after " + passes + " passes", after[1], end[1]);
                variant.returned.check(returned, end[0]);
            }
            finally
            {
                variant.tearDown.run();
            }
        }
    }

    /** A {@link ReturnCheck}: the benchmark returned the new x of the last entity. */
    static void assertIsLastX(final float returned, final float[] endX)
    {
        assertThat(returned).as("returned value is the new x of the last entity").isEqualTo(endX[endX.length - 1]);
    }

    /** A {@link ReturnCheck}: the benchmark returned the new x of some entity (iteration order is the peer's). */
    static void assertIsSomeX(final float returned, final float[] endX)
    {
        boolean found = false;
        for (final float x : endX)
        {
            found |= Float.compare(x, returned) == 0;
        }
        assertThat(found).as("returned %s is the new x of an entity", returned).isTrue();
    }

    /**
     * @return the handles of every entity of {@code world} holding all of {@code types}, in query order.
     */
    static int[] entitiesWith(final io.asobi.ecs.World world, final ComponentType<?>... types)
    {
        final IntArrayList entities = new IntArrayList();
        final QueryCursor cursor = world.query().with(types).build().cursor();
        cursor.reset();
        while (cursor.next())
        {
            entities.addInt(cursor.entity());
        }
        return entities.toIntArray();
    }

    /** One benchmark call. */
    @FunctionalInterface
    interface Pass
    {
        float run();
    }

    /** A check of what the last benchmark call returned, given the expected new x by entity index. */
    @FunctionalInterface
    interface ReturnCheck
    {
        void check(float returned, float[] endX);
    }

    /**
     * One benchmark variant: its setup, one benchmark call, a reader of {@code {x[], y[]}} by entity index (created
     * right after setup, so that it can identify the entities by their initial positions), its teardown and the
     * check of what the benchmark method returns.
     */
    record Variant(
        String name,
        Runnable setUp,
        Pass pass,
        Supplier<Supplier<float[][]>> positions,
        Runnable tearDown,
        ReturnCheck returned)
    {
    }
}
