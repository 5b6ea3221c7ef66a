package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shape of a game mode (asobi-spec §5.3 mode globals): read when a mode is loaded and when its script changes;
 * a new shape applies to matches created afterwards.
 *
 * @param name          mode name ({@code "default"} for a lone {@code match.lua}); 1 to 64 bytes.
 * @param matchSize     players the matchmaker groups into one match; positive.
 * @param minPlayers    players needed before the match runs ({@code waiting → running}); 1..maxPlayers.
 * @param maxPlayers    players a match admits; at least 1.
 * @param strategy      matchmaker strategy: {@code "fill"} or {@code "skill_based"}.
 * @param skillWindow   for {@code skill_based}: the initial allowed skill difference.
 * @param skillExpandPerSecond for {@code skill_based}: how fast the window widens while a ticket waits.
 * @param tickRateHz    steps per second, 1..60 (default 10, as in Asobi).
 * @param sharedState   true when one {@code match.state} is built for all players ({@code state_strategy="shared"}).
 * @param listed        whether {@code match.list} shows its matches.
 * @param quickPlay     whether {@code match.find_or_create} may use it.
 * @param extra         further mode settings passed to the game's {@code init(config)}; never null.
 */
public record ModeConfig(
    String name,
    int matchSize,
    int minPlayers,
    int maxPlayers,
    String strategy,
    int skillWindow,
    int skillExpandPerSecond,
    int tickRateHz,
    boolean sharedState,
    boolean listed,
    boolean quickPlay,
    ObjectNode extra)
{
    /** Default match tick rate (Asobi's fixed 100 ms). */
    public static final int DEFAULT_TICK_RATE_HZ = 10;
    /** Fill strategy: first come, first grouped. */
    public static final String FILL = "fill";
    /** Skill strategy: group tickets whose {@code properties.skill} lie within a widening window. */
    public static final String SKILL_BASED = "skill_based";
}
