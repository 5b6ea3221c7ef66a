package io.asobi.terrain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.LongHashSet;

/**
 * The bytes of a terrain edit overlay ({@link ChunkStore#allEdits()}), for world snapshots.
 * <p>
 * Layout (little-endian): magic {@value #MAGIC_TEXT}, version, edit count, then per edit its chunk x and y (i32),
 * tile index in the chunk (u16, {@code y × 64 + x}), tile id (u16), flags (u8) and elevation (u8): 14 bytes. The
 * same overlay always encodes to the same bytes, and decoding then encoding gives the bytes back.
 */
public final class EditSnapshot
{
    /** First four bytes, "ATED" in little-endian order. */
    public static final int MAGIC = 0x44455441;

    /** Format version written and read. */
    public static final int VERSION = 1;

    /** Bytes before the first edit. */
    public static final int HEADER_BYTES = 12;

    /** Bytes per edit. */
    public static final int EDIT_BYTES = 14;

    static final String MAGIC_TEXT = "ATED";

    private EditSnapshot()
    {
    }

    /**
     * Encode edits in their order.
     *
     * @param edits the edits, e.g. {@link ChunkStore#allEdits()}.
     * @return the bytes.
     * @throws IllegalArgumentException if there are too many to fit in one array.
     */
    public static byte[] encode(final List<TerrainEdit> edits)
    {
        final long length = HEADER_BYTES + (long)EDIT_BYTES * edits.size();
        if (length > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("too many edits to snapshot: " + edits.size());
        }
        final ByteBuffer out = ByteBuffer.allocate((int)length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(edits.size());
        for (final TerrainEdit edit : edits)
        {
            out.putInt(edit.cx())
                .putInt(edit.cy())
                .putShort((short)edit.tileIndex())
                .putShort((short)edit.tileId())
                .put((byte)edit.flags())
                .put((byte)edit.elevation());
        }
        return out.array();
    }

    /**
     * Decode and validate bytes of {@link #encode}.
     *
     * @param bytes    the snapshot.
     * @param maxEdits the most edits accepted (a store's {@link ChunkStore.Context#maxEditedTiles()}).
     * @return the edits in their encoded order.
     * @throws IllegalArgumentException if the bytes are not a valid snapshot: wrong magic, version or length,
     *                                  more than {@code maxEdits} edits, a coordinate out of range, or a tile edited
     *                                  twice. Nothing large is allocated before the length is checked.
     */
    public static List<TerrainEdit> decode(final byte[] bytes, final long maxEdits)
    {
        if (null == bytes)
        {
            throw new IllegalArgumentException("terrain edit snapshot is null");
        }
        if (bytes.length < HEADER_BYTES)
        {
            throw new IllegalArgumentException("terrain edit snapshot too short: " + bytes.length + " bytes");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (MAGIC != in.getInt())
        {
            throw new IllegalArgumentException("not a terrain edit snapshot (bad magic)");
        }
        final int version = in.getInt();
        if (VERSION != version)
        {
            throw new IllegalArgumentException("unsupported terrain edit snapshot version: " + version);
        }
        final int count = in.getInt();
        if (count < 0 || count > maxEdits)
        {
            throw new IllegalArgumentException("terrain edit count out of range 0.." + maxEdits + ": " + count);
        }
        if (bytes.length != HEADER_BYTES + (long)EDIT_BYTES * count)
        {
            throw new IllegalArgumentException("terrain edit snapshot of " + count + " edits must be " +
                (HEADER_BYTES + (long)EDIT_BYTES * count) + " bytes: " + bytes.length);
        }
        final ArrayList<TerrainEdit> edits = new ArrayList<>(count);
        final LongHashSet tiles = new LongHashSet(Math.max(8, 2 * count));
        for (int i = 0; i < count; i++)
        {
            final int cx = in.getInt();
            final int cy = in.getInt();
            final int tileIndex = in.getShort() & 0xFFFF;
            final int tileId = in.getShort() & 0xFFFF;
            final int flags = in.get() & 0xFF;
            final int elevation = in.get() & 0xFF;
            if (tileIndex >= Chunk.TILES)
            {
                throw new IllegalArgumentException("edit " + i + ": tile index out of range: " + tileIndex);
            }
            final TerrainEdit edit = new TerrainEdit(
                cx, cy, tileIndex & (Chunk.SIZE - 1), tileIndex >> Chunk.SIZE_SHIFT, tileId, flags, elevation);
            if (!tiles.add(tileKey(cx, cy, tileIndex)))
            {
                throw new IllegalArgumentException(
                    "edit " + i + ": tile " + tileIndex + " of chunk (" + cx + ", " + cy + ") edited twice");
            }
            edits.add(edit);
        }
        return edits;
    }

    private static long tileKey(final int cx, final int cy, final int tileIndex)
    {
        // coordinates are within ±MAX_COORD (2^20): 22 bits each once biased, plus 12 bits of tile index
        return (((long)(cx + Chunk.MAX_COORD) << 22 | (cy + Chunk.MAX_COORD)) << 12) | tileIndex;
    }
}
