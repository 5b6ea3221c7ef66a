package io.asobi.metagame;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Argon2id password hashing (BouncyCastle) with a random 16-byte salt, encoded as a PHC string:
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (unpadded standard base64). Verification
 * reads the parameters from the stored string, so hashes made with other costs stay valid.
 * <p>
 * <b>Note:</b> thread safe; each call is CPU and memory heavy ({@code m} KiB): run it on the hash pool only.
 */
final class PasswordHasher
{
    static final int MIN_MEMORY_KIB = 8;
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64_ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;
    private final AtomicLong derivationCount = new AtomicLong();

    PasswordHasher(final int memoryKiB, final int iterations, final int parallelism, final SecureRandom random)
    {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
    }

    /**
     * Hash a password with a new random salt.
     *
     * @param password plain password.
     * @return the PHC string.
     */
    String hash(final String password)
    {
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        final byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);

        return PREFIX + "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" +
            B64_ENCODER.encodeToString(salt) + "$" + B64_ENCODER.encodeToString(hash);
    }

    /**
     * Check a password against a stored PHC string in constant time for the given parameters.
     *
     * @param encoded  stored PHC string.
     * @param password presented password.
     * @return true if it matches; false on a mismatch or a malformed or out-of-range string.
     */
    boolean verify(final String encoded, final String password)
    {
        if (null == encoded || !encoded.startsWith(PREFIX))
        {
            return false;
        }
        final String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3)
        {
            return false;
        }
        final String[] params = parts[0].split(",", -1);
        if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=") ||
            !params[2].startsWith("p="))
        {
            return false;
        }

        try
        {
            final int m = Integer.parseInt(params[0].substring(2));
            final int t = Integer.parseInt(params[1].substring(2));
            final int p = Integer.parseInt(params[2].substring(2));
            final byte[] salt = B64_DECODER.decode(parts[1]);
            final byte[] expected = B64_DECODER.decode(parts[2]);
            if (p < 1 || p > MAX_PARALLELISM || m < Math.max(MIN_MEMORY_KIB, 8 * p) || m > MAX_MEMORY_KIB ||
                t < 1 || t > MAX_ITERATIONS || salt.length < 8 || salt.length > 64 || expected.length < 16 ||
                expected.length > 64)
            {
                return false;
            }

            final byte[] actual = derive(password, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /**
     * Argon2 derivations run so far (hashes and verifications that got as far as hashing).
     *
     * @return the count.
     */
    long derivationCount()
    {
        return derivationCount.get();
    }

    private byte[] derive(
        final String password,
        final byte[] salt,
        final int memoryKiB,
        final int iterations,
        final int parallelism,
        final int hashBytes)
    {
        derivationCount.incrementAndGet();
        final Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
        final Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);

        final byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        final byte[] hash = new byte[hashBytes];
        try
        {
            generator.generateBytes(passwordBytes, hash);
        }
        finally
        {
            Arrays.fill(passwordBytes, (byte)0);
        }
        return hash;
    }
}
