package io.asobi.ecs.tick;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuAffinityTest
{
    @Test
    void shouldFailGracefullyForCpuOutOfRange()
    {
        assertThat(CpuAffinity.tryPin(-1)).isFalse();
        assertThat(CpuAffinity.tryPin(CpuAffinity.MAX_CPUS)).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldReportErrnoForCpuTheMachineDoesNotHave() throws Exception
    {
        final int missingCpu = CpuAffinity.MAX_CPUS - 1;
        assertThat(Runtime.getRuntime().availableProcessors()).isLessThan(missingCpu);

        final AtomicReference<Throwable> failure = new AtomicReference<>();
        runOnFreshThread(() ->
        {
            final BitSet before = CpuAffinity.currentAffinity();
            try
            {
                CpuAffinity.pin(missingCpu);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
            assertThat(CpuAffinity.currentAffinity()).isEqualTo(before);
        });

        assertThat(failure.get())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("sched_setaffinity(cpu=1023) failed: errno=22");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldPinCallingThreadToCpuZeroOnLinux() throws Exception
    {
        assertThat(CpuAffinity.isSupported()).isTrue();
        final AtomicReference<BitSet> pinnedTo = new AtomicReference<>();

        // A fresh thread: affinity is per thread and must not leak into the test runner's thread.
        runOnFreshThread(() ->
        {
            assertThat(CpuAffinity.tryPin(0)).isTrue();
            pinnedTo.set(CpuAffinity.currentAffinity());
        });

        final BitSet expected = new BitSet();
        expected.set(0);
        assertThat(pinnedTo.get()).isEqualTo(expected);
    }

    @Test
    @EnabledOnOs(value = {OS.MAC, OS.WINDOWS}, disabledReason = "Linux supports pinning")
    void shouldThrowUnsupportedOffLinux()
    {
        assertThat(CpuAffinity.tryPin(0)).isFalse();
        assertThatThrownBy(() -> CpuAffinity.pin(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void runOnFreshThread(final Runnable task) throws Exception
    {
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                task.run();
            }
            catch (final Throwable ex)
            {
                error.set(ex);
            }
        }, "affinity-test");
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
        if (null != error.get())
        {
            throw new AssertionError(error.get());
        }
    }
}
