package io.asobi.world;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A strict decoder of the binary {@code world.tick} layout (asobi-spec §4.7), written from the spec for tests: it
 * rejects unknown kinds, ops and value types, a field index outside the dictionary, invalid UTF-8, truncated frames
 * and trailing bytes.
 */
final class BinaryTickDecoder
{
    record Frame(int kind, int zoneX, int zoneY, long frameSeq, boolean keyframe, long tick, List<String> dict,
        List<Rec> records)
    {
    }

    /** One record; {@code id} only on adds; values are Float, Integer, Boolean, String or null. */
    record Rec(int op, int slot, int gen, String id, Map<String, Object> fields)
    {
    }

    private BinaryTickDecoder()
    {
    }

    static Frame decode(final byte[] bytes)
    {
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try
        {
            final int kind = in.get() & 0xFF;
            if (1 != kind && 2 != kind)
            {
                throw new IllegalArgumentException("kind " + kind);
            }
            final int zoneX = in.getInt();
            final int zoneY = in.getInt();
            final long frameSeq = in.getLong();
            final int kf = in.get() & 0xFF;
            if (kf > 1)
            {
                throw new IllegalArgumentException("kf " + kf);
            }
            final long tick = in.getLong();
            final int dictLength = in.get() & 0xFF;
            if (dictLength > 32)
            {
                throw new IllegalArgumentException("dict " + dictLength);
            }
            final List<String> dict = new ArrayList<>();
            for (int i = 0; i < dictLength; i++)
            {
                dict.add(utf8(in, in.get() & 0xFF));
            }
            final int count = in.getShort() & 0xFFFF;
            final List<Rec> records = new ArrayList<>();
            for (int r = 0; r < count; r++)
            {
                final int op = in.get() & 0xFF;
                if (op > 2)
                {
                    throw new IllegalArgumentException("op " + op);
                }
                final int slot = in.getShort() & 0xFFFF;
                final int gen = in.get() & 0xFF;
                final String id = 0 == op ? utf8(in, in.get() & 0xFF) : null;
                final int fieldCount = in.get() & 0xFF;
                final Map<String, Object> fields = new LinkedHashMap<>();
                for (int f = 0; f < fieldCount; f++)
                {
                    final int header = in.get() & 0xFF;
                    final int type = header >>> 5;
                    final int index = header & 0x1F;
                    if (index >= dict.size())
                    {
                        throw new IllegalArgumentException("field index " + index + " of " + dict.size());
                    }
                    final Object value = switch (type)
                    {
                        case 0 -> in.getFloat();
                        case 1 -> in.getInt();
                        case 2 -> Boolean.TRUE;
                        case 3 -> Boolean.FALSE;
                        case 4 -> utf8(in, in.getShort() & 0xFFFF);
                        case 5 -> null;
                        default -> throw new IllegalArgumentException("value type " + type);
                    };
                    if (fields.containsKey(dict.get(index)))
                    {
                        throw new IllegalArgumentException("field " + dict.get(index) + " twice");
                    }
                    fields.put(dict.get(index), value);
                }
                records.add(new Rec(op, slot, gen, id, fields));
            }
            if (in.hasRemaining())
            {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return new Frame(kind, zoneX, zoneY, frameSeq, 1 == kf, tick, dict, records);
        }
        catch (final java.nio.BufferUnderflowException ex)
        {
            throw new IllegalArgumentException("truncated frame", ex);
        }
    }

    private static String utf8(final ByteBuffer in, final int length)
    {
        final ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try
        {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new IllegalArgumentException("invalid UTF-8", ex);
        }
    }
}
