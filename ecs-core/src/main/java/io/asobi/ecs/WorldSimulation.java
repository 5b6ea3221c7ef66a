package io.asobi.ecs;

import io.asobi.ecs.tick.Simulation;
import io.asobi.ecs.tick.TickAgent;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Hosts a {@link World} and its {@link Systems} on a {@link TickAgent}: inputs delivered between ticks are copied
 * into a staging buffer in arrival order, and each tick replays them to an {@link InputHandler} as the first system
 * of {@link Phase#INPUT}, then runs the other systems. Staging allocates only when the buffer grows.
 * <p>
 * <b>Note:</b> runs on the tick thread; the world must not be touched from other threads.
 */
public final class WorldSimulation implements Simulation
{
    private static final int RECORD_HEADER_BYTES = 8 + 4 + 4;

    private final World world;
    private final Systems systems;
    private final InputHandler inputHandler;
    private final int maxStagedBytes;
    private final ExpandableArrayBuffer staged = new ExpandableArrayBuffer(1024);
    private int stagedBytes;
    private int stagedCount;
    private long droppedInputs;
    private long lastStateHash;

    /**
     * Applies one input to the world; structural changes go through {@link World#commands()}.
     */
    @FunctionalInterface
    public interface InputHandler
    {
        /**
         * @param world     the world.
         * @param tick      the world tick the input is applied in.
         * @param sourceId  who sent it.
         * @param inputType its type.
         * @param buffer    holding the payload, valid during the call only.
         * @param offset    of the payload.
         * @param length    of the payload.
         */
        void onInput(World world, long tick, long sourceId, int inputType, DirectBuffer buffer, int offset, int length);
    }

    /**
     * @param world          the world to step.
     * @param inputHandler   applies inputs at the start of each tick.
     * @param maxStagedBytes bound on input bytes staged between two ticks; inputs past it are dropped and counted.
     */
    public WorldSimulation(final World world, final InputHandler inputHandler, final int maxStagedBytes)
    {
        if (maxStagedBytes < RECORD_HEADER_BYTES)
        {
            throw new IllegalArgumentException("maxStagedBytes must be >= " + RECORD_HEADER_BYTES + ": " + maxStagedBytes);
        }
        this.world = world;
        this.inputHandler = inputHandler;
        this.maxStagedBytes = maxStagedBytes;
        systems = new Systems(world).add(Phase.INPUT, "inputs", (w, tick) -> applyStaged(tick));
    }

    /**
     * @return the world.
     */
    public World world()
    {
        return world;
    }

    /**
     * @return the systems, to which game systems are added; the first {@link Phase#INPUT} system applies inputs.
     */
    public Systems systems()
    {
        return systems;
    }

    /**
     * @return inputs dropped because more than {@code maxStagedBytes} arrived between two ticks.
     */
    public long droppedInputCount()
    {
        return droppedInputs;
    }

    /**
     * @return {@link World#stateHash()} after the last tick (0 before the first).
     */
    public long lastStateHash()
    {
        return lastStateHash;
    }

    public void onInput(
        final long sourceId, final int inputType, final DirectBuffer buffer, final int offset, final int length)
    {
        final int recordBytes = RECORD_HEADER_BYTES + length;
        if (stagedBytes + recordBytes > maxStagedBytes)
        {
            droppedInputs++;
            return;
        }
        staged.putLong(stagedBytes, sourceId);
        staged.putInt(stagedBytes + 8, inputType);
        staged.putInt(stagedBytes + 12, length);
        staged.putBytes(stagedBytes + RECORD_HEADER_BYTES, buffer, offset, length);
        stagedBytes += recordBytes;
        stagedCount++;
    }

    public void onTick(final long tick)
    {
        systems.runTick();
        lastStateHash = world.stateHash();
    }

    private void applyStaged(final long worldTick)
    {
        try
        {
            int offset = 0;
            for (int i = 0; i < stagedCount; i++)
            {
                final long sourceId = staged.getLong(offset);
                final int inputType = staged.getInt(offset + 8);
                final int length = staged.getInt(offset + 12);
                inputHandler.onInput(world, worldTick, sourceId, inputType, staged, offset + RECORD_HEADER_BYTES, length);
                offset += RECORD_HEADER_BYTES + length;
            }
        }
        finally
        {
            stagedBytes = 0;
            stagedCount = 0;
        }
    }
}
