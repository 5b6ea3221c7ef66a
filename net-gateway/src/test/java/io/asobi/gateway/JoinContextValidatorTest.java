package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class JoinContextValidatorTest
{
    private static String validate(final String ctxJson) throws IOException
    {
        final JsonNode ctx = null == ctxJson ? null : Json.read(ctxJson);
        return JoinContextValidator.validate(ctx);
    }

    @Test
    void shouldAcceptAnAbsentOrFlatContextWithinBounds() throws IOException
    {
        assertThat(validate(null)).isNull();
        assertThat(validate("{}")).isNull();
        assertThat(validate("{\"a\":\"x\",\"b\":true,\"c\":false,\"d\":-1,\"e\":99999999999999999999999}")).isNull();
        assertThat(validate("{\"" + "k".repeat(64) + "\":\"" + "v".repeat(256) + "\"}")).isNull();
        assertThat(validate("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8}")).isNull();
    }

    @Test
    void shouldNameEachViolation() throws IOException
    {
        assertThat(validate("[]")).isEqualTo(JoinContextValidator.INVALID_JOIN_CTX);
        assertThat(validate("null")).isEqualTo(JoinContextValidator.INVALID_JOIN_CTX);
        assertThat(validate("7")).isEqualTo(JoinContextValidator.INVALID_JOIN_CTX);
        assertThat(validate("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}"))
            .isEqualTo(JoinContextValidator.TOO_MANY_KEYS);
        assertThat(validate("{\"\":1}")).isEqualTo(JoinContextValidator.INVALID_JOIN_CTX_KEY);
        assertThat(validate("{\"" + "k".repeat(65) + "\":1}")).isEqualTo(JoinContextValidator.KEY_TOO_LONG);
        // 33 two-byte characters: 33 chars but 66 bytes.
        assertThat(validate("{\"" + "é".repeat(33) + "\":1}")).isEqualTo(JoinContextValidator.KEY_TOO_LONG);
        assertThat(validate("{\"k\":\"" + "v".repeat(257) + "\"}")).isEqualTo(JoinContextValidator.VALUE_TOO_LONG);
        assertThat(validate("{\"k\":\"" + "€".repeat(86) + "\"}")).isEqualTo(JoinContextValidator.VALUE_TOO_LONG);
        assertThat(validate("{\"k\":1.0}")).isEqualTo(JoinContextValidator.INVALID_VALUE);
        assertThat(validate("{\"k\":null}")).isEqualTo(JoinContextValidator.INVALID_VALUE);
        assertThat(validate("{\"k\":[1]}")).isEqualTo(JoinContextValidator.INVALID_VALUE);
        assertThat(validate("{\"k\":{}}")).isEqualTo(JoinContextValidator.INVALID_VALUE);
    }
}
