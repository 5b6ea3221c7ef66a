package io.asobi.metagame;

/**
 * A command of a {@link MetagameDomain}: queued like the account commands, executed on the writer thread, where it
 * validates against the current state, journals its decided effect with {@link MetagameWriter#appendAndApply}, and
 * completes its caller's future. Everything nondeterministic (ids, times) is made before it is queued.
 */
non-sealed interface DomainCommand extends Command
{
    /**
     * Run on the writer thread. An exception escaping here fails the command with {@code internal}.
     *
     * @param writer the writer's services.
     */
    void execute(MetagameWriter writer);
}
