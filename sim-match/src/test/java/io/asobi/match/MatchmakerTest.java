package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchmakerTest
{
    private static final ModeConfig DUEL = TestModes.config("duel", 2, 2, 2, 10, true, false, false);
    private static final ModeConfig TRIO = TestModes.config("trio", 3, 3, 3, 10, true, false, false);

    private final RuntimeHarness h = new RuntimeHarness();

    @AfterEach
    void after()
    {
        h.close();
        assertThat(h.errors).isEmpty();
    }

    private RecordingReply queue(final String playerId, final String mode, final double skill)
    {
        final RecordingReply reply = new RecordingReply();
        h.runtime.matchmakerAdd(playerId, mode, TestModes.object().put("skill", skill), reply);
        return reply;
    }

    private static List<String> players(final RecordingOutbound.Sent matched)
    {
        return matched.payload().get("players").valueStream().map(JsonNode::asText).toList();
    }

    @Test
    void queuedIsAnsweredAtOnceNotAtTheMatchmakerTick()
    {
        h.mode(DUEL).launch();
        final RecordingReply reply = h.queue("A", "duel");
        h.runtime.doWork();

        assertThat(reply.type).isEqualTo("matchmaker.queued");
        assertThat(reply.payload.get("ticket_id").asText()).isNotEmpty();
        assertThat(reply.payload.get("status").asText()).isEqualTo("pending");
        assertThat(reply.payload.get("players_needed").asInt()).isEqualTo(2);
        assertThat(reply.payload.get("already_queued").asBoolean()).isFalse();
    }

    @Test
    void fillGroupsFirstComeFirstServedAndPushesMatchedAfterTheJoins()
    {
        h.mode(DUEL).launch();
        h.queue("A", "duel");
        h.queue("B", "duel");
        final RecordingReply c = h.queue("C", "duel");
        h.advanceMs(999);
        assertThat(h.outbound.ofType("match.matched")).isEmpty();
        assertThat(h.logics).isEmpty();

        h.advanceMs(1);
        final List<RecordingOutbound.Sent> matched = h.outbound.ofType("match.matched");
        assertThat(matched).extracting(RecordingOutbound.Sent::playerId).containsExactly("A", "B");
        assertThat(players(matched.get(0))).containsExactly("A", "B");
        final String matchId = matched.get(0).payload().get("match_id").asText();
        assertThat(matched.get(1).payload().get("match_id").asText()).isEqualTo(matchId);

        final int lastJoin = h.events.indexOf("join B");
        final int firstMatched = h.events.indexOf("send A match.matched");
        assertThat(lastJoin).isNotNegative();
        assertThat(firstMatched).as("match.matched only after both joins were applied").isGreaterThan(lastJoin);
        assertThat(h.input("A", "{}")).as("already in the running match").isEqualTo(InputResult.ACCEPTED);
        assertThat(h.outbound.to("A", "match.state")).isNotEmpty();

        final RecordingReply ticket = new RecordingReply();
        h.runtime.matchmakerTicket("C", c.payload.get("ticket_id").asText(), ticket);
        h.settle();
        assertThat(ticket.isOk()).as("C still queued").isTrue();

        final RecordingReply readMatched = new RecordingReply();
        h.runtime.matchmakerTicket("A", "unknown", readMatched);
        h.settle();
        assertThat(readMatched.reason).isEqualTo("ticket_not_found");
    }

    @Test
    void skillBasedGroupsNeighbours()
    {
        h.mode(TestModes.skillConfig("ranked", 2, 100, 0)).launch();
        queue("S0", "ranked", 0);
        queue("S1", "ranked", 1000);
        queue("S2", "ranked", 10);
        queue("S3", "ranked", 1010);
        h.advanceMs(1000);

        assertThat(h.outbound.to("S0", "match.matched")).singleElement()
            .satisfies(sent -> assertThat(players(sent)).containsExactlyInAnyOrder("S0", "S2"));
        assertThat(h.outbound.to("S1", "match.matched")).singleElement()
            .satisfies(sent -> assertThat(players(sent)).containsExactlyInAnyOrder("S1", "S3"));
    }

    @Test
    void skillWindowWidensWithWaiting()
    {
        h.mode(TestModes.skillConfig("ranked", 2, 100, 50)).launch();
        queue("W0", "ranked", 0);
        queue("W1", "ranked", 400);
        h.advanceMs(5000);
        assertThat(h.outbound.ofType("match.matched")).as("allowed 350 after 5 s").isEmpty();

        h.advanceMs(1000);
        assertThat(h.outbound.ofType("match.matched")).as("allowed 400 after 6 s").hasSize(2);
    }

    @Test
    void missingSkillCountsAsZero()
    {
        h.mode(TestModes.skillConfig("ranked", 2, 10, 0)).launch();
        h.queue("N", "ranked");
        queue("Z", "ranked", 5);
        queue("HIGH", "ranked", 500);
        h.advanceMs(1000);
        assertThat(h.outbound.to("N", "match.matched")).singleElement()
            .satisfies(sent -> assertThat(players(sent)).containsExactlyInAnyOrder("N", "Z"));
        assertThat(h.outbound.to("HIGH", "match.matched")).isEmpty();
    }

    @Test
    void reAddReturnsTheSameTicket()
    {
        h.mode(DUEL).launch();
        final RecordingReply first = h.queue("A", "duel");
        final RecordingReply second = h.queue("A", "duel");
        h.settle();

        assertThat(second.payload.get("ticket_id").asText()).isEqualTo(first.payload.get("ticket_id").asText());
        assertThat(second.payload.get("already_queued").asBoolean()).isTrue();
    }

    @Test
    void queueFull()
    {
        h.mode(TRIO).launch(h.context().matchmakerMaxQueue(2));
        assertThat(settled(h.queue("A", "trio")).isOk()).isTrue();
        assertThat(settled(h.queue("B", "trio")).isOk()).isTrue();
        assertThat(settled(h.queue("C", "trio")).reason).isEqualTo("queue_full");
        assertThat(settled(h.queue("A", "trio")).payload.get("already_queued").asBoolean()).isTrue();
    }

    @Test
    void unknownMode()
    {
        h.mode(DUEL).launch();
        assertThat(h.queue("A", "nope").reason).isEqualTo("unknown_mode");
        assertThat(h.queue("A", null).reason).isEqualTo("unknown_mode");
        assertThat(h.queue("A", "m".repeat(65)).reason).isEqualTo("unknown_mode");
    }

    @Test
    void expiredTicketsArePushed()
    {
        h.mode(DUEL).launch(h.context().ticketMaxWaitMs(2500));
        final RecordingReply a = h.queue("A", "duel");
        h.advanceMs(2000);
        assertThat(h.outbound.ofType("match.matchmaker_expired")).isEmpty();

        h.advanceMs(1000);
        final List<RecordingOutbound.Sent> expired = h.outbound.to("A", "match.matchmaker_expired");
        assertThat(expired).singleElement().satisfies(sent ->
            assertThat(sent.payload().get("ticket_id").asText()).isEqualTo(a.payload.get("ticket_id").asText()));

        final RecordingReply b = h.queue("B", "duel");
        h.advanceMs(1000);
        assertThat(h.outbound.ofType("match.matched")).as("A's ticket is gone").isEmpty();
        assertThat(b.isOk()).isTrue();
    }

    @Test
    void removeAndTicketCheckOwnership()
    {
        h.mode(DUEL).launch();
        final RecordingReply added = new RecordingReply();
        h.runtime.matchmakerAdd("A", "duel", TestModes.object().put("skill", 5), added);
        h.settle();
        final String ticketId = added.payload.get("ticket_id").asText();

        final RecordingReply read = new RecordingReply();
        h.runtime.matchmakerTicket("A", ticketId, read);
        final RecordingReply readOther = new RecordingReply();
        h.runtime.matchmakerTicket("B", ticketId, readOther);
        final RecordingReply readUnknown = new RecordingReply();
        h.runtime.matchmakerTicket("A", "nope", readUnknown);
        final RecordingReply removeOther = new RecordingReply();
        h.runtime.matchmakerRemove("B", ticketId, removeOther);
        final RecordingReply removeUnknown = new RecordingReply();
        h.runtime.matchmakerRemove("A", "nope", removeUnknown);
        h.settle();

        assertThat(read.type).isEqualTo("matchmaker.ticket");
        assertThat(read.payload.get("id").asText()).isEqualTo(ticketId);
        assertThat(read.payload.get("mode").asText()).isEqualTo("duel");
        assertThat(read.payload.get("status").asText()).isEqualTo("pending");
        assertThat(read.payload.get("properties").get("skill").asInt()).isEqualTo(5);
        assertThat(read.payload.get("submitted_at").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(readOther.reason).isEqualTo("not_owner");
        assertThat(readUnknown.reason).isEqualTo("ticket_not_found");
        assertThat(removeOther.reason).isEqualTo("not_owner");
        assertThat(removeUnknown.reason).isEqualTo("not_found");

        final RecordingReply remove = new RecordingReply();
        h.runtime.matchmakerRemove("A", ticketId, remove);
        h.settle();
        assertThat(remove.type).isEqualTo("matchmaker.removed");
        assertThat(remove.payload.get("success").asBoolean()).isTrue();

        final RecordingReply readRemoved = new RecordingReply();
        h.runtime.matchmakerTicket("A", ticketId, readRemoved);
        h.settle();
        assertThat(readRemoved.reason).isEqualTo("ticket_not_found");
    }

    @Test
    void spawnFailureIsRetriedThenPushed()
    {
        h.mode(DUEL).mode(TestModes.config("solo", 1, 1, 1, 10, true, false, true))
            .launch(h.context().matchMax(1));
        assertThat(settled(h.findOrCreate("X", "solo")).isOk()).isTrue();
        h.queue("A", "duel");
        h.queue("B", "duel");

        h.advanceMs(2000);
        assertThat(h.outbound.ofType("match.matchmaker_failed")).as("two attempts so far").isEmpty();

        h.advanceMs(1000);
        final List<RecordingOutbound.Sent> failed = h.outbound.ofType("match.matchmaker_failed");
        assertThat(failed).extracting(RecordingOutbound.Sent::playerId).containsExactly("A", "B");
        assertThat(failed.get(0).payload().get("reason").asText()).isEqualTo("match_start_failed");

        h.advanceMs(1000);
        assertThat(h.outbound.ofType("match.matchmaker_failed")).as("tickets dropped").hasSize(2);
    }

    @Test
    void aRefusedJoinGetsFailedAndTheOthersMatched()
    {
        h.mode(TestModes.config("duel", 2, 1, 2, 10, true, false, false),
            logic -> logic.joinPolicy = (player, ctx) -> "B".equals(player) ? "nope" : null).launch();
        h.queue("A", "duel");
        h.queue("B", "duel");
        h.advanceMs(1000);

        assertThat(h.outbound.to("A", "match.matched")).singleElement()
            .satisfies(sent -> assertThat(players(sent)).containsExactly("A"));
        assertThat(h.outbound.to("B", "match.matchmaker_failed")).hasSize(1);
    }

    @Test
    void aPlayerQueuedInTwoModesIsGroupedOncePerTick()
    {
        h.mode(DUEL).mode(TestModes.config("other", 2, 2, 2, 10, true, false, false)).launch();
        h.queue("A", "duel");
        h.queue("A", "other");
        h.queue("B", "duel");
        h.queue("C", "other");
        h.advanceMs(1000);

        assertThat(h.outbound.to("A", "match.matched")).hasSize(1);
        assertThat(h.outbound.to("C", "match.matched")).isEmpty();
    }

    private RecordingReply settled(final RecordingReply reply)
    {
        h.settle();
        return reply;
    }
}
