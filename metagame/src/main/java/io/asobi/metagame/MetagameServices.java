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
     * @return cloud saves.
     */
    CloudSaves cloudSaves();

    /**
     * @return generic storage (player objects through REST, global and per-player objects for the server side).
     */
    Storage storage();

    /**
     * @return player erase (self and operator), export and the operator's player list.
     */
    PlayerData playerData();

    /**
     * @return wallets, ledger, items, store and inventories.
     */
    Economy economy();

    /**
     * @return leaderboards and tournaments.
     */
    Leaderboards leaderboards();
}
