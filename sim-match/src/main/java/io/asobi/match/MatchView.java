package io.asobi.match;

/**
 * Immutable snapshot of a match for readers on other threads ({@code match.list}, find-or-create, input routing):
 * published by the match's tick thread through a volatile field whenever one of these values changes.
 *
 * @param status      {@code waiting}, {@code running} or {@code finished}.
 * @param playerCount players on the roster.
 * @param joinable    the game's joinable flag.
 */
record MatchView(String status, int playerCount, boolean joinable)
{
    static final String WAITING = "waiting";
    static final String RUNNING = "running";
    static final String FINISHED = "finished";

    boolean isRunning()
    {
        return RUNNING.equals(status);
    }

    boolean isFinished()
    {
        return FINISHED.equals(status);
    }
}
