package io.asobi.gateway;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedRateLimiterTest
{
    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void shouldAllowTheLimitPerPlayerPerWindow()
    {
        final KeyedRateLimiter limiter = new KeyedRateLimiter(clock, 2, 60_000);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();

        clock.advance(TimeUnit.MILLISECONDS.toNanos(59_999));
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void shouldSweepEndedWindowsSoTheTableStaysBounded()
    {
        final KeyedRateLimiter limiter = new KeyedRateLimiter(clock, 1, 1_000);
        for (int i = 0; i <= KeyedRateLimiter.SWEEP_THRESHOLD; i++)
        {
            limiter.tryAcquire("old-" + i);
        }
        assertThat(limiter.trackedPlayers()).isEqualTo(KeyedRateLimiter.SWEEP_THRESHOLD + 1);

        clock.advance(TimeUnit.SECONDS.toNanos(2));
        assertThat(limiter.tryAcquire("new")).isTrue();

        assertThat(limiter.trackedPlayers()).isEqualTo(1);
    }
}
