package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The side-table entry of a join or leave travelling through a tick thread's ring: the ring record carries the
 * request id, and this holds what cannot go through the ring (the reply, the player's shared state, and for a
 * quick-play join what is needed to try another match).
 *
 * @param type          {@link MatchRecords#JOIN} or {@link MatchRecords#LEAVE}.
 * @param player        the player.
 * @param target        the match the record was published to.
 * @param reply         where the answer goes, or null.
 * @param ctx           the join context, or null; kept to retry a find-or-create join elsewhere (the match applies
 *                      the copy carried in the ring record).
 * @param quickPlayMode mode of a find-or-create join (retried on another match when this one is full), or null.
 * @param attempt       find-or-create attempt, from 0.
 */
record PendingRequest(
    int type,
    PlayerState player,
    MatchInstance target,
    Reply reply,
    ObjectNode ctx,
    String quickPlayMode,
    int attempt)
{
}
