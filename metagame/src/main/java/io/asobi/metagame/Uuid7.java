package io.asobi.metagame;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 (RFC 9562) identifiers as lowercase hyphenated strings: a 48-bit Unix millisecond timestamp, a 12-bit
 * counter that keeps ids created in the same millisecond (or while the clock steps back) strictly increasing within
 * this process, and 62 random bits from {@link SecureRandom}.
 * <p>
 * <b>Note:</b> thread safe and lock free.
 */
public final class Uuid7
{
    private static final long MAX_EPOCH_MS = (1L << 48) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST_STAMP = new AtomicLong(); // (epochMs << 12) | counter

    private Uuid7()
    {
    }

    /**
     * A new id stamped with the system clock.
     *
     * @return a UUIDv7 string, for example {@code 019ac0f6-3c1e-7a42-9d3b-5e0f1c2a7b64}.
     */
    public static String next()
    {
        return next(System.currentTimeMillis());
    }

    /**
     * A new id stamped with a given time (for example from an injected {@code EpochClock}); still strictly greater
     * than every id this process generated before.
     *
     * @param epochMs Unix milliseconds, 0 to 2^48 - 1.
     * @return a UUIDv7 string.
     * @throws IllegalArgumentException if {@code epochMs} is out of range.
     */
    public static String next(final long epochMs)
    {
        if (epochMs < 0 || epochMs > MAX_EPOCH_MS)
        {
            throw new IllegalArgumentException("epochMs must be in 0.." + MAX_EPOCH_MS + ": " + epochMs);
        }

        final long candidate = epochMs << 12;
        long last;
        long stamp;
        do
        {
            last = LAST_STAMP.get();
            stamp = candidate > last ? candidate : last + 1;
        }
        while (!LAST_STAMP.compareAndSet(last, stamp));

        final long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFFL);
        final long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;

        return new UUID(msb, lsb).toString();
    }

    /**
     * The timestamp of a UUIDv7 string.
     *
     * @param uuid7 a UUIDv7 string.
     * @return its Unix milliseconds.
     * @throws IllegalArgumentException if {@code uuid7} is not a canonical version 7 UUID.
     */
    public static long epochMsOf(final String uuid7)
    {
        if (!isCanonical(uuid7))
        {
            throw new IllegalArgumentException("not a canonical UUIDv7: " + uuid7);
        }
        return UUID.fromString(uuid7).getMostSignificantBits() >>> 16;
    }

    /**
     * Whether a string is a lowercase hyphenated version 7, variant 2 UUID.
     *
     * @param value to test, may be null.
     * @return true if canonical.
     */
    public static boolean isCanonical(final String value)
    {
        if (null == value || value.length() != 36)
        {
            return false;
        }
        for (int i = 0; i < 36; i++)
        {
            final char c = value.charAt(i);
            final boolean isHyphenPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (isHyphenPosition ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }
        final char variant = value.charAt(19);
        return value.charAt(14) == '7' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
    }
}
