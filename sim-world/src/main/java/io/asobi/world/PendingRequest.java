package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The side-table entry of a join or leave travelling through a tick thread's ring: the record carries the request
 * id, this holds what cannot go through the ring.
 *
 * @param type          {@link WorldRecords#JOIN} or {@link WorldRecords#LEAVE}.
 * @param player        the player.
 * @param target        the world the record was published to.
 * @param reply         where the answer goes, or null.
 * @param ctx           the join context, or null (kept to retry a find-or-create join elsewhere).
 * @param quickPlayMode mode of a find-or-create join (retried on another world when this one is full), or null.
 * @param attempt       find-or-create attempt, from 0.
 */
record PendingRequest(
    int type,
    PlayerState player,
    WorldInstance target,
    WorldReply reply,
    ObjectNode ctx,
    String quickPlayMode,
    int attempt)
{
}
