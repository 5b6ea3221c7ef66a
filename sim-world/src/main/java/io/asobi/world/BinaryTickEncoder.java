package io.asobi.world;

import io.asobi.ecs.FieldKind;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Encodes the binary {@code world.tick} frame (asobi-spec §4.7) with one reusable body buffer: little-endian
 * {@code Kind:u8, ZX:i32, ZY:i32, FrameSeq:u64, Kf:u8, Tick:u64, DictLen:u8, dict (Len:u8 + name), RecCount:u16,
 * records}; a record is {@code Op:u8, Slot:u16, Gen:u8, [IdLen:u8 + id] (add only), FieldCount:u8, fields}; a field
 * is a header byte {@code Type << 5 | Idx} then its value (0 f32, 1 i32, 2 true, 3 false, 4 {@code Len:u16} +
 * UTF-8, 5 null). The dictionary lists the frame's field names in first-appearance order.
 * <p>
 * A frame the layout cannot express is <em>refused</em>: more than {@value #MAX_DICT} field names, a slot above
 * 65,535, an id or name over 255 UTF-8 bytes, a string over 65,535 bytes, an integer outside i32, more than 65,535
 * records. {@link #finish()} then returns null and the caller sends the JSON text frame instead. Doubles go out as
 * f32 and integers as i32, as Asobi.
 * <p>
 * Records are written as the zone walks its entities (no per-record allocation); {@link #finish()} allocates the
 * exact-size frame, shared by every binary subscriber of the zone.
 * <p>
 * <b>Note:</b> single threaded (one per world, used on its tick thread).
 */
final class BinaryTickEncoder
{
    static final int KIND_SEQUENCED = 1;
    static final int KIND_UNGATED = 2;
    static final int OP_ADD = 0;
    static final int OP_UPDATE = 1;
    static final int OP_REMOVE = 2;
    static final int T_F32 = 0;
    static final int T_I32 = 1;
    static final int T_TRUE = 2;
    static final int T_FALSE = 3;
    static final int T_STR = 4;
    static final int T_NULL = 5;
    static final int MAX_DICT = 32;
    static final int MAX_SLOT = 0xFFFF;
    static final int MAX_SHORT_BYTES = 0xFF;
    static final int MAX_STRING_BYTES = 0xFFFF;
    static final int MAX_RECORDS = 0xFFFF;
    /** Kind, ZX, ZY, FrameSeq, Kf, Tick. */
    static final int HEADER_BYTES = 1 + 4 + 4 + 8 + 1 + 8;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final WorldSchema schema;
    private final FieldKind[] slotKinds;
    private final byte[][] slotNameBytes;
    private final int[] dictIndexOfSlot;
    private final int[] dictSlots = new int[MAX_DICT];
    private final ArrayList<byte[]> typeBytes = new ArrayList<>();
    private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[0]);

    private int kind;
    private int zoneX;
    private int zoneY;
    private long frameSeq;
    private boolean keyframe;
    private long tick;
    private int dictLength;
    private int bodyLength;
    private int recordCount;
    private int fieldCountAt = -1;
    private int fieldCount;
    private String refusal;

    // Counters (tick thread; read by tests and stats).
    long encodedFrames;
    long refusedFrames;

    /**
     * @param schema    the world's entity shape: wire slot names and the type strings.
     * @param slotKinds the value kind of each wire slot ({@link WorldSchema#SLOT_TYPE} is written as its type string
     *                  whatever its kind).
     */
    BinaryTickEncoder(final WorldSchema schema, final FieldKind[] slotKinds)
    {
        this.schema = schema;
        this.slotKinds = slotKinds.clone();
        slotNameBytes = new byte[schema.slotCount][];
        for (int s = 0; s < schema.slotCount; s++)
        {
            slotNameBytes[s] = schema.slotNames[s].getValue().getBytes(UTF_8);
        }
        dictIndexOfSlot = new int[schema.slotCount];
        Arrays.fill(dictIndexOfSlot, -1);
    }

    /**
     * Start a frame; any frame left unfinished is dropped.
     *
     * @param kind     {@link #KIND_SEQUENCED} or {@link #KIND_UNGATED} (leave-removal: seq, kf and tick are 0).
     * @param zoneX    zone x.
     * @param zoneY    zone y.
     * @param frameSeq the frame's sequence.
     * @param keyframe whether it is a keyframe.
     * @param tick     the tick (0 on keyframes).
     */
    void begin(final int kind, final int zoneX, final int zoneY, final long frameSeq, final boolean keyframe,
        final long tick)
    {
        for (int i = 0; i < dictLength; i++)
        {
            dictIndexOfSlot[dictSlots[i]] = -1;
        }
        dictLength = 0;
        bodyLength = 0;
        recordCount = 0;
        fieldCountAt = -1;
        fieldCount = 0;
        refusal = null;
        this.kind = kind;
        this.zoneX = zoneX;
        this.zoneY = zoneY;
        this.frameSeq = frameSeq;
        this.keyframe = keyframe;
        this.tick = tick;
    }

    /** A remove record (no fields). */
    void remove(final int slot, final int gen)
    {
        if (startRecord(OP_REMOVE, slot, gen))
        {
            body.putByte(bodyLength++, (byte)0);
        }
    }

    /** Start an add record: its id, then {@link #field}s, then {@link #endRecord()}. */
    void beginAdd(final int slot, final int gen, final String id)
    {
        if (startRecord(OP_ADD, slot, gen))
        {
            final int lengthAt = bodyLength++;
            final int length = putUtf8(id);
            if (length > MAX_SHORT_BYTES)
            {
                refuse("id over 255 bytes");
                return;
            }
            body.putByte(lengthAt, (byte)length);
            openFields();
        }
    }

    /** Start an update record: {@link #field}s, then {@link #endRecord()}. */
    void beginUpdate(final int slot, final int gen)
    {
        if (startRecord(OP_UPDATE, slot, gen))
        {
            openFields();
        }
    }

    /**
     * One field of the open record, from the raw bits of wire slot {@code slot} (as the zone's baseline keeps them).
     */
    void field(final int slot, final long bits)
    {
        if (null != refusal)
        {
            return;
        }
        int index = dictIndexOfSlot[slot];
        if (index < 0)
        {
            if (dictLength == MAX_DICT)
            {
                refuse("more than 32 field names");
                return;
            }
            if (slotNameBytes[slot].length > MAX_SHORT_BYTES)
            {
                refuse("field name over 255 bytes");
                return;
            }
            index = dictLength++;
            dictSlots[index] = slot;
            dictIndexOfSlot[slot] = index;
        }
        fieldCount++;
        if (WorldSchema.SLOT_TYPE == slot)
        {
            string(index, typeBytes((int)bits));
            return;
        }
        switch (slotKinds[slot])
        {
            case DOUBLE -> f32(index, (float)Double.longBitsToDouble(bits));
            case FLOAT -> f32(index, Float.intBitsToFloat((int)bits));
            case BOOLEAN -> body.putByte(bodyLength++, header(0 != bits ? T_TRUE : T_FALSE, index));
            default ->
            {
                if (bits < Integer.MIN_VALUE || bits > Integer.MAX_VALUE)
                {
                    refuse("integer outside i32");
                    return;
                }
                body.putByte(bodyLength++, header(T_I32, index));
                body.putInt(bodyLength, (int)bits, LE);
                bodyLength += Integer.BYTES;
            }
        }
    }

    /** Close the open add or update record. */
    void endRecord()
    {
        if (null == refusal && fieldCountAt >= 0)
        {
            body.putByte(fieldCountAt, (byte)fieldCount);
        }
        fieldCountAt = -1;
    }

    /**
     * Assemble the frame.
     *
     * @return the frame, a new array of exactly its length, or null if the frame was refused ({@link #refusal()}).
     */
    byte[] finish()
    {
        if (null != refusal)
        {
            refusedFrames++;
            return null;
        }
        int dictBytes = 0;
        for (int i = 0; i < dictLength; i++)
        {
            dictBytes += 1 + slotNameBytes[dictSlots[i]].length;
        }
        final byte[] frame = new byte[HEADER_BYTES + 1 + dictBytes + Short.BYTES + bodyLength];
        final UnsafeBuffer buffer = out;
        buffer.wrap(frame);
        buffer.putByte(0, (byte)kind);
        buffer.putInt(1, zoneX, LE);
        buffer.putInt(5, zoneY, LE);
        buffer.putLong(9, frameSeq, LE);
        buffer.putByte(17, (byte)(keyframe ? 1 : 0));
        buffer.putLong(18, tick, LE);
        int position = HEADER_BYTES;
        buffer.putByte(position++, (byte)dictLength);
        for (int i = 0; i < dictLength; i++)
        {
            final byte[] name = slotNameBytes[dictSlots[i]];
            buffer.putByte(position++, (byte)name.length);
            buffer.putBytes(position, name);
            position += name.length;
        }
        buffer.putShort(position, (short)recordCount, LE);
        position += Short.BYTES;
        buffer.putBytes(position, body, 0, bodyLength);
        buffer.wrap(new byte[0]);
        encodedFrames++;
        return frame;
    }

    /** Why the current frame was refused, or null. */
    String refusal()
    {
        return refusal;
    }

    private boolean startRecord(final int op, final int slot, final int gen)
    {
        endRecord();
        if (null != refusal)
        {
            return false;
        }
        if (slot < 0 || slot > MAX_SLOT)
        {
            refuse("slot over 65535");
            return false;
        }
        if (recordCount == MAX_RECORDS)
        {
            refuse("more than 65535 records");
            return false;
        }
        recordCount++;
        body.putByte(bodyLength, (byte)op);
        body.putShort(bodyLength + 1, (short)slot, LE);
        body.putByte(bodyLength + 3, (byte)gen);
        bodyLength += 4;
        return true;
    }

    private void openFields()
    {
        if (null == refusal)
        {
            fieldCountAt = bodyLength++;
            fieldCount = 0;
        }
    }

    private void f32(final int index, final float value)
    {
        body.putByte(bodyLength++, header(T_F32, index));
        body.putFloat(bodyLength, value, LE);
        bodyLength += Float.BYTES;
    }

    private void string(final int index, final byte[] utf8)
    {
        if (utf8.length > MAX_STRING_BYTES)
        {
            refuse("string over 65535 bytes");
            return;
        }
        body.putByte(bodyLength++, header(T_STR, index));
        body.putShort(bodyLength, (short)utf8.length, LE);
        body.putBytes(bodyLength + Short.BYTES, utf8);
        bodyLength += Short.BYTES + utf8.length;
    }

    private byte[] typeBytes(final int code)
    {
        while (typeBytes.size() <= code && typeBytes.size() < schema.typeCount())
        {
            typeBytes.add(schema.typeName(typeBytes.size()).getBytes(UTF_8));
        }
        return code >= 0 && code < typeBytes.size() ? typeBytes.get(code) : new byte[0];
    }

    private static byte header(final int type, final int index)
    {
        return (byte)(type << 5 | index);
    }

    /** UTF-8 of {@code value} at the body's end, without allocating; returns the bytes written. */
    private int putUtf8(final String value)
    {
        final int start = bodyLength;
        int position = start;
        final ExpandableArrayBuffer buffer = body;
        for (int i = 0, n = value.length(); i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | c >> 6));
                buffer.putByte(position++, (byte)(0x80 | c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                final int cp = Character.toCodePoint(c, value.charAt(++i));
                buffer.putByte(position++, (byte)(0xF0 | cp >> 18));
                buffer.putByte(position++, (byte)(0x80 | cp >> 12 & 0x3F));
                buffer.putByte(position++, (byte)(0x80 | cp >> 6 & 0x3F));
                buffer.putByte(position++, (byte)(0x80 | cp & 0x3F));
            }
            else
            {
                final char unit = Character.isSurrogate(c) ? '?' : c; // a lone surrogate, as String.getBytes does
                if (unit < 0x80)
                {
                    buffer.putByte(position++, (byte)unit);
                }
                else
                {
                    buffer.putByte(position++, (byte)(0xE0 | unit >> 12));
                    buffer.putByte(position++, (byte)(0x80 | unit >> 6 & 0x3F));
                    buffer.putByte(position++, (byte)(0x80 | unit & 0x3F));
                }
            }
        }
        bodyLength = position;
        return position - start;
    }

    private void refuse(final String reason)
    {
        if (null == refusal)
        {
            refusal = reason;
        }
    }
}
