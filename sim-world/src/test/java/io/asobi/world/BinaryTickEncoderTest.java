package io.asobi.world;

import io.asobi.ecs.FieldKind;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden bytes of the binary {@code world.tick} layout (asobi-spec §4.7), computed by hand, and the refusals.
 */
class BinaryTickEncoderTest
{
    private static final FieldKind[] WALK_KINDS = {FieldKind.DOUBLE, FieldKind.DOUBLE, FieldKind.INT, FieldKind.INT};

    /** 33 wire fields: one more than a frame's dictionary holds. */
    record Wide(int f00, int f01, int f02, int f03, int f04, int f05, int f06, int f07, int f08, int f09, int f10,
        int f11, int f12, int f13, int f14, int f15, int f16, int f17, int f18, int f19, int f20, int f21, int f22,
        int f23, int f24, int f25, int f26, int f27, int f28, int f29)
    {
    }

    private static WorldSchema walkSchema()
    {
        return WorldSchema.of(new WalkLogic()); // slots: 0 x, 1 y, 2 type, 3 hp
    }

    private static long bits(final double value)
    {
        return Double.doubleToRawLongBits(value);
    }

    @Test
    void deltaFrameMatchesHandComputedBytes()
    {
        final WorldSchema schema = walkSchema();
        final int npc = schema.typeCode("npc");
        assertThat(npc).isEqualTo(1);
        final BinaryTickEncoder encoder = new BinaryTickEncoder(schema, WALK_KINDS);

        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 3, -2, 5, false, 42);
        encoder.beginAdd(7, 0, "n1");
        encoder.field(0, bits(1.5));
        encoder.field(2, npc);
        encoder.field(3, 7);
        encoder.endRecord();
        encoder.beginUpdate(7, 0);
        encoder.field(1, bits(-2.0));
        encoder.endRecord();
        encoder.remove(3, 2);
        final byte[] frame = encoder.finish();

        final String expected =
            "01" + "03000000" + "feffffff" + "0500000000000000" + "00" + "2a00000000000000" + // header
            "04" + "0178" + "0474797065" + "026870" + "0179" +                               // dict x, type, hp, y
            "0300" +                                                                         // 3 records
            "00" + "0700" + "00" + "026e31" + "03" +                                         // add slot 7 gen 0 "n1"
            "00" + "0000c03f" +                                                              //   x = 1.5f
            "81" + "0300" + "6e7063" +                                                       //   type = "npc"
            "22" + "07000000" +                                                              //   hp = 7
            "01" + "0700" + "00" + "01" + "03" + "000000c0" +                                // update: y = -2.0f
            "02" + "0300" + "02" + "00";                                                     // remove slot 3 gen 2
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo(expected);

        final BinaryTickDecoder.Frame decoded = BinaryTickDecoder.decode(frame);
        assertThat(decoded.kind()).isEqualTo(1);
        assertThat(decoded.zoneY()).isEqualTo(-2);
        assertThat(decoded.dict()).containsExactly("x", "type", "hp", "y");
        assertThat(decoded.records()).hasSize(3);
        assertThat(decoded.records().get(0).id()).isEqualTo("n1");
        assertThat(decoded.records().get(0).fields()).containsEntry("x", 1.5f).containsEntry("type", "npc")
            .containsEntry("hp", 7);
    }

    @Test
    void removalFrameIsUngatedWithZeroSeqKfAndTick()
    {
        final BinaryTickEncoder encoder = new BinaryTickEncoder(walkSchema(), WALK_KINDS);
        encoder.begin(BinaryTickEncoder.KIND_UNGATED, 0, 1, 0, false, 0);
        encoder.remove(0, 255);
        encoder.remove(65535, 1);
        assertThat(HexFormat.of().formatHex(encoder.finish())).isEqualTo(
            "02" + "00000000" + "01000000" + "0000000000000000" + "00" + "0000000000000000" +
            "00" + "0200" + "02" + "0000" + "ff" + "00" + "02" + "ffff" + "01" + "00");
    }

    @Test
    void booleansAndUtf8()
    {
        final FieldKind[] kinds = {FieldKind.DOUBLE, FieldKind.DOUBLE, FieldKind.INT, FieldKind.BOOLEAN};
        final BinaryTickEncoder encoder = new BinaryTickEncoder(walkSchema(), kinds);
        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, true, 0);
        encoder.beginAdd(1, 0, "é€😀");
        encoder.field(3, 1);
        encoder.endRecord();
        encoder.beginUpdate(1, 0);
        encoder.field(3, 0);
        encoder.endRecord();
        final byte[] frame = encoder.finish();
        assertThat(HexFormat.of().formatHex(frame)).endsWith(
            "01" + "026870" + "0200" +                                                    // dict "hp", 2 records
            "00" + "0100" + "00" + "09" + "c3a9" + "e282ac" + "f09f9880" + "01" + "40" +  // add, hp = true
            "01" + "0100" + "00" + "01" + "60");                                         // update, hp = false
        assertThat(BinaryTickDecoder.decode(frame).records().get(0).id()).isEqualTo("é€😀");
    }

    @Test
    void refusesWhatTheLayoutCannotExpress()
    {
        final BinaryTickEncoder encoder = new BinaryTickEncoder(walkSchema(), WALK_KINDS);
        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.beginAdd(0, 0, "€".repeat(86));
        encoder.endRecord();
        assertThat(encoder.finish()).isNull();
        assertThat(encoder.refusal()).isEqualTo("id over 255 bytes");

        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.beginAdd(0, 0, "€".repeat(85)); // 255 bytes: fits
        encoder.endRecord();
        assertThat(encoder.finish()).isNotNull();

        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.remove(65536, 0);
        assertThat(encoder.finish()).isNull();
        assertThat(encoder.refusal()).isEqualTo("slot over 65535");

        final FieldKind[] longKinds = {FieldKind.DOUBLE, FieldKind.DOUBLE, FieldKind.INT, FieldKind.LONG};
        final BinaryTickEncoder longs = new BinaryTickEncoder(walkSchema(), longKinds);
        longs.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        longs.beginUpdate(0, 0);
        longs.field(3, Integer.MAX_VALUE + 1L);
        longs.endRecord();
        assertThat(longs.finish()).isNull();
        assertThat(longs.refusal()).isEqualTo("integer outside i32");
        longs.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        longs.beginUpdate(0, 0);
        longs.field(3, Integer.MIN_VALUE);
        longs.endRecord();
        assertThat(BinaryTickDecoder.decode(longs.finish()).records().get(0).fields())
            .containsEntry("hp", Integer.MIN_VALUE);
    }

    @Test
    void refusesMoreThan32FieldNamesInOneFrame()
    {
        final WorldLogic wide = new WorldLogic()
        {
            public List<Class<? extends Record>> wireComponents()
            {
                return List.of(Wide.class);
            }

            public Position spawnPosition(final String playerId)
            {
                return new Position(0, 0);
            }

            public void handleInput(final ZoneContext zone, final int entity, final String playerId,
                final byte[] json, final int offset, final int length)
            {
            }
        };
        final WorldSchema schema = WorldSchema.of(wide);
        assertThat(schema.slotCount).isEqualTo(33);
        final FieldKind[] kinds = new FieldKind[33];
        java.util.Arrays.fill(kinds, FieldKind.INT);
        kinds[0] = FieldKind.DOUBLE;
        kinds[1] = FieldKind.DOUBLE;
        final BinaryTickEncoder encoder = new BinaryTickEncoder(schema, kinds);

        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.beginUpdate(0, 0);
        for (int s = 0; s < 32; s++)
        {
            encoder.field(s, 1);
        }
        encoder.endRecord();
        final byte[] frame = encoder.finish();
        assertThat(BinaryTickDecoder.decode(frame).dict()).hasSize(32);

        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.beginUpdate(0, 0);
        encoder.field(0, 1);
        encoder.endRecord();
        encoder.beginUpdate(1, 0);
        for (int s = 1; s < 33; s++)
        {
            encoder.field(s, 1);
        }
        encoder.endRecord();
        assertThat(encoder.finish()).isNull();
        assertThat(encoder.refusal()).isEqualTo("more than 32 field names");

        // the dictionary is per frame: the next frame starts empty
        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 2, false, 2);
        encoder.beginUpdate(0, 0);
        encoder.field(32, 3);
        encoder.endRecord();
        assertThat(BinaryTickDecoder.decode(encoder.finish()).dict()).containsExactly("f29");
    }

    @Test
    void decoderRejectsMalformedFrames()
    {
        final BinaryTickEncoder encoder = new BinaryTickEncoder(walkSchema(), WALK_KINDS);
        encoder.begin(BinaryTickEncoder.KIND_SEQUENCED, 0, 0, 1, false, 1);
        encoder.remove(1, 0);
        final byte[] frame = encoder.finish();
        assertThatThrownBy(() -> BinaryTickDecoder.decode(java.util.Arrays.copyOf(frame, frame.length - 1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinaryTickDecoder.decode(java.util.Arrays.copyOf(frame, frame.length + 1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
