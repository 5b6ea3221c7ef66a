package io.asobi.sbe.snapshot;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldSnapshotCodecTest
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WorldSnapshotEncoder encoder = new WorldSnapshotEncoder();
    private final WorldSnapshotDecoder decoder = new WorldSnapshotDecoder();

    @Provide
    Arbitrary<WorldSnapshotModel> snapshots()
    {
        return WorldSnapshotModel.snapshots();
    }

    @Property(tries = 300)
    void shouldRoundTripGroupsAndVarData(
        @ForAll("snapshots") final WorldSnapshotModel snapshot, @ForAll @IntRange(max = 64) final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + snapshot.maxEncodedLength()]);

        final int length = snapshot.encode(buffer, offset, headerEncoder, encoder);
        final WorldSnapshotModel decoded = WorldSnapshotModel.decode(buffer, offset, headerDecoder, decoder);

        assertThat(decoded).isEqualTo(snapshot);
        assertThat(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Property(tries = 50)
    void shouldWriteSchemaIdentityInHeader(@ForAll("snapshots") final WorldSnapshotModel snapshot)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[snapshot.maxEncodedLength()]);
        snapshot.encode(buffer, 0, headerEncoder, encoder);

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.schemaId()).isEqualTo(1);
        assertThat(headerDecoder.templateId()).isEqualTo(1);
        assertThat(headerDecoder.version()).isEqualTo(0);
        assertThat(headerDecoder.blockLength()).isEqualTo(24);
    }

    @Example
    void shouldRefuseVarDataLongerThanItsLengthTypeAllows()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final WorldSnapshotModel empty =
            new WorldSnapshotModel(1, 2, 0, 0, List.of(), List.of(), new byte[0], new byte[0]);
        final int maxLength = (int)VarDataEncodingEncoder.lengthMaxValue();
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).componentTypesCount(0);
        encoder.archetypesCount(0);
        final int limitBefore = encoder.limit();

        // The length check comes before any byte is copied, so a 1 GiB source is not needed to hit it.
        assertThat(maxLength).isEqualTo(1 << 30);
        assertThatThrownBy(() -> encoder.putGenerations(new byte[0], 0, maxLength + 1))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("length > maxValue");
        assertThat(encoder.limit()).isEqualTo(limitBefore);
        assertThat(empty.encode(buffer, 0, headerEncoder, encoder)).isEqualTo(8 + 24 + 4 + 4 + 4 + 4);
    }
}
