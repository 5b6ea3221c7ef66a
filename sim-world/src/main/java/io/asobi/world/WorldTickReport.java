package io.asobi.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.SimulationStats;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;

/**
 * The step-time report of live worlds for operators and benchmarks ({@link WorldRuntime#tickReport()}):
 * <pre>
 * {"live": n,
 *  "worlds": [{world_id, mode, status, players, live_zones, tick_thread, tick_rate_hz, ticks, overruns,
 *              dropped_inputs, step_us: {count, p50, p90, p99, max}}],
 *  "tick_threads": [{index, worlds, cpu_ms}]}
 * </pre>
 * {@code step_us} is the world simulation's step-time histogram since the previous report (read and reset), in
 * microseconds. {@code cpu_ms} is the CPU time the tick thread has used since it started (absent when the JVM cannot
 * measure thread CPU time or the runtime runs in invoker mode): its difference over an interval divided by the
 * interval is how busy the thread was, zones and input draining included. {@code live_zones} is read without
 * synchronising with the tick thread (approximate). Allocates; not for hot paths.
 */
final class WorldTickReport
{
    private WorldTickReport()
    {
    }

    static ObjectNode build(
        final Collection<WorldInstance> worlds, final int liveWorldCount, final WorldShard[] shards,
        final Thread[] tickThreads)
    {
        final ObjectNode report = Json.object();
        report.put("live", liveWorldCount);
        final ArrayNode entries = report.putArray("worlds");
        for (final WorldInstance world : worlds)
        {
            final SimulationStats stats = world.stats();
            if (null == stats)
            {
                continue;
            }
            final Histogram steps = stats.stepTimeIntervalHistogram(null);
            final WorldView view = world.view();
            final ObjectNode entry = entries.addObject();
            entry.put("world_id", world.worldId());
            entry.put("mode", world.config.name());
            entry.put("status", view.status());
            entry.put("players", view.playerCount());
            entry.put("live_zones", world.zoneCount());
            entry.put("tick_thread", world.shard.index);
            entry.put("tick_rate_hz", stats.rateHz());
            entry.put("ticks", stats.tickCount());
            entry.put("overruns", stats.overrunCount());
            entry.put("dropped_inputs", world.droppedInputsView);
            final ObjectNode stepUs = entry.putObject("step_us");
            stepUs.put("count", steps.getTotalCount());
            stepUs.put("p50", steps.getValueAtPercentile(50) / 1000.0);
            stepUs.put("p90", steps.getValueAtPercentile(90) / 1000.0);
            stepUs.put("p99", steps.getValueAtPercentile(99) / 1000.0);
            stepUs.put("max", steps.getMaxValue() / 1000.0);
        }

        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final boolean cpuTime = mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled();
        final ArrayNode threads = report.putArray("tick_threads");
        for (int i = 0; i < shards.length; i++)
        {
            final ObjectNode entry = threads.addObject();
            entry.put("index", shards[i].index);
            entry.put("worlds", shards[i].worldCount.get());
            final Thread thread = tickThreads[i];
            final long cpuNs = cpuTime && null != thread ? mx.getThreadCpuTime(thread.threadId()) : -1;
            if (cpuNs >= 0)
            {
                entry.put("cpu_ms", cpuNs / 1e6);
            }
        }
        return report;
    }
}
