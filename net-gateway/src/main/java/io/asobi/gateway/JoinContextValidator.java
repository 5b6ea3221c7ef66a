package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Bounds on the client-supplied join context {@code ctx} (asobi-spec §4.4): a flat object of at most
 * {@value #MAX_KEYS} keys, each key 1 to {@value #MAX_KEY_BYTES} UTF-8 bytes, each value a string of at most
 * {@value #MAX_VALUE_BYTES} UTF-8 bytes, an integer or a boolean.
 */
final class JoinContextValidator
{
    static final int MAX_KEYS = 8;
    static final int MAX_KEY_BYTES = 64;
    static final int MAX_VALUE_BYTES = 256;

    static final String INVALID_JOIN_CTX = "invalid_join_ctx";
    static final String INVALID_JOIN_CTX_KEY = "invalid_join_ctx_key";
    static final String TOO_MANY_KEYS = "join_ctx_too_many_keys";
    static final String KEY_TOO_LONG = "join_ctx_key_too_long";
    static final String VALUE_TOO_LONG = "join_ctx_value_too_long";
    static final String INVALID_VALUE = "invalid_join_ctx_value";

    private JoinContextValidator()
    {
    }

    /**
     * Check a join context.
     *
     * @param ctx the {@code ctx} member of the request payload, or null when absent (always valid).
     * @return null when valid, else the error reason.
     */
    static String validate(final JsonNode ctx)
    {
        if (null == ctx)
        {
            return null;
        }
        if (!ctx.isObject())
        {
            return INVALID_JOIN_CTX;
        }
        if (ctx.size() > MAX_KEYS)
        {
            return TOO_MANY_KEYS;
        }

        for (final Map.Entry<String, JsonNode> field : ctx.properties())
        {
            final String key = field.getKey();
            if (key.isEmpty())
            {
                return INVALID_JOIN_CTX_KEY;
            }
            if (Utf8.length(key) > MAX_KEY_BYTES)
            {
                return KEY_TOO_LONG;
            }

            final JsonNode value = field.getValue();
            if (value.isTextual())
            {
                if (Utf8.length(value.textValue()) > MAX_VALUE_BYTES)
                {
                    return VALUE_TOO_LONG;
                }
            }
            else if (!value.isBoolean() && !value.isIntegralNumber())
            {
                return INVALID_VALUE;
            }
        }
        return null;
    }
}
