package io.asobi.world;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the runtime knows of one player across threads: the world it belongs to (attached or detached) and the world
 * it is joining.
 * <p>
 * {@link #world} is written by the tick thread that admits or removes the player and read by I/O threads to route
 * inputs; {@link #joining} is set by the thread publishing a join and cleared when the join is applied or fails.
 */
final class PlayerState
{
    final String id;
    final long playerNo;
    final AtomicReference<WorldInstance> world = new AtomicReference<>();
    final AtomicReference<WorldInstance> joining = new AtomicReference<>();
    final RateWindow resyncs;

    PlayerState(final String id, final long playerNo, final RateWindow resyncs)
    {
        this.id = id;
        this.playerNo = playerNo;
        this.resyncs = resyncs;
    }

    public String toString()
    {
        return "PlayerState{id=" + id + ", playerNo=" + playerNo + "}";
    }
}
