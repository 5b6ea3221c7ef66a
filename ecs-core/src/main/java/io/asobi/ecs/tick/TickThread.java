package io.asobi.ecs.tick;

import org.agrona.concurrent.AgentRunner;

/**
 * Runs a {@link TickAgent} on its own thread under an {@link AgentRunner}, with the idle strategy and error handler
 * of its context. The thread is named after the agent's role and pins itself in {@link TickAgent#onStart()} when
 * {@link TickAgent.Context#cpuAffinity()} is set.
 */
public final class TickThread
{
    private TickThread()
    {
    }

    /**
     * Start {@code agent} on a new thread.
     *
     * @param agent to run.
     * @return the runner; {@link AgentRunner#close()} stops the thread and calls {@link TickAgent#onClose()}.
     */
    public static AgentRunner start(final TickAgent agent)
    {
        final TickAgent.Context ctx = agent.context();
        final AgentRunner runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, agent);
        AgentRunner.startOnThread(runner);

        return runner;
    }
}
