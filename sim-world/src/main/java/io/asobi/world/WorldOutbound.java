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

    /**
     * Push one {@code world.tick} in both wire forms (asobi-spec §4.7): each live session of the player gets the
     * binary frame as ONE WebSocket binary message if it negotiated {@code wire:"binary"}, else the JSON text frame.
     * Both arrays are shared by every subscriber of a zone and must not be changed.
     * <p>
     * The default sends the JSON frame with {@link #send} (an outbound without binary sessions).
     *
     * @param playerId    the player to reach; unknown or offline players are ignored.
     * @param jsonFrame   the complete JSON envelope.
     * @param binaryFrame the same frame in the binary layout.
     */
    default void sendTick(final String playerId, final byte[] jsonFrame, final byte[] binaryFrame)
    {
        send(playerId, jsonFrame);
    }

    /**
     * Whether at least one live session of the player negotiated the binary wire, so the world encodes binary
     * {@code world.tick} frames for the zones it sees and passes them to {@link #sendTick}. Called on tick threads
     * (once per member per broadcast tick and ring change): must be cheap and never block.
     *
     * @param playerId the player.
     * @return true if binary frames are wanted; the default is false (JSON only).
     */
    default boolean wantsBinaryTicks(final String playerId)
    {
        return false;
    }
}
