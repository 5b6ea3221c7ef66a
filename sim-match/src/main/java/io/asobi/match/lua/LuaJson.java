package io.asobi.match.lua;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;

/**
 * Conversion between JSON and Lua values.
 * <p>
 * JSON to Lua: objects and arrays become tables (arrays indexed from 1), integers become Lua integers when they fit
 * in 32 bits (LuaJ's integer type) and doubles otherwise, strings become UTF-8 byte strings, {@code null} becomes
 * {@code nil} (an absent key, or a hole in an array).
 * <p>
 * Lua to JSON: a table whose keys are exactly 1..n (n &gt; 0) is an array; every other table, the empty one
 * included, is an object whose keys are written as strings (numbers and booleans in their text form); an integral
 * number within ±2^53 is written as an integer, NaN and infinities as {@code null}; strings are decoded as UTF-8 (bad
 * bytes become U+FFFD). Functions, userdata, threads and keys of those types cannot be encoded; neither can a
 * cycle nor nesting deeper than {@link #MAX_DEPTH}: each is a {@link LuaJsonException} naming where it was found,
 * never a stack overflow. Metatables are ignored (raw access only), so encoding never runs Lua code.
 * <p>
 * <b>Note:</b> stateless and thread safe.
 */
final class LuaJson
{
    /** Deepest nesting of objects and arrays, both ways. */
    static final int MAX_DEPTH = 64;

    /** Writes characters outside the BMP as 4-byte UTF-8, not as escaped surrogate pairs. */
    static final JsonFactory FACTORY =
        JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private static final double MAX_EXACT_INTEGER = 9007199254740992.0; // 2^53

    private LuaJson()
    {
    }

    /**
     * Decode a UTF-8 JSON object.
     *
     * @param json   buffer.
     * @param offset where the object starts.
     * @param length its length in bytes.
     * @return a new table.
     * @throws LuaJsonException if the bytes are not one JSON object or nest too deeply.
     */
    static LuaTable decodeObject(final byte[] json, final int offset, final int length)
    {
        try (JsonParser parser = FACTORY.createParser(json, offset, length))
        {
            if (JsonToken.START_OBJECT != parser.nextToken())
            {
                throw new LuaJsonException("input is not a JSON object");
            }
            final LuaTable table = readObject(parser, 1);
            if (null != parser.nextToken())
            {
                throw new LuaJsonException("trailing content after the JSON object");
            }
            return table;
        }
        catch (final JsonProcessingException ex)
        {
            throw new LuaJsonException("invalid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new LuaJsonException("invalid JSON: " + ex.getMessage());
        }
    }

    /**
     * Convert a Jackson tree.
     *
     * @param node tree to convert, or null.
     * @return the Lua value, {@code nil} for null or a JSON null.
     * @throws LuaJsonException if it nests too deeply.
     */
    static LuaValue fromTree(final JsonNode node)
    {
        return fromTree(node, 0);
    }

    /**
     * Write a Lua value as JSON.
     *
     * @param value     value to write.
     * @param generator where to write it.
     * @throws IOException      from the generator.
     * @throws LuaJsonException if the value cannot be encoded; part of it may have been written.
     */
    static void write(final LuaValue value, final JsonGenerator generator) throws IOException
    {
        final Encoder encoder = ENCODER.get();
        try
        {
            encoder.write(value, generator, 0);
        }
        finally
        {
            encoder.clearAncestors();
        }
    }

    /**
     * Encode a Lua value.
     *
     * @param value value to encode.
     * @return UTF-8 JSON.
     * @throws LuaJsonException if the value cannot be encoded.
     */
    static byte[] encode(final LuaValue value)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out))
        {
            write(value, generator);
        }
        catch (final IOException ex)
        {
            throw new LuaJsonException("cannot encode: " + ex.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * Convert a table to a Jackson object.
     *
     * @param table table that encodes as a JSON object.
     * @return a new object.
     * @throws LuaJsonException if it cannot be encoded or is not an object (an array, say).
     */
    static ObjectNode toObjectNode(final LuaValue table)
    {
        final byte[] json = encode(table);
        try
        {
            final JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode object)
            {
                return object;
            }
            throw new LuaJsonException("not a JSON object but " + node.getNodeType().name().toLowerCase());
        }
        catch (final IOException ex)
        {
            throw new LuaJsonException("cannot encode: " + ex.getMessage());
        }
    }

    /**
     * A Lua string holding the UTF-8 bytes of a Java string (LuaJ's own conversion writes surrogate pairs as CESU-8).
     *
     * @param s the string.
     * @return the Lua string.
     */
    static LuaString luaString(final String s)
    {
        return LuaString.valueOf(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Java string from the UTF-8 bytes of a Lua string; invalid bytes become U+FFFD.
     *
     * @param s the Lua string.
     * @return the Java string.
     */
    static String javaString(final LuaString s)
    {
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.UTF_8);
    }

    private static LuaTable readObject(final JsonParser parser, final int depth) throws IOException
    {
        if (depth > MAX_DEPTH)
        {
            throw new LuaJsonException("JSON nests deeper than " + MAX_DEPTH);
        }
        final LuaTable table = new LuaTable();
        JsonToken token;
        while (JsonToken.FIELD_NAME == (token = parser.nextToken()))
        {
            final LuaString key = luaString(parser.currentName());
            final LuaValue value = readValue(parser, parser.nextToken(), depth);
            if (!value.isnil())
            {
                table.rawset(key, value);
            }
        }
        if (JsonToken.END_OBJECT != token)
        {
            throw new LuaJsonException("invalid JSON object");
        }
        return table;
    }

    private static LuaTable readArray(final JsonParser parser, final int depth) throws IOException
    {
        if (depth > MAX_DEPTH)
        {
            throw new LuaJsonException("JSON nests deeper than " + MAX_DEPTH);
        }
        final LuaTable table = new LuaTable();
        int index = 0;
        JsonToken token;
        while (JsonToken.END_ARRAY != (token = parser.nextToken()))
        {
            if (null == token)
            {
                throw new LuaJsonException("invalid JSON array");
            }
            index++;
            final LuaValue value = readValue(parser, token, depth);
            if (!value.isnil())
            {
                table.rawset(index, value);
            }
        }
        return table;
    }

    private static LuaValue readValue(final JsonParser parser, final JsonToken token, final int depth)
        throws IOException
    {
        if (null == token)
        {
            throw new LuaJsonException("truncated JSON");
        }
        return switch (token)
        {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> luaString(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType())
            {
                case INT -> LuaValue.valueOf(parser.getIntValue());
                default -> LuaValue.valueOf(parser.getDoubleValue());
            };
            case VALUE_NUMBER_FLOAT -> LuaValue.valueOf(parser.getDoubleValue());
            case VALUE_TRUE -> LuaValue.TRUE;
            case VALUE_FALSE -> LuaValue.FALSE;
            case VALUE_NULL -> LuaValue.NIL;
            default -> throw new LuaJsonException("unexpected JSON token " + token);
        };
    }

    private static LuaValue fromTree(final JsonNode node, final int depth)
    {
        if (null == node || node.isNull() || node.isMissingNode())
        {
            return LuaValue.NIL;
        }
        if (node.isObject())
        {
            checkDepth(depth + 1);
            final LuaTable table = new LuaTable();
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                final LuaValue value = fromTree(field.getValue(), depth + 1);
                if (!value.isnil())
                {
                    table.rawset(luaString(field.getKey()), value);
                }
            }
            return table;
        }
        if (node.isArray())
        {
            checkDepth(depth + 1);
            final LuaTable table = new LuaTable();
            for (int i = 0, n = node.size(); i < n; i++)
            {
                final LuaValue value = fromTree(node.get(i), depth + 1);
                if (!value.isnil())
                {
                    table.rawset(i + 1, value);
                }
            }
            return table;
        }
        if (node.isTextual())
        {
            return luaString(node.textValue());
        }
        if (node.isBoolean())
        {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isInt())
        {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber())
        {
            return LuaValue.valueOf(node.doubleValue());
        }
        return luaString(node.asText());
    }

    private static void checkDepth(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new LuaJsonException("JSON nests deeper than " + MAX_DEPTH);
        }
    }

    /**
     * Per-thread encoding state, so that encoding a state frame allocates no bookkeeping: the ancestor stack for
     * cycle detection and a small direct-mapped cache of object keys already encoded as JSON field names (keys
     * repeat every tick: {@code "x"}, {@code "players"}, player ids).
     */
    private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

    private static final class Encoder
    {
        private static final int KEY_CACHE_SIZE = 1024;

        private final LuaTable[] ancestors = new LuaTable[MAX_DEPTH];
        private final LuaString[] cachedKeys = new LuaString[KEY_CACHE_SIZE];
        private final SerializedString[] cachedNames = new SerializedString[KEY_CACHE_SIZE];

        void clearAncestors()
        {
            Arrays.fill(ancestors, null);
        }

        void write(final LuaValue value, final JsonGenerator generator, final int depth) throws IOException
        {
            switch (value.type())
            {
                case LuaValue.TNIL -> generator.writeNull();
                case LuaValue.TBOOLEAN -> generator.writeBoolean(value.toboolean());
                case LuaValue.TNUMBER -> writeNumber(value, generator);
                case LuaValue.TSTRING -> writeString(value.checkstring(), generator);
                case LuaValue.TTABLE -> writeTable((LuaTable)value, generator, depth);
                default -> throw new LuaJsonException("cannot encode a value of type " + value.typename());
            }
        }

        private SerializedString fieldName(final LuaString key)
        {
            final int slot = key.hashCode() & (KEY_CACHE_SIZE - 1);
            final LuaString cached = cachedKeys[slot];
            if (null != cached && (cached == key || cached.raweq(key)))
            {
                return cachedNames[slot];
            }
            final SerializedString name = new SerializedString(javaString(key));
            cachedKeys[slot] = key;
            cachedNames[slot] = name;
            return name;
        }

        private void writeTable(final LuaTable table, final JsonGenerator generator, final int depth)
            throws IOException
        {
            for (int i = 0; i < depth; i++)
            {
                if (ancestors[i] == table)
                {
                    throw new LuaJsonException("cannot encode a table that contains itself (a cycle)");
                }
            }
            if (depth >= MAX_DEPTH)
            {
                throw new LuaJsonException("cannot encode tables nested deeper than " + MAX_DEPTH);
            }
            ancestors[depth] = table;
            try
            {
                final int arrayLength = arrayLength(table);
                if (arrayLength > 0)
                {
                    generator.writeStartArray(table, arrayLength);
                    for (int i = 1; i <= arrayLength; i++)
                    {
                        try
                        {
                            write(table.rawget(i), generator, depth + 1);
                        }
                        catch (final LuaJsonException ex)
                        {
                            throw ex.at("[" + i + "]");
                        }
                    }
                    generator.writeEndArray();
                }
                else
                {
                    generator.writeStartObject(table);
                    LuaValue k = LuaValue.NIL;
                    while (true)
                    {
                        final Varargs next = table.next(k);
                        k = next.arg1();
                        if (k.isnil())
                        {
                            break;
                        }
                        final String name;
                        if (LuaValue.TSTRING == k.type())
                        {
                            final SerializedString fieldName = fieldName(k.checkstring());
                            generator.writeFieldName(fieldName);
                            name = fieldName.getValue();
                        }
                        else
                        {
                            name = keyName(k);
                            generator.writeFieldName(name);
                        }
                        try
                        {
                            write(next.arg(2), generator, depth + 1);
                        }
                        catch (final LuaJsonException ex)
                        {
                            throw ex.at("." + name);
                        }
                    }
                    generator.writeEndObject();
                }
            }
            finally
            {
                ancestors[depth] = null;
            }
        }
    }

    /**
     * A Lua string as a JSON string: pure ASCII (the common case) straight from its bytes, anything else through a
     * Java string so that invalid UTF-8 becomes U+FFFD.
     */
    private static void writeString(final LuaString s, final JsonGenerator generator) throws IOException
    {
        final byte[] bytes = s.m_bytes;
        final int end = s.m_offset + s.m_length;
        for (int i = s.m_offset; i < end; i++)
        {
            if (bytes[i] < 0)
            {
                generator.writeString(javaString(s));
                return;
            }
        }
        generator.writeUTF8String(bytes, s.m_offset, s.m_length);
    }

    private static void writeNumber(final LuaValue value, final JsonGenerator generator) throws IOException
    {
        if (value.isinttype())
        {
            generator.writeNumber(value.toint());
            return;
        }
        final double d = value.todouble();
        if (Double.isNaN(d) || Double.isInfinite(d))
        {
            generator.writeNull();
        }
        else if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER)
        {
            generator.writeNumber((long)d);
        }
        else
        {
            generator.writeNumber(d);
        }
    }

    /**
     * The n of a table whose keys are exactly 1..n, or 0 if it is empty or not such a table.
     */
    private static int arrayLength(final LuaTable table)
    {
        int count = 0;
        int max = 0;
        LuaValue k = LuaValue.NIL;
        while (true)
        {
            final Varargs next = table.next(k);
            k = next.arg1();
            if (k.isnil())
            {
                break;
            }
            if (!k.isinttype())
            {
                return 0;
            }
            final int index = k.toint();
            if (index < 1)
            {
                return 0;
            }
            count++;
            max = Math.max(max, index);
        }
        return max == count ? count : 0;
    }

    private static String keyName(final LuaValue key)
    {
        return switch (key.type())
        {
            case LuaValue.TSTRING -> javaString(key.checkstring());
            case LuaValue.TNUMBER -> key.isinttype() ? Integer.toString(key.toint()) : numberKey(key.todouble());
            case LuaValue.TBOOLEAN -> key.toboolean() ? "true" : "false";
            default -> throw new LuaJsonException("cannot encode a key of type " + key.typename());
        };
    }

    private static String numberKey(final double d)
    {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER)
        {
            return Long.toString((long)d);
        }
        return LuaValue.valueOf(d).tojstring();
    }

    /**
     * A Lua value that cannot be converted, with the path to it ({@code "cannot encode a value of type function at
     * .players.p1.hook"}).
     */
    static final class LuaJsonException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final ArrayDeque<String> path = new ArrayDeque<>();

        LuaJsonException(final String reason)
        {
            super(reason, null, false, false);
            this.reason = reason;
        }

        LuaJsonException at(final String segment)
        {
            path.addFirst(segment);
            return this;
        }

        /**
         * {@inheritDoc}
         */
        public String getMessage()
        {
            return path.isEmpty() ? reason : reason + " at " + String.join("", path);
        }
    }
}
