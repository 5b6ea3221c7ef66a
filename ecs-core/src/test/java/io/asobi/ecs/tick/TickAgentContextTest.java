package io.asobi.ecs.tick;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickAgentContextTest
{
    @Test
    void shouldFillDefaultsOnConclude()
    {
        final TickAgent.Context ctx = new TickAgent.Context().conclude();

        assertThat(ctx.isConcluded()).isTrue();
        assertThat(ctx.idleStrategy()).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(ctx.errorHandler()).isNotNull();
        assertThat(ctx.quarantineHandler()).isNotNull();
        assertThat(ctx.ringCapacity()).isEqualTo(TickAgent.Context.RING_CAPACITY_DEFAULT);
        assertThat(ctx.cpuAffinity()).isEqualTo(TickAgent.Context.NO_CPU_AFFINITY);
    }

    @Test
    void shouldRejectSecondConclude()
    {
        final TickAgent.Context ctx = new TickAgent.Context().conclude();

        assertThatThrownBy(ctx::conclude)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Context already concluded");
    }

    @Test
    void shouldRejectContextConcludedBeforeConstruction()
    {
        final TickAgent.Context ctx = new TickAgent.Context().conclude();

        assertThatThrownBy(() -> new TickAgent(ctx)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectNullClock()
    {
        assertRejected(ctx -> ctx.nanoClock(null), "nanoClock must not be null");
    }

    @Test
    void shouldRejectRingCapacityThatIsNotAPowerOfTwo()
    {
        assertRejected(ctx -> ctx.ringCapacity(1000), "ringCapacity must be a power of two >= 2: 1000");
        assertRejected(ctx -> ctx.ringCapacity(0), "ringCapacity must be a power of two >= 2: 0");
        assertRejected(ctx -> ctx.ringCapacity(1), "ringCapacity must be a power of two >= 2: 1");
        assertRejected(ctx -> ctx.ringCapacity(-8), "ringCapacity must be a power of two >= 2: -8");
    }

    @Test
    void shouldRejectMaxInputBytesOutOfRange()
    {
        assertRejected(ctx -> ctx.maxInputBytes(0), "maxInputBytes must be in 1..65536: 0");
        assertRejected(ctx -> ctx.maxInputBytes(65537), "maxInputBytes must be in 1..65536: 65537");
    }

    @Test
    void shouldRejectPayloadRegionAboveOneGibibyte()
    {
        assertRejected(ctx -> ctx.ringCapacity(1 << 25).maxInputBytes(33),
            "ringCapacity × maxInputBytes (rounded up to cache lines) must be at most 1073741824: " +
            "ringCapacity=33554432 maxInputBytes=33");
    }

    @Test
    void shouldRejectNonPositiveInputPollLimit()
    {
        assertRejected(ctx -> ctx.inputPollLimit(0), "inputPollLimit must be >= 1: 0");
    }

    @Test
    void shouldRejectTinyControlQueue()
    {
        assertRejected(ctx -> ctx.controlQueueCapacity(1), "controlQueueCapacity must be >= 2: 1");
    }

    @Test
    void shouldRejectBlankRoleName()
    {
        assertRejected(ctx -> ctx.roleName(" "), "roleName must not be blank:  ");
        assertRejected(ctx -> ctx.roleName(null), "roleName must not be blank: null");
    }

    @Test
    void shouldRejectCpuAffinityOutOfRange()
    {
        assertRejected(ctx -> ctx.cpuAffinity(-2), "cpuAffinity must be -1 or in 0..1023: -2");
        assertRejected(ctx -> ctx.cpuAffinity(1024), "cpuAffinity must be -1 or in 0..1023: 1024");
    }

    private static void assertRejected(final UnaryOperator<TickAgent.Context> misconfigure, final String message)
    {
        final TickAgent.Context ctx = misconfigure.apply(new TickAgent.Context());

        assertThatThrownBy(ctx::conclude)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }
}
