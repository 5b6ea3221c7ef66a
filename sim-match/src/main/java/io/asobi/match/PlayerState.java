package io.asobi.match;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the runtime knows of one player across threads: the match it is in and the match it is joining.
 * <p>
 * {@link #match} is written by the tick thread that admits or removes the player and read by I/O threads to route
 * inputs; {@link #joining} is set by the thread publishing a join and cleared when the join is applied.
 */
final class PlayerState
{
    final String id;
    final byte[] idBytes;
    final long playerNo;
    final AtomicReference<MatchInstance> match = new AtomicReference<>();
    final AtomicReference<MatchInstance> joining = new AtomicReference<>();

    PlayerState(final String id, final long playerNo)
    {
        this.id = id;
        this.idBytes = id.getBytes(StandardCharsets.UTF_8);
        this.playerNo = playerNo;
    }

    public String toString()
    {
        return "PlayerState{id=" + id + ", playerNo=" + playerNo + "}";
    }
}
