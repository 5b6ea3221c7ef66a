package io.asobi.match;

/**
 * The outbound port of the match runtime: implemented by the gateway, called by tick threads (and the matchmaker)
 * to push server-initiated frames.
 * <p>
 * <b>Note:</b> implementations are thread safe and never block; a slow connection drops frames or is closed, it
 * never stalls the caller.
 */
public interface MatchOutbound
{
    /**
     * Push one complete text frame to every live session of a player.
     *
     * @param playerId the player to reach; unknown or offline players are ignored.
     * @param frame    a complete UTF-8 JSON envelope {@code {"type":...,"payload":...}}; the caller must not change
     *                 it afterwards, so one array may be shared by every player of a match.
     */
    void send(String playerId, byte[] frame);
}
