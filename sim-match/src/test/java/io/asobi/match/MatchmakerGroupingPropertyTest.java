package io.asobi.match;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MatchmakerGroupingPropertyTest
{
    private static final Map<String, Integer> MATCH_SIZES = Map.of("m2", 2, "m3", 3, "m4", 4);

    @Property(tries = 500)
    void fillMakesDisjointFifoGroupsOfMatchSize(
        @ForAll @Size(max = 60) final List<@IntRange(min = 0, max = 1000) Integer> tickets,
        @ForAll @IntRange(min = 1, max = 8) final int matchSize)
    {
        final List<List<Integer>> groups = MatchmakerGrouping.fill(tickets, matchSize);

        assertThat(groups).hasSize(tickets.size() / matchSize);
        final List<Integer> flattened = new ArrayList<>();
        for (final List<Integer> group : groups)
        {
            assertThat(group).hasSize(matchSize);
            flattened.addAll(group);
        }
        assertThat(flattened).isEqualTo(tickets.subList(0, flattened.size()));
    }

    @Property(tries = 300)
    void skillBasedGroupsAreDisjointAndWithinTheWindow(
        @ForAll @Size(max = 40) final List<@IntRange(min = 0, max = 3000) Integer> skills,
        @ForAll @IntRange(min = 1, max = 5) final int matchSize,
        @ForAll @IntRange(min = 0, max = 500) final int window)
    {
        final List<Integer> ticketIds = new ArrayList<>();
        for (int i = 0; i < skills.size(); i++)
        {
            ticketIds.add(i);
        }
        final List<List<Integer>> groups = MatchmakerGrouping.skillBased(
            ticketIds, id -> skills.get(id), id -> 0L, matchSize, window, 0);

        final Set<Integer> seen = new HashSet<>();
        for (final List<Integer> group : groups)
        {
            assertThat(group).hasSize(matchSize);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (final int id : group)
            {
                assertThat(seen.add(id)).as("ticket %s in two groups", id).isTrue();
                min = Math.min(min, skills.get(id));
                max = Math.max(max, skills.get(id));
            }
            assertThat(max - min).isLessThanOrEqualTo(window);
        }
    }

    @Property(tries = 40)
    void matchmakerGroupsAreMatchSizeDistinctPlayersOfOneModeAndNoTicketTwice(
        @ForAll("requests") final List<Request> requests)
    {
        try (RuntimeHarness h = new RuntimeHarness())
        {
            for (final Map.Entry<String, Integer> mode : MATCH_SIZES.entrySet())
            {
                final int size = mode.getValue();
                h.mode(TestModes.config(mode.getKey(), size, size, size, 10, true, false, false));
            }
            h.launch(h.context().inputRingCapacity(256));

            final Map<String, Set<String>> queuedModesByPlayer = new HashMap<>();
            for (final Request request : requests)
            {
                h.queue(request.player(), request.mode());
                queuedModesByPlayer.computeIfAbsent(request.player(), k -> new HashSet<>()).add(request.mode());
            }
            h.advanceMs(1000);

            final Map<String, String> modeByMatch = new HashMap<>();
            for (final ScriptedLogic logic : new ArrayList<>(h.logics))
            {
                modeByMatch.put(logic.ctx.matchId(), logic.ctx.config().name());
            }
            final Map<String, List<String>> groups = new HashMap<>();
            for (final RecordingOutbound.Sent sent : h.outbound.ofType("match.matched"))
            {
                final List<String> players = sent.payload().get("players").valueStream().map(JsonNode::asText)
                    .toList();
                final String matchId = sent.payload().get("match_id").asText();
                assertThat(players).contains(sent.playerId());
                final List<String> previous = groups.putIfAbsent(matchId, players);
                if (null != previous)
                {
                    assertThat(players).isEqualTo(previous);
                }
            }

            final Set<String> grouped = new HashSet<>();
            for (final Map.Entry<String, List<String>> group : groups.entrySet())
            {
                final String mode = modeByMatch.get(group.getKey());
                assertThat(mode).isNotNull();
                assertThat(group.getValue()).hasSize(MATCH_SIZES.get(mode)).doesNotHaveDuplicates();
                for (final String player : group.getValue())
                {
                    assertThat(queuedModesByPlayer.get(player)).contains(mode);
                    assertThat(grouped.add(player)).as("%s grouped twice", player).isTrue();
                }
            }
            assertThat(h.outbound.ofType("match.matched")).hasSize(grouped.size());
            assertThat(h.errors).isEmpty();
        }
    }

    @Provide
    Arbitrary<List<Request>> requests()
    {
        final Arbitrary<String> players = Arbitraries.integers().between(0, 14).map(i -> "p" + i);
        final Arbitrary<String> modes = Arbitraries.of(new ArrayList<>(MATCH_SIZES.keySet()));
        return Combinators.combine(players, modes).as(Request::new).list().ofMaxSize(40);
    }

    record Request(String player, String mode)
    {
    }
}
