package io.asobi.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.world.ResyncResult;
import io.asobi.world.WorldInputResult;
import io.asobi.world.WorldReply;
import io.asobi.world.WorldService;

/**
 * The world service of a gateway started without one: no mode exists, so no world ever does. Answers as a
 * {@code WorldRuntime} with no world mode would: an empty list, {@code not_found} modes, {@code world_not_found}.
 * <p>
 * <b>Note:</b> stateless and thread safe.
 */
final class NoWorlds implements WorldService
{
    static final NoWorlds INSTANCE = new NoWorlds();

    private NoWorlds()
    {
    }

    public ObjectNode list(final String mode, final Boolean hasCapacity)
    {
        final ObjectNode list = Json.NODES.objectNode();
        list.putArray("worlds");
        return list;
    }

    public void create(final String playerId, final String mode, final WorldReply reply)
    {
        reply.error("not_found", null);
    }

    public void createOwned(final String ownerId, final String mode, final WorldReply reply)
    {
        reply.error("not_found", null);
    }

    public void findOrCreate(final String playerId, final String mode, final WorldReply reply)
    {
        reply.error("not_found", null);
    }

    public void join(final String playerId, final String worldId, final ObjectNode ctx, final WorldReply reply)
    {
        reply.error("world_not_found", null);
    }

    public void leave(final String playerId, final WorldReply reply)
    {
        if (null != reply)
        {
            reply.ok("world.left", Json.NODES.objectNode().put("success", true));
        }
    }

    public WorldInputResult input(
        final String playerId, final long seq, final byte[] json, final int offset, final int length)
    {
        return length > maxInputBytes() ? WorldInputResult.TOO_LARGE : WorldInputResult.NOT_IN_WORLD;
    }

    public int maxInputBytes()
    {
        return io.asobi.world.WorldRuntime.Context.MAX_INPUT_BYTES_DEFAULT;
    }

    public ResyncResult resync(final String playerId, final int zoneX, final int zoneY)
    {
        return ResyncResult.NOT_IN_WORLD;
    }

    public void playerConnected(final String playerId)
    {
    }

    public void playerDisconnected(final String playerId)
    {
    }

    public void close()
    {
    }
}
