package io.asobi.ecs.tick;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.BitSet;

/**
 * Pins the calling thread to one CPU where the OS allows: on Linux through libc {@code sched_setaffinity(2)},
 * called with the FFM API (no extra native dependency). Elsewhere pinning is reported as unsupported.
 * <p>
 * Needs {@code --enable-native-access=ALL-UNNAMED} to run without a JVM warning.
 */
final class CpuAffinity
{
    /** Bits in glibc's {@code cpu_set_t}: the CPUs that can be named. */
    static final int MAX_CPUS = 1024;

    private static final long CPU_SET_BYTES = MAX_CPUS / 8;

    private CpuAffinity()
    {
    }

    /**
     * Whether pinning is supported on this platform.
     *
     * @return true on Linux when libc's affinity calls could be linked.
     */
    static boolean isSupported()
    {
        return null != Native.SET_AFFINITY;
    }

    /**
     * Pin the calling thread to {@code cpu}.
     *
     * @param cpu to pin to, 0 to {@link #MAX_CPUS} - 1.
     * @return true if pinned, false if unsupported, {@code cpu} is out of range or the OS refused.
     */
    static boolean tryPin(final int cpu)
    {
        try
        {
            pin(cpu);
            return true;
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    /**
     * Pin the calling thread to {@code cpu}.
     *
     * @param cpu to pin to, 0 to {@link #MAX_CPUS} - 1.
     * @throws UnsupportedOperationException if the platform has no supported pinning call.
     * @throws IllegalArgumentException      if {@code cpu} is out of range.
     * @throws IllegalStateException         if the OS refused, with its errno.
     */
    static void pin(final int cpu)
    {
        if (!isSupported())
        {
            throw new UnsupportedOperationException(
                "CPU pinning needs Linux sched_setaffinity: os.name=" + System.getProperty("os.name"));
        }
        if (cpu < 0 || cpu >= MAX_CPUS)
        {
            throw new IllegalArgumentException("cpu must be in 0.." + (MAX_CPUS - 1) + ": " + cpu);
        }

        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(CPU_SET_BYTES, Long.BYTES);
            final long word = mask.getAtIndex(ValueLayout.JAVA_LONG, cpu / Long.SIZE);
            mask.setAtIndex(ValueLayout.JAVA_LONG, cpu / Long.SIZE, word | (1L << (cpu % Long.SIZE)));
            final MemorySegment callState = arena.allocate(Native.CALL_STATE_LAYOUT);

            final int result = (int)Native.SET_AFFINITY.invokeExact(callState, 0, CPU_SET_BYTES, mask);
            if (0 != result)
            {
                throw new IllegalStateException(
                    "sched_setaffinity(cpu=" + cpu + ") failed: errno=" + (int)Native.ERRNO.get(callState, 0L));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sched_setaffinity(cpu=" + cpu + ") failed", ex);
        }
    }

    /**
     * The CPUs the calling thread may run on.
     *
     * @return set of CPU numbers.
     * @throws UnsupportedOperationException if the platform has no supported affinity call.
     */
    static BitSet currentAffinity()
    {
        if (!isSupported())
        {
            throw new UnsupportedOperationException("CPU affinity needs Linux sched_getaffinity");
        }

        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(CPU_SET_BYTES, Long.BYTES);
            final MemorySegment callState = arena.allocate(Native.CALL_STATE_LAYOUT);
            final int result = (int)Native.GET_AFFINITY.invokeExact(callState, 0, CPU_SET_BYTES, mask);
            if (0 != result)
            {
                throw new IllegalStateException("sched_getaffinity failed: errno=" + (int)Native.ERRNO.get(callState, 0L));
            }

            return BitSet.valueOf(mask.toArray(ValueLayout.JAVA_LONG));
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sched_getaffinity failed", ex);
        }
    }

    /**
     * Linked lazily, on first use, so that other platforms load the class without linking anything.
     */
    @SuppressWarnings("restricted") // downcallHandle: native access is enabled on the command line (jvm25.args)
    private static final class Native
    {
        static final MethodHandle SET_AFFINITY;
        static final MethodHandle GET_AFFINITY;
        static final MemoryLayout CALL_STATE_LAYOUT;
        static final VarHandle ERRNO;

        static
        {
            MethodHandle setAffinity = null;
            MethodHandle getAffinity = null;
            MemoryLayout callStateLayout = null;
            VarHandle errno = null;

            if (System.getProperty("os.name", "").toLowerCase().startsWith("linux"))
            {
                try
                {
                    final Linker linker = Linker.nativeLinker();
                    final SymbolLookup libc = linker.defaultLookup();
                    final Linker.Option captureErrno = Linker.Option.captureCallState("errno");
                    final FunctionDescriptor descriptor = FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);

                    setAffinity = linker.downcallHandle(
                        libc.find("sched_setaffinity").orElseThrow(), descriptor, captureErrno);
                    getAffinity = linker.downcallHandle(
                        libc.find("sched_getaffinity").orElseThrow(), descriptor, captureErrno);
                    callStateLayout = Linker.Option.captureStateLayout();
                    errno = callStateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                }
                catch (final RuntimeException ex)
                {
                    setAffinity = null;
                    getAffinity = null;
                }
            }

            SET_AFFINITY = setAffinity;
            GET_AFFINITY = getAffinity;
            CALL_STATE_LAYOUT = callStateLayout;
            ERRNO = errno;
        }
    }
}
