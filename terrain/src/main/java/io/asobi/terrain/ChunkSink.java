package io.asobi.terrain;

/**
 * Receives the chunks a {@link ViewerStream} decides to send, nearest first.
 */
@FunctionalInterface
public interface ChunkSink
{
    /**
     * Send (or queue) chunk {@code (cx, cy)} to the viewer.
     *
     * @param cx chunk x.
     * @param cy chunk y.
     */
    void onChunk(int cx, int cy);
}
