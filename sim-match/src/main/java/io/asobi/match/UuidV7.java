package io.asobi.match;

import org.agrona.concurrent.EpochClock;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * UUIDv7 strings (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by creation time and
 * cannot be guessed. Used for match and ticket ids.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class UuidV7 implements Supplier<String>
{
    private final EpochClock epochClock;
    private final SecureRandom random = new SecureRandom();

    UuidV7(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
    }

    /**
     * A new id.
     *
     * @return its canonical 36-character form.
     */
    public String get()
    {
        final long timeMs = epochClock.time() & 0xFFFF_FFFF_FFFFL;
        final long randA;
        final long randB;
        synchronized (random)
        {
            randA = random.nextLong();
            randB = random.nextLong();
        }
        final long msb = (timeMs << 16) | 0x7000L | (randA & 0x0FFFL);
        final long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;

        return new UUID(msb, lsb).toString();
    }
}
