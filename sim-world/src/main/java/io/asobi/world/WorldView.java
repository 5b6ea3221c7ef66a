package io.asobi.world;

/**
 * The immutable status of a world that other threads read ({@code world.list}, find-or-create, routing).
 *
 * @param status      {@code running} or {@code finished}.
 * @param playerCount players in the world, attached or detached.
 */
record WorldView(String status, int playerCount)
{
    static final String RUNNING = "running";
    static final String FINISHED = "finished";

    boolean isFinished()
    {
        return FINISHED.equals(status);
    }
}
