package io.asobi.match;

/**
 * What happened to a {@code match.input} handed to {@link MatchService#input}.
 */
public enum InputResult
{
    /** Queued for the player's match; applied on its next tick. */
    ACCEPTED,
    /** The player is in no match: the gateway answers the (throttled) {@code not_in_match} hint. */
    NOT_IN_MATCH,
    /** The match is not running (waiting or finished): dropped silently, as Asobi does. */
    DROPPED,
    /** The match's input ring is full: dropped, counted; back pressure the client sees as a lost input. */
    BACK_PRESSURE,
    /** The input is larger than {@link MatchService#maxInputBytes()}. */
    TOO_LARGE
}
