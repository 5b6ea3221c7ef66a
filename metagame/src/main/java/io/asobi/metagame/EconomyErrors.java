package io.asobi.metagame;

import java.util.List;
import java.util.Map;

/**
 * The economy's {@link AccountException}s: asobi-spec §3.10 codes ({@code economy.insufficient_funds} 402,
 * {@code economy.listing_inactive} 400, {@code inventory.*}) and the ones this implementation adds (statuses in
 * docs/economy.md; the gateway registers them).
 */
final class EconomyErrors
{
    static final String INVALID_CURRENCY = "economy.invalid_currency";
    static final String INVALID_AMOUNT = "economy.invalid_amount";
    static final String INSUFFICIENT_FUNDS = "economy.insufficient_funds";
    static final String BALANCE_LIMIT = "economy.balance_limit";
    static final String IDEMPOTENCY_CONFLICT = "economy.idempotency_conflict";
    static final String LISTING_NOT_FOUND = "economy.listing_not_found";
    static final String LISTING_INACTIVE = "economy.listing_inactive";
    static final String ITEM_NOT_FOUND = "economy.item_not_found";
    static final String SLUG_TAKEN = "economy.slug_taken";
    static final String INVENTORY_FULL = "inventory.full";
    static final String INVENTORY_ITEM_NOT_FOUND = "inventory.item_not_found";
    static final String INSUFFICIENT_QUANTITY = "inventory.insufficient_quantity";
    static final String INVALID_QUANTITY = "inventory.invalid_quantity";
    static final String FORBIDDEN = "forbidden";
    static final String OPS_NOT_FOUND = "ops.not_found";

    private EconomyErrors()
    {
    }

    static AccountException of(final String code, final String message)
    {
        return new AccountException(code, message, Map.of());
    }

    static AccountException of(final String code, final String message, final Map<String, Object> details)
    {
        return new AccountException(code, message, details);
    }

    static AccountException field(final String field, final String message)
    {
        return AccountErrors.validationFailed(Map.of(field, List.of(message)));
    }
}
