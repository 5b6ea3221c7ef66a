package io.asobi.world;

/**
 * The outbound port of the world runtime: implemented by the gateway, called by tick threads to push
 * server-initiated frames ({@code world.tick}, {@code world.ack}, {@code world.joined} on re-attach,
 * {@code world.finished}).
 * <p>
 * <b>Note:</b> implementations are thread safe and never block; a slow connection drops frames or is closed, it
 * never stalls the caller.
 */
public interface WorldOutbound
{
    /**
     * Push one complete text frame to every live session of a player.
     *
     * @param playerId the player to reach; unknown or offline players are ignored.
     * @param frame    a complete UTF-8 JSON envelope {@code {"type":...,"payload":...}}; the caller must not change
     *                 it afterwards, and the same array is handed to every subscriber of a zone.
     */
    void send(String playerId, byte[] frame);
}
