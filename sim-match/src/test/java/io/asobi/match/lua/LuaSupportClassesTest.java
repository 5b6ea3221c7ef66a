package io.asobi.match.lua;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuaSupportClassesTest
{
    @Test
    void shouldDrawTheSameSequenceForTheSameSeedWithinBounds()
    {
        final DeterministicRandom a = new DeterministicRandom(99);
        final DeterministicRandom b = new DeterministicRandom(99);
        final int[] seen = new int[7];
        for (int i = 0; i < 10_000; i++)
        {
            final long value = a.nextLong(1, 6);
            assertThat(value).isEqualTo(b.nextLong(1, 6)).isBetween(1L, 6L);
            seen[(int)value]++;
            final double d = a.nextDouble();
            assertThat(d).isEqualTo(b.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
        for (int face = 1; face <= 6; face++)
        {
            assertThat(seen[face]).as("face %d", face).isBetween(1_400, 1_950);
        }
        assertThat(new DeterministicRandom(0).nextLong(Integer.MIN_VALUE, Integer.MAX_VALUE))
            .isBetween((long)Integer.MIN_VALUE, (long)Integer.MAX_VALUE);
    }

    @Test
    void shouldFixTheSequenceOfASeed()
    {
        // SplitMix64 reference values for seed 0 (the first output is 0xE220A8397B1DCDAF).
        final DeterministicRandom random = new DeterministicRandom(0);
        assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void shouldLimitEventsPerWindow()
    {
        final RateLimiter limiter = new RateLimiter(2, 100);
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(50)).isTrue();
        assertThat(limiter.tryAcquire(99)).isFalse();
        assertThat(limiter.tryAcquire(99)).isFalse();
        assertThat(limiter.takeRefused()).isEqualTo(2);
        assertThat(limiter.takeRefused()).isZero();
        assertThat(limiter.tryAcquire(100)).isTrue();
        assertThat(limiter.tryAcquire(-5)).as("time going back starts a window").isTrue();
        assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLocateLuaErrors()
    {
        final LuaScriptException runtime = LuaErrors.toScriptException(new LuaError("match.lua:12 oops\n"), "x.lua");
        assertThat(runtime).hasMessage("match.lua:12: oops");
        assertThat(runtime.script()).isEqualTo("match.lua");
        assertThat(runtime.line()).isEqualTo(12);

        final LuaScriptException syntax =
            LuaErrors.located("[string \"modes/a.lua\"]:3: unexpected symbol 286 (\u011e)", "x.lua", null);
        assertThat(syntax).hasMessage("modes/a.lua:3: unexpected end of file");

        final LuaScriptException unlocated = LuaErrors.located("table: 1f2e3d", "x.lua", null);
        assertThat(unlocated).hasMessage("x.lua: table: 1f2e3d");
        assertThat(unlocated.line()).isEqualTo(LuaScriptException.UNKNOWN_LINE);
    }
}
