package io.asobi.metagame;

/**
 * Currency movements other domains make on the writer thread (a tournament's entry fee and rewards), implemented by
 * the economy domain: each call journals its own ledger record.
 * <p>
 * <b>Note:</b> writer thread only, inside a command or timer.
 */
interface Wallets extends MetagameDomain
{
    /**
     * Add to a player's wallet.
     *
     * @param writer         the writer.
     * @param playerId       the player.
     * @param currency       the currency code.
     * @param amount         at least 1.
     * @param reason         why, kept in the ledger (e.g. {@code tournament.reward}).
     * @param idempotencyKey a key that makes a repeat of the same grant change nothing, or null.
     * @return the balance after.
     * @throws AccountException with a domain code (unknown player, invalid amount).
     */
    long grant(MetagameWriter writer, String playerId, String currency, long amount, String reason,
        String idempotencyKey);

    /**
     * Take from a player's wallet; never below zero.
     *
     * @param writer         the writer.
     * @param playerId       the player.
     * @param currency       the currency code.
     * @param amount         at least 1.
     * @param reason         why, kept in the ledger.
     * @param idempotencyKey a key that makes a repeat change nothing, or null.
     * @return the balance after.
     * @throws AccountException {@code economy.insufficient_funds} (402) when the balance is too low.
     */
    long debit(MetagameWriter writer, String playerId, String currency, long amount, String reason,
        String idempotencyKey);

    /**
     * A player's balance in a currency (0 if none).
     *
     * @param playerId the player.
     * @param currency the currency.
     * @return the balance.
     */
    long balance(String playerId, String currency);
}
