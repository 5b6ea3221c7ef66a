package io.asobi.metagame;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHashTest
{
    private final SecureRandom random = new SecureRandom();

    @Test
    void shouldIssueDistinct43CharacterBase64UrlTokens()
    {
        final Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++)
        {
            final String token = TokenHash.newToken(random);
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void shouldHashTheTokenCharactersWithSha256() throws Exception
    {
        final String token = TokenHash.newToken(random);
        final byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));

        final TokenHash hash = TokenHash.of(token);
        final byte[] actual = new byte[TokenHash.LENGTH];
        hash.toBytes(actual, 0);

        assertThat(actual).isEqualTo(expected);
        assertThat(TokenHash.fromBytes(actual, 0)).isEqualTo(hash).isEqualTo(TokenHash.of(token));
        assertThat(hash.toString()).hasSize(64);
    }

    @Test
    void shouldRejectAnythingThatIsNotAnIssuedTokenShape()
    {
        final String token = TokenHash.newToken(random);

        assertThat(TokenHash.of(null)).isNull();
        assertThat(TokenHash.of("")).isNull();
        assertThat(TokenHash.of(token.substring(1))).isNull();
        assertThat(TokenHash.of(token + "A")).isNull();
        assertThat(TokenHash.of(token.substring(1) + "=")).isNull();
        assertThat(TokenHash.of(token.substring(1) + "+")).isNull();
        assertThat(TokenHash.of("x".repeat(100_000))).isNull();
    }
}
