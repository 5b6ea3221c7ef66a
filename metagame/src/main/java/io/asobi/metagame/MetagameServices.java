package io.asobi.metagame;

/**
 * Every metagame service of one node, all backed by the single journaled metagame writer: what the gateway, the
 * operator API and the game-script bridge use.
 */
public interface MetagameServices
{
    /**
     * @return accounts, tokens and profiles.
     */
    Accounts accounts();

    /**
     * @return the operator audit log.
     */
    Audit audit();

    /**
     * @return leaderboards and tournaments.
     */
    Leaderboards leaderboards();
}
