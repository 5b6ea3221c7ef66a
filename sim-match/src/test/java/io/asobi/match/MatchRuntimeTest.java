package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asobi.ecs.tick.SimulationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatchRuntimeTest
{
    private static final ModeConfig DUEL = TestModes.config("duel", 2, 2, 4, 10, true, true, true);
    private static final ModeConfig SOLO = TestModes.config("solo", 1, 1, 1, 10, true, true, true);
    private static final ModeConfig PARTY = TestModes.config("party", 2, 1, 2, 10, true, true, true);

    private final RuntimeHarness h = new RuntimeHarness();

    @AfterEach
    void after()
    {
        h.close();
        assertThat(h.errors).isEmpty();
    }

    private String matchIdOf(final RecordingReply reply)
    {
        assertThat(reply.isOk()).as("reply %s", reply).isTrue();
        return reply.payload.get("match_id").asText();
    }

    @Test
    void waitingUntilMinPlayersThenRunningWithStateEveryTick()
    {
        h.mode(DUEL).launch();

        final RecordingReply a = h.findOrCreate("A", "duel");
        h.settle();
        assertThat(a.type).isEqualTo("match.joined");
        assertThat(a.payload.get("status").asText()).isEqualTo("waiting");
        final String matchId = matchIdOf(a);

        h.advanceMs(300);
        assertThat(h.logic(0).tickCount).isZero();
        assertThat(h.outbound.ofType("match.state")).isEmpty();
        assertThat(h.runtime.stats(matchId).tickCount()).isEqualTo(4);

        final RecordingReply b = h.findOrCreate("B", "duel");
        h.settle();
        assertThat(b.isAnswered()).as("applied on the match's next tick").isFalse();
        h.advanceMs(100);
        assertThat(matchIdOf(b)).isEqualTo(matchId);
        assertThat(b.payload.get("status").asText()).isEqualTo("running");
        assertThat(h.logic(0).lastTick).isZero();

        final List<RecordingOutbound.Sent> states = h.outbound.ofType("match.state");
        assertThat(states).extracting(RecordingOutbound.Sent::playerId).containsExactly("A", "B");
        assertThat(states.get(0).frame()).as("one shared frame").isSameAs(states.get(1).frame());
        assertThat(states.get(0).payload().get("tick").asLong()).isZero();

        h.advanceMs(200);
        assertThat(h.logic(0).lastTick).isEqualTo(2);
        assertThat(h.outbound.to("A", "match.state")).hasSize(3);
        assertThat(h.outbound.to("B", "match.state").get(2).payload().get("tick").asLong()).isEqualTo(2);
        assertThat(h.logics).hasSize(1);
    }

    @Test
    void joinedPayloadHasTheDocumentedFields()
    {
        h.mode(DUEL).launch();
        final RecordingReply a = h.findOrCreate("A", "duel");
        h.settle();
        final String matchId = matchIdOf(a);
        final RecordingReply b = h.join("B", matchId);
        h.advanceMs(100);

        final ObjectNode payload = b.payload;
        assertThat(payload.get("match_id").asText()).isEqualTo(matchId);
        assertThat(payload.get("mode").asText()).isEqualTo("duel");
        assertThat(payload.get("status").asText()).isEqualTo("running");
        assertThat(payload.get("player_count").asInt()).isEqualTo(2);
        assertThat(payload.get("max_players").asInt()).isEqualTo(4);
        assertThat(payload.get("players")).extracting(JsonNode::asText).containsExactly("A", "B");
        assertThat(payload.get("listed").asBoolean()).isTrue();
        assertThat(payload.get("joinable").asBoolean()).isTrue();
        assertThat(h.logic(0).calls).containsSubsequence("init", "join A", "join B");
    }

    @Test
    void joinContextReachesTheLogic()
    {
        h.mode(DUEL).launch();
        final RecordingReply reply = new RecordingReply();
        h.runtime.findOrCreate("A", "duel", TestModes.object().put("team", "red").put("level", 3), reply);
        h.settle();
        assertThat(reply.isOk()).isTrue();
        assertThat(h.logic(0).calls).contains("join A {\"team\":\"red\",\"level\":3}");
    }

    @Test
    void joinErrors()
    {
        h.mode(PARTY, logic -> logic.joinPolicy = (player, ctx) -> player.startsWith("banned") ? "banned" : null)
            .launch();

        assertThat(h.join("A", "no-such-match").reason).isEqualTo("match_not_found");
        assertThat(h.join("A", null).reason).isEqualTo("match_not_found");

        final RecordingReply a = h.findOrCreate("A", "party");
        h.settle();
        final String matchId = matchIdOf(a);

        final RecordingReply refused = h.join("banned-1", matchId);
        h.advanceMs(100);
        assertThat(refused.reason).isEqualTo("join_refused");
        assertThat(refused.details.get("refused_reason").asText()).isEqualTo("banned");

        h.logic(0).ctx.setJoinable(false);
        final RecordingReply locked = h.join("B", matchId);
        h.advanceMs(100);
        assertThat(locked.reason).isEqualTo("match_locked");

        h.logic(0).ctx.setJoinable(true);
        assertThat(h.join("B", matchId)).satisfies(reply ->
        {
            h.advanceMs(100);
            assertThat(reply.isOk()).isTrue();
        });
        final RecordingReply full = h.join("C", matchId);
        h.advanceMs(100);
        assertThat(full.reason).isEqualTo("match_full");

        final RecordingReply again = h.join("A", matchId);
        h.advanceMs(100);
        assertThat(again.isOk()).as("re-joining one's own match is answered joined").isTrue();
        assertThat(again.payload.get("player_count").asInt()).isEqualTo(2);
    }

    @Test
    void invalidPlayerIdsAreRefused()
    {
        h.mode(DUEL).launch();
        assertThat(h.findOrCreate(null, "duel").reason).isEqualTo("invalid_payload");
        assertThat(h.findOrCreate("", "duel").reason).isEqualTo("invalid_payload");
        assertThat(h.findOrCreate("x".repeat(200), "duel").reason).isEqualTo("invalid_payload");
        assertThat(h.input("x".repeat(200), "{}")).isEqualTo(InputResult.NOT_IN_MATCH);
    }

    @Test
    void joinContextTooLargeForTheRingIsRefused()
    {
        h.mode(DUEL).launch();
        final RecordingReply reply = new RecordingReply();
        h.runtime.findOrCreate("A", "duel", TestModes.object().put("k", "v".repeat(600)), reply);
        assertThat(reply.reason).isEqualTo("invalid_join_ctx");
    }

    @Test
    void findOrCreateErrors()
    {
        h.mode(DUEL)
            .mode(TestModes.config("private", 2, 1, 4, 10, true, false, false))
            .launch();

        assertThat(h.findOrCreate("A", "nope").reason).isEqualTo("not_found");
        assertThat(h.findOrCreate("A", null).reason).isEqualTo("not_found");
        assertThat(h.findOrCreate("A", "private").reason).isEqualTo("quick_play_disabled");
        assertThat(h.runtime.liveMatchCount()).isZero();
    }

    @Test
    void findOrCreateFillsTheFirstMatchThenCreatesAnother()
    {
        h.mode(PARTY).launch();
        final String first = matchIdOf(settled(h.findOrCreate("A", "party")));
        final RecordingReply b = h.findOrCreate("B", "party");
        h.advanceMs(100);
        assertThat(matchIdOf(b)).isEqualTo(first);

        final String second = matchIdOf(settled(h.findOrCreate("C", "party")));
        assertThat(second).isNotEqualTo(first);
        assertThat(h.runtime.liveMatchCount()).isEqualTo(2);
    }

    @Test
    void findOrCreateRetriesWhenTheChosenMatchFillsBeforeTheJoinApplies()
    {
        h.mode(SOLO).launch();
        final RecordingReply a = h.findOrCreate("A", "solo");
        final RecordingReply b = h.findOrCreate("B", "solo");
        h.settle();
        h.advanceMs(100);

        assertThat(a.isOk()).isTrue();
        assertThat(b.isOk()).as("B %s", b).isTrue();
        assertThat(matchIdOf(a)).isNotEqualTo(matchIdOf(b));
    }

    @Test
    void findOrCreateAtTheNodeCap()
    {
        h.mode(SOLO).launch(h.context().matchMax(1));
        assertThat(settled(h.findOrCreate("A", "solo")).isOk()).isTrue();

        final RecordingReply b = h.findOrCreate("B", "solo");
        h.advanceMs(100);
        assertThat(b.reason).isEqualTo("match_capacity_reached");
        assertThat(h.runtime.liveMatchCount()).isEqualTo(1);
    }

    @Test
    void listShowsListedModesWithFilters()
    {
        h.mode(PARTY)
            .mode(TestModes.config("hidden", 2, 1, 2, 10, true, false, true))
            .launch();
        final String full = matchIdOf(settled(h.findOrCreate("A", "party")));
        final RecordingReply b = h.findOrCreate("B", "party");
        h.advanceMs(100);
        assertThat(matchIdOf(b)).isEqualTo(full);
        final String open = matchIdOf(settled(h.findOrCreate("C", "party")));
        settled(h.findOrCreate("D", "hidden"));

        assertThat(ids(h.runtime.list(null, null, null))).containsExactly(full, open);
        assertThat(ids(h.runtime.list("party", true, null))).containsExactly(open);
        assertThat(ids(h.runtime.list(null, false, null))).containsExactly(full);
        assertThat(ids(h.runtime.list("hidden", null, null))).isEmpty();
        assertThat(ids(h.runtime.list("nope", null, null))).isEmpty();

        h.logic(1).ctx.setJoinable(false);
        assertThat(ids(h.runtime.list(null, null, false))).containsExactly(open);
        assertThat(ids(h.runtime.list(null, null, true))).containsExactly(full);

        final JsonNode entry = h.runtime.list(null, true, null).get("matches").get(0);
        assertThat(entry.get("match_id").asText()).isEqualTo(open);
        assertThat(entry.get("mode").asText()).isEqualTo("party");
        assertThat(entry.get("status").asText()).isEqualTo("running");
        assertThat(entry.get("player_count").asInt()).isEqualTo(1);
        assertThat(entry.get("max_players").asInt()).isEqualTo(2);
        assertThat(entry.get("joinable").asBoolean()).isFalse();
    }

    @Test
    void inputRouting()
    {
        h.mode(DUEL).launch(h.context().maxInputBytes(64));
        assertThat(h.input("A", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);

        final String matchId = matchIdOf(settled(h.findOrCreate("A", "duel")));
        assertThat(h.input("A", "{\"move_x\":1}")).as("waiting").isEqualTo(InputResult.DROPPED);
        assertThat(h.input("A", "{\"k\":\"" + "x".repeat(60) + "\"}")).isEqualTo(InputResult.TOO_LARGE);

        final RecordingReply b = h.join("B", matchId);
        h.advanceMs(100);
        assertThat(b.isOk()).isTrue();
        assertThat(h.input("B", "{\"n\":1}")).isEqualTo(InputResult.ACCEPTED);
        assertThat(h.input("A", "{\"n\":2}")).isEqualTo(InputResult.ACCEPTED);
        assertThat(h.input("B", "{\"n\":3}")).isEqualTo(InputResult.ACCEPTED);
        assertThat(h.input("C", "{\"n\":4}")).isEqualTo(InputResult.NOT_IN_MATCH);
        h.settle();
        assertThat(h.logic(0).inputs).as("staged until the next tick").isEmpty();

        h.advanceMs(100);
        assertThat(h.logic(0).inputs).containsExactly("B {\"n\":1}", "A {\"n\":2}", "B {\"n\":3}");
        assertThat(h.outbound.to("A", "match.state").getLast().payload().get("inputs").asInt()).isEqualTo(3);

        final byte[] buffer = "xx{\"n\":5}yy".getBytes();
        assertThat(h.runtime.input("A", buffer, 2, 7)).isEqualTo(InputResult.ACCEPTED);
        h.advanceMs(100);
        assertThat(h.logic(0).inputs).last().isEqualTo("A {\"n\":5}");
        assertThatThrownBy(() -> h.runtime.input("A", buffer, 8, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.runtime.maxInputBytes()).isEqualTo(64);
    }

    @Test
    void fullRingIsBackPressure()
    {
        h.mode(SOLO).launch();
        matchIdOf(settled(h.findOrCreate("A", "solo")));

        int accepted = 0;
        InputResult result;
        while (InputResult.ACCEPTED == (result = h.input("A", "{\"n\":1}")))
        {
            accepted++;
        }
        assertThat(result).isEqualTo(InputResult.BACK_PRESSURE);
        assertThat(accepted).isEqualTo(64);

        h.advanceMs(100);
        assertThat(h.logic(0).inputs).hasSize(64);
        assertThat(h.input("A", "{\"n\":1}")).isEqualTo(InputResult.ACCEPTED);
    }

    @Test
    void stagedInputsBeyondTheBoundAreDropped()
    {
        h.mode(SOLO).launch(h.context().maxInputBytes(64).maxStagedInputBytes(100));
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "solo")));
        for (int i = 0; i < 10; i++)
        {
            assertThat(h.input("A", "{\"n\":" + i + "}")).isEqualTo(InputResult.ACCEPTED);
        }
        h.advanceMs(100);
        assertThat(h.logic(0).inputs).containsExactly("A {\"n\":0}", "A {\"n\":1}", "A {\"n\":2}", "A {\"n\":3}",
            "A {\"n\":4}");
        assertThat(h.runtime.stats(matchId).inputCount()).isEqualTo(11);
    }

    @Test
    void perPlayerStateIsOneFramePerPlayer()
    {
        h.mode(DUEL, logic -> logic.isShared = false).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "duel")));
        h.join("B", matchId);
        h.advanceMs(100);

        final List<RecordingOutbound.Sent> states = h.outbound.ofType("match.state");
        assertThat(states).hasSize(2);
        assertThat(h.outbound.to("A", "match.state").get(0).payload().get("for").asText()).isEqualTo("A");
        assertThat(h.outbound.to("B", "match.state").get(0).payload().get("for").asText()).isEqualTo("B");
        assertThat(h.outbound.to("A", "match.state").get(0).json().get("type").asText()).isEqualTo("match.state");
    }

    @Test
    void finishedMatchPushesResultLingersAndIsRemoved()
    {
        h.mode(SOLO, logic -> logic.finishAt = tick -> 2 == tick ? TestModes.object().put("winner", "A") : null)
            .launch(h.context().finishedLingerMs(1000));
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "solo")));
        h.advanceMs(200);

        final List<RecordingOutbound.Sent> finished = h.outbound.to("A", "match.finished");
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0).payload().get("match_id").asText()).isEqualTo(matchId);
        assertThat(finished.get(0).payload().get("result").get("winner").asText()).isEqualTo("A");
        assertThat(h.outbound.to("A", "match.state")).as("ticks 0 and 1 only").hasSize(2);
        assertThat(h.runtime.list(null, null, null).get("matches").get(0).get("status").asText())
            .isEqualTo("finished");

        assertThat(h.input("A", "{}")).isEqualTo(InputResult.DROPPED);
        final RecordingReply late = h.join("B", matchId);
        h.advanceMs(100);
        assertThat(late.reason).isEqualTo("match_not_found");
        assertThat(h.findOrCreate("C", "solo")).satisfies(reply ->
        {
            h.advanceMs(100);
            assertThat(matchIdOf(reply)).as("a finished match is not offered").isNotEqualTo(matchId);
        });
        final int ticksWhenFinished = h.logic(0).tickCount;

        h.advanceMs(1000);
        assertThat(h.logic(0).tickCount).as("tick is not called once finished").isEqualTo(ticksWhenFinished);
        assertThat(h.runtime.stats(matchId)).isNull();
        assertThat(ids(h.runtime.list("solo", null, null))).doesNotContain(matchId);
        assertThat(h.logic(0).isClosed).isTrue();
        assertThat(h.input("A", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);
        assertThat(h.runtime.liveMatchCount()).isEqualTo(1);
    }

    @Test
    void waitingTimeoutRemovesTheMatch()
    {
        h.mode(DUEL).launch(h.context().waitingTimeoutMs(1000));
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "duel")));
        h.advanceMs(900);
        assertThat(h.runtime.stats(matchId)).isNotNull();

        h.advanceMs(200);
        assertThat(h.runtime.stats(matchId)).isNull();
        assertThat(h.runtime.liveMatchCount()).isZero();
        assertThat(h.input("A", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);
        assertThat(h.outbound.ofType("match.finished")).isEmpty();
        assertThat(h.logic(0).isClosed).isTrue();
    }

    @Test
    void emptyRosterRemovesTheMatchWithoutFinished()
    {
        h.mode(PARTY).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "party")));
        h.advanceMs(100);

        final RecordingReply left = h.leave("A");
        h.advanceMs(100);
        assertThat(left.type).isEqualTo("match.left");
        assertThat(left.payload.get("success").asBoolean()).isTrue();
        assertThat(h.logic(0).calls).containsSubsequence("join A", "leave A", "close");
        assertThat(h.runtime.stats(matchId)).isNull();
        assertThat(h.outbound.ofType("match.finished")).isEmpty();
        assertThat(h.runtime.liveMatchCount()).isZero();
    }

    @Test
    void leaveIsAlwaysAnsweredLeft()
    {
        h.mode(PARTY).launch();
        final RecordingReply reply = h.leave("nobody");
        assertThat(reply.type).isEqualTo("match.left");
        assertThat(reply.payload.get("success").asBoolean()).isTrue();
        assertThat(h.leave(null).isOk()).isTrue();
    }

    @Test
    void leaveBeforeTheJoinIsAppliedStillLeaves()
    {
        h.mode(PARTY).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "party")));
        final RecordingReply b = h.join("B", matchId);
        final RecordingReply left = h.leave("B");
        h.advanceMs(100);
        assertThat(b.isOk()).isTrue();
        assertThat(left.isOk()).isTrue();
        assertThat(h.logic(0).calls).containsSubsequence("join B", "leave B");
        assertThat(h.input("B", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);
    }

    @Test
    void aPlayerIsInOneMatchAtATime()
    {
        h.mode(PARTY).mode(TestModes.config("other", 2, 1, 2, 10, true, true, true)).launch();
        final String first = matchIdOf(settled(h.findOrCreate("A", "party")));
        final String second = matchIdOf(settled(h.findOrCreate("A", "other")));
        assertThat(second).isNotEqualTo(first);
        h.advanceMs(100);

        assertThat(h.logic(0).calls).contains("leave A");
        assertThat(h.runtime.stats(first)).as("left empty, removed").isNull();
        assertThat(h.input("A", "{\"n\":1}")).isEqualTo(InputResult.ACCEPTED);
        h.advanceMs(100);
        assertThat(h.logic(1).inputs).containsExactly("A {\"n\":1}");
    }

    @Test
    void playerDisconnectedLeavesAndDropsTickets()
    {
        h.mode(PARTY).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "party")));
        h.join("B", matchId);
        final RecordingReply queued = h.queue("A", "party");
        h.advanceMs(100);
        final String ticketId = queued.payload.get("ticket_id").asText();

        h.runtime.playerDisconnected("A");
        h.advanceMs(100);
        assertThat(h.logic(0).calls).contains("leave A");
        assertThat(h.input("A", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);

        final RecordingReply ticket = new RecordingReply();
        h.runtime.matchmakerTicket("A", ticketId, ticket);
        h.settle();
        assertThat(ticket.reason).isEqualTo("ticket_not_found");
    }

    @Test
    void logicExceptionsAreContainedAndNeighboursKeepTicking()
    {
        h.mode(SOLO).launch();
        final String brokenId = matchIdOf(settled(h.findOrCreate("A", "solo")));
        final String healthyId = matchIdOf(settled(h.findOrCreate("B", "solo")));
        final ScriptedLogic broken = h.logic(0);
        broken.throwOnTick = true;
        broken.throwOnWriteState = true;
        broken.throwOnInput = true;
        h.input("A", "{}");
        final int ticksBefore = broken.tickCount;
        h.outbound.clear();

        h.advanceMs(1000);
        assertThat(broken.tickCount - ticksBefore).isEqualTo(10);
        assertThat(h.runtime.stats(brokenId).state()).isEqualTo(SimulationState.RUNNING);
        assertThat(h.runtime.stats(healthyId).tickCount()).isEqualTo(11);
        assertThat(h.outbound.to("B", "match.state")).hasSize(10);
        assertThat(h.outbound.to("A", "match.state")).isEmpty();

        broken.throwOnTick = false;
        broken.throwOnWriteState = false;
        h.advanceMs(100);
        assertThat(h.outbound.to("A", "match.state")).as("the encoder recovered").hasSize(1);
        assertThat(h.outbound.to("A", "match.state").get(0).payload().get("tick").asLong()).isEqualTo(11);
    }

    @Test
    void writeStateThatWritesNothingIsDropped()
    {
        h.modes.add(SOLO, () -> new ScriptedLogic(null)
        {
            public void writeState(final String playerId, final com.fasterxml.jackson.core.JsonGenerator out)
            {
            }
        });
        h.launch();
        matchIdOf(settled(h.findOrCreate("A", "solo")));
        h.advanceMs(200);
        assertThat(h.outbound.to("A", "match.state")).isEmpty();
    }

    @Test
    void initFailureAnswersTheJoinAndRemovesTheMatch()
    {
        h.mode(SOLO, logic -> logic.throwOnInit = true).launch();
        final RecordingReply a = h.findOrCreate("A", "solo");
        h.settle();
        assertThat(a.reason).isEqualTo("match_start_failed");
        h.advanceMs(100);
        assertThat(h.runtime.liveMatchCount()).isZero();
    }

    @Test
    void aQuarantinedMatchIsReleasedAndItsRequestsAnswered()
    {
        h.mode(PARTY).mode(SOLO).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "party")));
        final io.asobi.ecs.tick.SimulationStats stats = h.runtime.stats(matchId);
        final RecordingReply staged = h.join("B", matchId);
        h.settle();
        final RecordingReply inRing = h.join("C", matchId);

        h.runtime.onQuarantine(stats.simulationId(), 3, new IllegalStateException("bug"));
        assertThat(staged.reason).isEqualTo("internal");
        assertThat(inRing.reason).isEqualTo("match_not_found");
        assertThat(h.logic(0).isClosed).isTrue();
        assertThat(h.runtime.stats(matchId)).isNull();
        assertThat(h.runtime.liveMatchCount()).isZero();
        assertThat(h.input("A", "{}")).isEqualTo(InputResult.NOT_IN_MATCH);

        h.settle();
        assertThat(stats.state()).isEqualTo(SimulationState.REMOVED);
        assertThat(settled(h.findOrCreate("A", "solo")).isOk()).as("the runtime goes on").isTrue();
    }

    @Test
    void closeAnswersPendingRequests()
    {
        h.mode(PARTY).launch();
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "party")));
        final RecordingReply pending = h.join("B", matchId);
        h.settle();
        assertThat(pending.isAnswered()).isFalse();

        h.runtime.close();
        assertThat(pending.reason).isEqualTo("internal");
        assertThat(h.logic(0).isClosed).isTrue();
        assertThat(h.findOrCreate("C", "party").reason).isEqualTo("internal");
    }

    @Test
    void matchContextOffersIdentityAndFrames()
    {
        h.mode(DUEL).launch(h.context().seedGenerator(() -> 1234L));
        final String matchId = matchIdOf(settled(h.findOrCreate("A", "duel")));
        h.join("B", matchId);
        h.advanceMs(100);

        final MatchContext ctx = h.logic(0).ctx;
        assertThat(ctx.matchId()).isEqualTo(matchId);
        assertThat(ctx.seed()).isEqualTo(1234L);
        assertThat(ctx.config()).isEqualTo(DUEL);
        assertThat(ctx.players()).containsExactly("A", "B");
        assertThatThrownBy(() -> ctx.players().add("C")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ctx.nanoTime()).isEqualTo(h.clock.nanoTime());

        final byte[] event = "{\"type\":\"match.boom\",\"payload\":{}}".getBytes();
        ctx.broadcastFrame(event);
        ctx.sendFrame("B", event);
        assertThat(h.outbound.ofType("match.boom")).extracting(RecordingOutbound.Sent::playerId)
            .containsExactly("A", "B", "B");
    }

    @Test
    void contextValidation()
    {
        assertThatThrownBy(() -> new MatchRuntime.Context().outbound((p, f) -> {}).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gameModes");
        assertThatThrownBy(() -> h.context().tickThreads(0).conclude())
            .hasMessageContaining("tickThreads");
        assertThatThrownBy(() -> h.context().inputRingCapacity(100).conclude())
            .hasMessageContaining("inputRingCapacity");
        assertThatThrownBy(() -> h.context().maxInputBytes(70_000).conclude())
            .hasMessageContaining("maxInputBytes");
        assertThatThrownBy(() -> h.context().matchMax(0).conclude())
            .hasMessageContaining("matchMax");
        final MatchRuntime.Context ctx = h.context().conclude();
        assertThatThrownBy(ctx::conclude).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void matchesSpreadOverTickThreads()
    {
        h.mode(SOLO).launch(h.context().tickThreads(2));
        final String first = matchIdOf(settled(h.findOrCreate("A", "solo")));
        final String second = matchIdOf(settled(h.findOrCreate("B", "solo")));
        h.advanceMs(100);
        assertThat(h.runtime.stats(first).tickCount()).isEqualTo(2);
        assertThat(h.runtime.stats(second).tickCount()).isEqualTo(2);
        assertThat(h.outbound.to("A", "match.state")).hasSize(2);
        assertThat(h.outbound.to("B", "match.state")).hasSize(2);
    }

    @Test
    void threadedRuntimeRefusesDoWork()
    {
        h.mode(SOLO);
        final MatchRuntime runtime = MatchRuntime.launch(h.context().invokerMode(false));
        try
        {
            assertThatThrownBy(runtime::doWork).isInstanceOf(IllegalStateException.class);
        }
        finally
        {
            runtime.close();
        }
    }

    @Test
    void threadedRuntimeRunsMatchesOnItsTickThreads() throws InterruptedException
    {
        h.mode(SOLO);
        final java.util.concurrent.CountDownLatch stateSeen = new java.util.concurrent.CountDownLatch(3);
        final java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
        final MatchRuntime runtime = MatchRuntime.launch(h.context()
            .invokerMode(false)
            .tickThreads(2)
            .nanoClock(org.agrona.concurrent.SystemNanoClock.INSTANCE)
            .outbound((playerId, frame) -> stateSeen.countDown()));
        try
        {
            runtime.findOrCreate("A", "solo", null, new Reply()
            {
                public void ok(final String type, final ObjectNode payload)
                {
                    joined.countDown();
                }

                public void error(final String reason, final ObjectNode details)
                {
                }
            });
            assertThat(joined.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(stateSeen.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("state at 10 Hz").isTrue();
            assertThat(runtime.liveMatchCount()).isEqualTo(1);
        }
        finally
        {
            runtime.close();
        }
    }

    private RecordingReply settled(final RecordingReply reply)
    {
        h.settle();
        return reply;
    }

    private static List<String> ids(final ObjectNode list)
    {
        return list.get("matches").valueStream().map(entry -> entry.get("match_id").asText()).toList();
    }
}
