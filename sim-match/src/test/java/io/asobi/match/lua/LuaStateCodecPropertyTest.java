package io.asobi.match.lua;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restored state tables iterate ({@code next}/{@code pairs}) in exactly the original order, and keep doing so through
 * the same later changes (inserts, removals, rehashes), for random nested tables with mixed keys, shared references,
 * cycles and keys removed before the snapshot.
 */
class LuaStateCodecPropertyTest
{
    private static final String[] NAMES = {
        "a", "b", "c", "x", "y", "hp", "score", "players", "p1", "p2", "p3", "items", "pos", "vel", "name", "id",
        "_finished", "long_key_name_number_one", "long key with spaces", "\u00e9t\u00e9", "k9", "k10", "k11", ""};

    @Property(tries = 400)
    void shouldRestoreTablesThatIterateAndEvolveAsTheOriginals(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 300) final int changesBefore,
        @ForAll @IntRange(min = 0, max = 200) final int changesAfter)
    {
        final Random random = new Random(seed);
        final List<LuaTable> pool = new ArrayList<>();
        final LuaTable root = newTable(random);
        pool.add(root);
        try
        {
            for (int i = 0; i < changesBefore; i++)
            {
                change(random, pool, pool.get(random.nextInt(pool.size())));
            }
        }
        catch (final ArrayIndexOutOfBoundsException ex)
        {
            // LuaJ 3.0.1's own LuaTable.rehash fails on a few rare layouts (a script sees a Lua error, which the
            // runtime rolls back); such a table never reaches the codec, so this sample says nothing about it.
            Assume.that(false);
        }
        final long randomState = random.nextLong();

        final LuaStateCodec codec = new LuaStateCodec();
        final byte[] snapshot = encode(codec, randomState, root);
        final LuaStateCodec.Decoded decoded =
            LuaStateCodec.decode(new UnsafeBuffer(snapshot), 0, snapshot.length);
        assertThat(decoded.randomState()).isEqualTo(randomState);

        // Same shape, same keys in the same order, same values (kinds kept apart), same lengths.
        final List<LuaTable[]> pairs = pair(root, decoded.state());
        assertThat(encode(codec, randomState, decoded.state())).isEqualTo(snapshot);

        // The same changes afterwards leave both in the same layout and order again.
        final long afterSeed = random.nextLong();
        final int originalFailedAt = evolve(new Random(afterSeed), pairs, 0, changesAfter);
        final int restoredFailedAt = evolve(new Random(afterSeed), pairs, 1, changesAfter);
        // LuaJ's own rehash fails on a few rare layouts that its internal counters reach (seen only on the original
        // side: a rebuilt table's counters are fresh); after such a failure the contents are undefined.
        Assume.that(originalFailedAt < 0 && restoredFailedAt < 0);
        pair(root, decoded.state());
        assertThat(encode(codec, 0, decoded.state())).isEqualTo(encode(codec, 0, root));
    }

    @Property(tries = 100)
    void shouldRestoreTablesBuiltByLuaCode(@ForAll @IntRange(min = 0, max = 1000) final int n)
    {
        final LuaValue state = LuaTestSupport.eval("""
            local n = %d
            local t = { 1, 2, 3, name = "x", [10] = 10, [-1] = "neg", [0.5] = "half", nested = { a = { b = {} } } }
            t.self = t
            t.alias = t.nested.a
            for i = 1, n do
                t["k" .. (i * 7 %% 53)] = i
                t[(i * 13) %% 97] = i / 4
                if i %% 3 == 0 then t["k" .. (i %% 29)] = nil end
                if i %% 5 == 0 then t[(i * 11) %% 97] = nil end
                if i %% 7 == 0 then table.insert(t, { i = i }) end
                if i %% 11 == 0 and #t > 0 then table.remove(t, 1) end
            end
            return t
            """.formatted(n));
        final LuaStateCodec codec = new LuaStateCodec();
        final byte[] snapshot = encode(codec, 7, state);
        final LuaTable restored = LuaStateCodec.decode(new UnsafeBuffer(snapshot), 0, snapshot.length).state();
        pair((LuaTable)state, restored);
        assertThat(encode(codec, 7, restored)).isEqualTo(snapshot);
    }

    private static byte[] encode(final LuaStateCodec codec, final long randomState, final LuaValue state)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
        final int length = codec.encode(randomState, state, out, 3);
        assertThat(length).as("refused: %s", codec.failure()).isPositive();
        final byte[] bytes = new byte[length];
        out.getBytes(3, bytes);
        return bytes;
    }

    /**
     * Walk both graphs together in {@code next} order, checking keys, value kinds and values, shared references and
     * lengths; returns the tables paired up.
     */
    static List<LuaTable[]> pair(final LuaTable original, final LuaTable restored)
    {
        final IdentityHashMap<LuaTable, LuaTable> seen = new IdentityHashMap<>();
        final List<LuaTable[]> pairs = new ArrayList<>();
        final ArrayDeque<LuaTable[]> pending = new ArrayDeque<>();
        seen.put(original, restored);
        pending.add(new LuaTable[]{original, restored});
        LuaTable[] pair;
        while (null != (pair = pending.poll()))
        {
            pairs.add(pair);
            assertThat(pair[1].rawlen()).isEqualTo(pair[0].rawlen());
            LuaValue k = LuaValue.NIL;
            LuaValue k2 = LuaValue.NIL;
            while (true)
            {
                final Varargs a = pair[0].next(k);
                final Varargs b = pair[1].next(k2);
                k = a.arg1();
                k2 = b.arg1();
                assertSameScalar(k2, k);
                if (k.isnil())
                {
                    break;
                }
                final LuaValue va = a.arg(2);
                final LuaValue vb = b.arg(2);
                if (va.istable())
                {
                    assertThat(vb.istable()).isTrue();
                    final LuaTable mapped = seen.get((LuaTable)va);
                    if (null == mapped)
                    {
                        assertThat(seen.containsValue(vb)).isFalse();
                        seen.put((LuaTable)va, (LuaTable)vb);
                        pending.add(new LuaTable[]{(LuaTable)va, (LuaTable)vb});
                    }
                    else
                    {
                        assertThat(vb).isSameAs(mapped);
                    }
                }
                else
                {
                    assertSameScalar(vb, va);
                }
            }
        }
        return pairs;
    }

    private static void assertSameScalar(final LuaValue actual, final LuaValue expected)
    {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        if (expected instanceof LuaDouble)
        {
            assertThat(Double.doubleToRawLongBits(actual.todouble()))
                .isEqualTo(Double.doubleToRawLongBits(expected.todouble()));
        }
        else if (!expected.isnil())
        {
            assertThat(actual.raweq(expected)).as("%s vs %s", actual, expected).isTrue();
        }
    }

    /**
     * Apply the same random changes to one side of every pair.
     *
     * @return the number of the change at which LuaJ's own {@code LuaTable.rehash} failed, or -1 if none did.
     */
    private static int evolve(final Random random, final List<LuaTable[]> pairs, final int side, final int changes)
    {
        final List<LuaTable> pool = new ArrayList<>();
        for (final LuaTable[] pair : pairs)
        {
            pool.add(pair[side]);
        }
        for (int i = 0; i < changes; i++)
        {
            try
            {
                change(random, pool, pool.get(random.nextInt(pool.size())));
            }
            catch (final ArrayIndexOutOfBoundsException ex)
            {
                return i; // LuaJ 3.0.1's rehash fails on a few rare layouts; see the property
            }
        }
        return -1;
    }

    private static LuaTable newTable(final Random random)
    {
        return switch (random.nextInt(3))
        {
            case 0 -> new LuaTable();
            case 1 -> new LuaTable(random.nextInt(9), random.nextInt(9));
            default -> new LuaTable(0, random.nextInt(3));
        };
    }

    /** One change a script could make to {@code table}; may add new tables to {@code pool}. */
    private static void change(final Random random, final List<LuaTable> pool, final LuaTable table)
    {
        final int kind = random.nextInt(100);
        if (kind < 35)
        {
            table.set(key(random), value(random, pool));
        }
        else if (kind < 55)
        {
            final LuaValue existing = anyKey(random, table);
            if (!existing.isnil())
            {
                table.set(existing, LuaValue.NIL);
            }
        }
        else if (kind < 70)
        {
            table.set(table.rawlen() + 1, value(random, pool));
        }
        else if (kind < 80)
        {
            table.set(1 + random.nextInt(40), value(random, pool));
        }
        else if (kind < 85)
        {
            if (table.rawlen() > 0)
            {
                table.remove(1 + random.nextInt(table.rawlen()));
            }
        }
        else if (kind < 90)
        {
            final LuaValue existing = anyKey(random, table);
            if (!existing.isnil())
            {
                table.set(existing, value(random, pool));
            }
        }
        else
        {
            // Many keys at once: forces rehashes.
            for (int i = 0, n = random.nextInt(40); i < n; i++)
            {
                table.set(key(random), value(random, pool));
            }
        }
    }

    private static LuaValue anyKey(final Random random, final LuaTable table)
    {
        final int count = table.keyCount();
        if (0 == count)
        {
            return LuaValue.NIL;
        }
        int skip = random.nextInt(count);
        LuaValue k = LuaValue.NIL;
        do
        {
            k = table.next(k).arg1();
        }
        while (skip-- > 0);
        return k;
    }

    private static LuaValue key(final Random random)
    {
        return switch (random.nextInt(6))
        {
            case 0, 1 -> LuaValue.valueOf(NAMES[random.nextInt(NAMES.length)]);
            case 2 -> LuaValue.valueOf("k" + random.nextInt(200));
            case 3 -> LuaValue.valueOf(random.nextInt(70) - 5);
            case 4 -> LuaValue.valueOf(random.nextBoolean() ? random.nextInt() : random.nextInt(5000));
            default -> LuaValue.valueOf(random.nextInt(1000) / 8.0 + (random.nextBoolean() ? 0.5 : 1e10));
        };
    }

    private static LuaValue value(final Random random, final List<LuaTable> pool)
    {
        return switch (random.nextInt(10))
        {
            case 0 -> LuaValue.valueOf(random.nextBoolean());
            case 1 -> LuaValue.valueOf(random.nextInt());
            case 2 -> LuaValue.valueOf(random.nextInt(100));
            case 3 -> LuaValue.valueOf(switch (random.nextInt(5))
            {
                case 0 -> Double.NaN;
                case 1 -> Double.NEGATIVE_INFINITY;
                case 2 -> 1e300;
                case 3 -> -0.0;
                default -> random.nextDouble() * 1000;
            });
            case 4 -> LuaString.valueOf(bytes(random));
            case 5 -> LuaValue.valueOf(NAMES[random.nextInt(NAMES.length)]);
            case 6, 7 ->
            {
                final LuaTable table = newTable(random);
                pool.add(table);
                yield table;
            }
            default -> pool.get(random.nextInt(pool.size()));
        };
    }

    private static byte[] bytes(final Random random)
    {
        final byte[] bytes = new byte[random.nextInt(50)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Property(tries = 50)
    void shouldKeepIntegersAndDoublesApart(@ForAll final int i, @ForAll final double d)
    {
        final LuaTable table = new LuaTable();
        table.set("i", LuaValue.valueOf(i));
        table.set("d", LuaValue.valueOf(d));
        table.set(1, LuaValue.valueOf(d));
        final LuaStateCodec codec = new LuaStateCodec();
        final byte[] snapshot = encode(codec, 0, table);
        final LuaTable restored = LuaStateCodec.decode(new UnsafeBuffer(snapshot), 0, snapshot.length).state();
        assertThat(restored.get("i")).isInstanceOf(LuaInteger.class);
        assertThat(restored.get("d").getClass()).isEqualTo(LuaValue.valueOf(d).getClass());
        assertThat(Double.doubleToRawLongBits(restored.get("d").todouble()))
            .isEqualTo(Double.doubleToRawLongBits(LuaValue.valueOf(d).todouble()));
        pair(table, restored);
    }
}
