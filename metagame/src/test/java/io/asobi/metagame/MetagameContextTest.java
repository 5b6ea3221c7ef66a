package io.asobi.metagame;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetagameContextTest
{
    private static final Path DIR = Path.of("metagame-data");

    private static void assertRejected(final UnaryOperator<MetagameStateMachine.Context> setting, final String option)
    {
        assertThatThrownBy(() -> setting.apply(new MetagameStateMachine.Context().dataDir(DIR)).conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(option);
    }

    @Test
    void shouldFillInDefaults()
    {
        final MetagameStateMachine.Context ctx = new MetagameStateMachine.Context().dataDir(DIR).conclude();

        assertThat(ctx.isConcluded()).isTrue();
        assertThat(ctx.epochClock()).isSameAs(SystemEpochClock.INSTANCE);
        assertThat(ctx.argon2MemoryKiB()).isEqualTo(19456);
        assertThat(ctx.argon2Iterations()).isEqualTo(2);
        assertThat(ctx.argon2Parallelism()).isEqualTo(1);
        assertThat(ctx.hashThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(ctx.commandQueueCapacity()).isEqualTo(4096);
        assertThat(ctx.pruneIntervalMs()).isEqualTo(60_000);
        assertThat(ctx.roleName()).isEqualTo("metagame");
        assertThat(ctx.idleStrategy()).isNotNull();
        assertThat(ctx.errorHandler()).isNotNull();
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameTheInvalidOption()
    {
        assertThatThrownBy(() -> new MetagameStateMachine.Context().conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessage("dataDir must be set");
        assertRejected(ctx -> ctx.epochClock(null), "epochClock");
        assertRejected(ctx -> ctx.argon2MemoryKiB(7), "argon2MemoryKiB");
        assertRejected(ctx -> ctx.argon2MemoryKiB(15).argon2Parallelism(2), "argon2MemoryKiB");
        assertRejected(ctx -> ctx.argon2MemoryKiB(PasswordHasher.MAX_MEMORY_KIB + 1), "argon2MemoryKiB");
        assertRejected(ctx -> ctx.argon2Iterations(0), "argon2Iterations");
        assertRejected(ctx -> ctx.argon2Iterations(65), "argon2Iterations");
        assertRejected(ctx -> ctx.argon2Parallelism(0), "argon2Parallelism");
        assertRejected(ctx -> ctx.argon2Parallelism(17), "argon2Parallelism");
        assertRejected(ctx -> ctx.hashThreads(0), "hashThreads");
        assertRejected(ctx -> ctx.hashQueueCapacity(0), "hashQueueCapacity");
        assertRejected(ctx -> ctx.commandQueueCapacity(1), "commandQueueCapacity");
        assertRejected(ctx -> ctx.commandDrainLimit(0), "commandDrainLimit");
        assertRejected(ctx -> ctx.maxFamiliesPerPlayer(0), "maxFamiliesPerPlayer");
        assertRejected(ctx -> ctx.pruneIntervalMs(0), "pruneIntervalMs");
        assertRejected(ctx -> ctx.closeTimeoutMs(-1), "closeTimeoutMs");
        assertRejected(ctx -> ctx.roleName(" "), "roleName");
    }
}
