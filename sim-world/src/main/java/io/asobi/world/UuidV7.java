package io.asobi.world;

import org.agrona.concurrent.EpochClock;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * UUIDv7 strings (RFC 9562) for world ids: 48 bits of Unix milliseconds, a 12-bit counter within the millisecond,
 * 62 random bits; ids of one generator sort by creation order.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class UuidV7 implements Supplier<String>
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final EpochClock epochClock;
    private final SecureRandom random = new SecureRandom();
    private long lastMs = Long.MIN_VALUE;
    private int sequence;

    UuidV7(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
    }

    public synchronized String get()
    {
        long ms = epochClock.time();
        if (ms <= lastMs)
        {
            ms = lastMs;
            if (++sequence > 0xFFF)
            {
                ms++;
                sequence = 0;
            }
        }
        else
        {
            sequence = random.nextInt(0x800);
        }
        lastMs = ms;

        final long high = (ms << 16) | 0x7000L | sequence;
        final long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        final char[] out = new char[36];
        int pos = 0;
        for (int i = 0; i < 16; i++)
        {
            if (8 == i || 12 == i)
            {
                out[pos++] = '-';
            }
            out[pos++] = HEX[(int)(high >>> (60 - 4 * i)) & 0xF];
        }
        for (int i = 0; i < 16; i++)
        {
            if (0 == i || 4 == i)
            {
                out[pos++] = '-';
            }
            out[pos++] = HEX[(int)(low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
