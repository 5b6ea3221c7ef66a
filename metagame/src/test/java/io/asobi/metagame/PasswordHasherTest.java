package io.asobi.metagame;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest
{
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1, new SecureRandom());

    @Test
    void shouldVerifyHashesMadeByTheReferenceImplementation()
    {
        // Made with libargon2 (the PHC reference implementation), argon2id_hash_encoded, 32-byte hashes.
        assertThat(hasher.verify(
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "password")).isTrue();
        assertThat(hasher.verify(
            "$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$/ur5fLELUb1eXkT9oKHqq6gHGZ9Phwgbj4qyIcCNaYc",
            "correct horse battery")).isTrue();
        assertThat(hasher.verify(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$ffpaZ44Xk7U0RQox9C/AfdsHOpRjoKTh1dm9N9we/5M",
            "p\u00e4ssw\u00f6rd\u2713")).isTrue();
        assertThat(hasher.verify(
            "$argon2id$v=19$m=256,t=3,p=4$MDEyMzQ1Njc4OWFiY2RlZg$CZBlec9+/Exbx2/hIdKkBVaXxntBjyDy5rtpvFi6gpo",
            "password")).isTrue();

        assertThat(hasher.verify(
            "$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$/ur5fLELUb1eXkT9oKHqq6gHGZ9Phwgbj4qyIcCNaYc",
            "correct horse battery!")).isFalse();
    }

    @Test
    void shouldHashWithARandomSaltAndTheConfiguredParameters()
    {
        final String first = hasher.hash("hunter2hunter2");
        final String second = hasher.hash("hunter2hunter2");

        assertThat(first).startsWith("$argon2id$v=19$m=64,t=1,p=1$").isNotEqualTo(second);
        assertThat(first.split("\\$")).hasSize(6);
        assertThat(hasher.verify(first, "hunter2hunter2")).isTrue();
        assertThat(hasher.verify(second, "hunter2hunter2")).isTrue();
        assertThat(hasher.verify(first, "hunter2hunter3")).isFalse();
    }

    @Test
    void shouldVerifyHashesMadeWithOtherCosts()
    {
        final String stronger = new PasswordHasher(128, 2, 2, new SecureRandom()).hash("s3cret-pass");

        assertThat(stronger).contains("m=128,t=2,p=2");
        assertThat(hasher.verify(stronger, "s3cret-pass")).isTrue();
    }

    @Test
    void shouldAnswerFalseForMalformedOrOutOfRangeHashes()
    {
        final String good = hasher.hash("password1");
        final String[] malformed =
        {
            null,
            "",
            "plain",
            good.replace("$argon2id$", "$argon2i$"),
            good.replace("v=19", "v=16"),
            good.replace("m=64", "m=x"),
            good.replace("m=64", "m=4"),
            good.replace("m=64", "m=99999999"),
            good.replace("t=1", "t=0"),
            good.replace("t=1", "t=1000"),
            good.replace("p=1", "p=0"),
            good.replace(",p=1", ""),
            good + "$extra",
            good.substring(0, good.lastIndexOf('$')) + "$!!!notbase64",
            good.substring(0, good.lastIndexOf('$')) + "$AAAA",
        };

        for (final String encoded : malformed)
        {
            assertThat(hasher.verify(encoded, "password1")).as(String.valueOf(encoded)).isFalse();
        }
    }

    @Test
    void shouldCountDerivations()
    {
        final long before = hasher.derivationCount();
        final String hash = hasher.hash("password1");
        hasher.verify(hash, "password1");
        hasher.verify("garbage", "password1");

        assertThat(hasher.derivationCount() - before).isEqualTo(2);
    }
}
