package io.asobi.world;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WorldReply} that keeps its one answer and fails the test on a second one.
 */
final class RecordingReply implements WorldReply
{
    private final AtomicInteger answers = new AtomicInteger();
    volatile String type;
    volatile ObjectNode payload;
    volatile String reason;
    volatile ObjectNode details;

    public void ok(final String type, final ObjectNode payload)
    {
        checkFirst();
        this.payload = payload;
        this.type = type;
    }

    public void error(final String reason, final ObjectNode details)
    {
        checkFirst();
        this.details = details;
        this.reason = reason;
    }

    boolean isAnswered()
    {
        return answers.get() > 0;
    }

    boolean isOk()
    {
        return null != type;
    }

    private void checkFirst()
    {
        if (answers.incrementAndGet() > 1)
        {
            throw new AssertionError("reply answered twice: " + this);
        }
    }

    public String toString()
    {
        return null != type ? type + " " + payload : null != reason ? "error " + reason + " " + details : "pending";
    }
}
