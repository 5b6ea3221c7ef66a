package io.asobi.sbe.snapshot;

import net.jqwik.api.Example;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated codecs check field access order when -Dsbe.enable.precedence.checks=true, as the test build sets. */
class PrecedenceChecksTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final EntityStatesEncoder encoder = new EntityStatesEncoder();

    @Example
    void shouldRefuseAGroupFieldWrittenBeforeNext()
    {
        final EntityStatesEncoder.EntitiesEncoder entities =
            encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).tick(1).entitiesCount(1);

        assertThatThrownBy(() -> entities.entityId(2))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Illegal field access order");
    }

    @Example
    void shouldRefuseAnIncompleteGroup()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder).tick(1).entitiesCount(2).next().entityId(7);

        assertThatThrownBy(encoder::checkEncodingIsComplete)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Not fully encoded");
    }

    @Example
    void shouldRefuseVarDataBeforeTheGroupsOfAWorldSnapshot()
    {
        final WorldSnapshotEncoder worldEncoder = new WorldSnapshotEncoder();
        worldEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).tick(1);

        assertThatThrownBy(() -> worldEncoder.putGenerations(new byte[1], 0, 1))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Illegal field access order");
    }
}
