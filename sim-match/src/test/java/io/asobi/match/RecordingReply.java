package io.asobi.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Reply} that keeps its one answer and fails the test on a second one.
 */
final class RecordingReply implements Reply
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

    /** Let the runtime work for 200 ms of its clock, then whether this reply was ok. */
    boolean awaitOk(final RuntimeHarness h)
    {
        h.advanceMs(200);
        return isOk();
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
