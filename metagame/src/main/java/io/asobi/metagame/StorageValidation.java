package io.asobi.metagame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * Caller-side checks of cloud save and storage arguments (cheap, before anything is queued on the writer).
 */
final class StorageValidation
{
    /** Longest slot name. */
    static final int MAX_SLOT_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private StorageValidation()
    {
    }

    /** Slot names: 1-64 of {@code [A-Za-z0-9_.-]}. */
    static boolean isValidSlot(final String slot)
    {
        return isName(slot, MAX_SLOT_LENGTH, false);
    }

    /** Collection names and keys: 1-128 of {@code [A-Za-z0-9_.:-]}. */
    static boolean isValidName(final String name)
    {
        return isName(name, Storage.MAX_NAME_LENGTH, true);
    }

    static void requireSlot(final String slot)
    {
        if (!isValidSlot(slot))
        {
            throw StorageErrors.of(StorageErrors.SAVE_INVALID_SLOT,
                "A slot name is 1-" + MAX_SLOT_LENGTH + " characters of A-Z a-z 0-9 _ . -");
        }
    }

    static void requireNames(final String collection, final String key)
    {
        if (!isValidName(collection))
        {
            throw StorageErrors.of(StorageErrors.STORAGE_INVALID_REQUEST,
                "A collection is 1-" + Storage.MAX_NAME_LENGTH + " characters of A-Z a-z 0-9 _ . : -",
                Map.of("field", "collection"));
        }
        if (null != key && !isValidName(key))
        {
            throw StorageErrors.of(StorageErrors.STORAGE_INVALID_REQUEST,
                "A key is 1-" + Storage.MAX_NAME_LENGTH + " characters of A-Z a-z 0-9 _ . : -",
                Map.of("field", "key"));
        }
    }

    /**
     * A JSON document's encoding, bounded.
     *
     * @param value    any JSON value; null or missing is an empty object.
     * @param maxBytes the limit.
     * @return the UTF-8 encoding, or null if it is longer than {@code maxBytes}.
     */
    static byte[] encode(final JsonNode value, final int maxBytes)
    {
        if (null == value || value.isMissingNode())
        {
            return EMPTY_OBJECT.clone();
        }
        final byte[] bytes;
        try
        {
            bytes = JSON.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw StorageErrors.of(StorageErrors.STORAGE_INVALID_REQUEST, "The value cannot be encoded as JSON");
        }
        return bytes.length > maxBytes ? null : bytes;
    }

    /** Parse a stored document back (exports). */
    static JsonNode parse(final String json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final JsonProcessingException ex)
        {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static boolean isName(final String name, final int maxLength, final boolean allowColon)
    {
        if (null == name || name.isEmpty() || name.length() > maxLength)
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            final boolean isValid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.' || (allowColon && c == ':');
            if (!isValid)
            {
                return false;
            }
        }
        return true;
    }
}
