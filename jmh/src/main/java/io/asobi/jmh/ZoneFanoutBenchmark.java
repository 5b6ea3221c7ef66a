package io.asobi.jmh;

import java.util.concurrent.TimeUnit;

import io.asobi.world.Position;
import io.asobi.world.ResyncResult;
import io.asobi.world.WorldConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B7, delta fan-out: {@code viewers} joined players of a real {@code sim-world} world all watch one zone holding
 * {@code npcs} NPCs ({@code movingPercent} of them wandering), at 20 Hz with a broadcast every tick, through the
 * real zone broadcast and
 * {@code FrameEncoder} and a counting outbound. Layout: a 2×2 grid of 100-unit zones, view radius 1; the viewers
 * stand still in zone (0,0) (which therefore sends nothing after their arrival) and see zone (1,1), where the NPCs
 * move every tick (and stay: they bounce off its walls). One {@link #broadcastTick} advances the clock one period
 * and runs one duty cycle: the zones step and zone (1,1) encodes ONE delta frame that is handed to every viewer.
 * <p>
 * {@code mode=delta}: the delta broadcast only. {@code mode=full}: as well, every viewer asks for a keyframe of the
 * zone each tick ({@code WorldService.resync}, limits raised for the run), so each receives the full state every
 * tick (the keyframe is encoded once per tick and shared); its time is delta plus keyframe, its keyframe bytes are
 * the full-state bytes. The teardown prints bytes per player per tick of each kind and the full/delta ratio
 * (target: delta ≤ 0.3x full, ≤ 1.5 KB per player per tick).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@State(Scope.Benchmark)
public class ZoneFanoutBenchmark
{
    static final double ZONE_SIZE = 100;
    static final double SPEED = 5;

    @Param("1000")
    int viewers;

    @Param("100")
    int npcs;

    /** Percentage of the NPCs that move (the others never change, so they cost the delta nothing). */
    @Param({ "100", "20" })
    int movingPercent;

    @Param({ "delta", "full" })
    String mode;

    WorldFixture fixture;
    ZoneSystemsLogic logic;
    String[] viewerIds;
    boolean full;
    long ticks;
    long refused;

    @Setup(Level.Trial)
    public void setUp()
    {
        if (!"delta".equals(mode) && !"full".equals(mode))
        {
            throw new IllegalArgumentException("mode must be delta or full: " + mode);
        }
        full = "full".equals(mode);
        logic = new ZoneSystemsLogic(npcs, npcs * movingPercent / 100, 0, 1, SPEED, 8,
            new Position(ZONE_SIZE / 2, ZONE_SIZE / 2));
        final WorldConfig config = WorldConfig.defaults("b7")
            .withGrid(2, ZONE_SIZE, 1)
            .withRates(20, 1)
            .withMaxPlayers(viewers + 1)
            .withLifecycle(0, 0, true);
        fixture = new WorldFixture(config, logic, Math.max(viewers, npcs) + 16);
        viewerIds = new String[viewers];
        for (int i = 0; i < viewers; i++)
        {
            viewerIds[i] = "v" + i;
        }
        final String worldId = fixture.create(viewerIds[0]);
        for (int i = 1; i < viewers; i++)
        {
            fixture.join(viewerIds[i], worldId);
        }
        for (int i = 0; i < 3; i++)
        {
            fixture.tick();
        }
        fixture.settle();
        fixture.outbound.reset();
        ticks = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final WorldFixture.CountingOutbound out = fixture.outbound;
        final double perTick = Math.max(1, ticks) * (double)viewers;
        final double delta = out.bytes / perTick;
        final double key = out.keyframeBytes / perTick;
        System.out.printf("%nB7 %s: %d ticks, %d viewers, %d NPCs (%d %% moving); per player per tick: " +
            "%.1f delta frames, %.0f B delta, %.1f keyframes, %.0f B keyframe; distinct encodings %d; " +
            "resyncs refused %d%s%n",
            mode, ticks, viewers, npcs, movingPercent, out.frames / perTick, delta, out.keyframes / perTick, key,
            out.distinctFrames, refused, full && key > 0 ? String.format("; delta/full bytes %.3f", delta / key) : "");
        fixture.close();
    }

    /**
     * One broadcast tick.
     *
     * @return the duty cycle's work count.
     */
    @Benchmark
    public int broadcastTick()
    {
        if (full)
        {
            final String[] ids = viewerIds;
            for (int i = 0; i < ids.length; i++)
            {
                if (ResyncResult.ACCEPTED != fixture.runtime.resync(ids[i], 1, 1))
                {
                    refused++;
                }
            }
        }
        ticks++;
        return fixture.tick();
    }
}
