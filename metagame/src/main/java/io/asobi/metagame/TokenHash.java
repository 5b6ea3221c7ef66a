package io.asobi.metagame;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The SHA-256 digest of an opaque token, the only form in which tokens are stored and journaled.
 * A token is 32 random bytes written as 43 characters of unpadded base64url; its hash is SHA-256 over those 43 ASCII
 * characters.
 */
record TokenHash(long w0, long w1, long w2, long w3)
{
    static final int LENGTH = 32;
    static final int TOKEN_CHARS = 43;
    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenHash::newDigest);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[TOKEN_CHARS]);

    /**
     * A new random token.
     *
     * @param random source of the token bytes.
     * @return 43 characters of base64url.
     */
    static String newToken(final SecureRandom random)
    {
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Hash a presented token.
     *
     * @param token as presented, may be null.
     * @return its hash, or null if it is not 43 base64url characters (never issued by us).
     */
    static TokenHash of(final String token)
    {
        if (null == token || token.length() != TOKEN_CHARS)
        {
            return null;
        }
        final byte[] ascii = SCRATCH.get();
        for (int i = 0; i < TOKEN_CHARS; i++)
        {
            final char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return null;
            }
            ascii[i] = (byte)c;
        }
        final MessageDigest digest = SHA_256.get();
        digest.update(ascii, 0, TOKEN_CHARS);
        return fromBytes(digest.digest(), 0);
    }

    /**
     * Hash of a token we issued.
     *
     * @param token 43 base64url characters.
     * @return its hash.
     * @throws IllegalArgumentException if it is not a well-formed token.
     */
    static TokenHash ofIssued(final String token)
    {
        final TokenHash hash = of(token);
        if (null == hash)
        {
            throw new IllegalArgumentException("not a well-formed token");
        }
        return hash;
    }

    static TokenHash fromBytes(final byte[] src, final int offset)
    {
        return new TokenHash(word(src, offset), word(src, offset + 8), word(src, offset + 16), word(src, offset + 24));
    }

    void toBytes(final byte[] dst, final int offset)
    {
        putWord(dst, offset, w0);
        putWord(dst, offset + 8, w1);
        putWord(dst, offset + 16, w2);
        putWord(dst, offset + 24, w3);
    }

    @Override
    public String toString()
    {
        return String.format("%016x%016x%016x%016x", w0, w1, w2, w3);
    }

    private static long word(final byte[] src, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (src[offset + i] & 0xFFL);
        }
        return value;
    }

    private static void putWord(final byte[] dst, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            dst[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    private static MessageDigest newDigest()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
