package io.asobi.metagame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argument checks of the economy, made on the caller's thread before a command is queued (and again by
 * {@link Wallets} calls on the writer): each returns the normalized value or throws an {@link AccountException}.
 * <p>
 * <b>Note:</b> thread safe.
 */
final class EconomyChecks
{
    static final int MAX_SLUG_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_TAG_LENGTH = 64;
    static final long MAX_STACK = 1_000_000_000L;
    static final long DEFAULT_MAX_STACK = 999_999L;
    static final long MAX_LISTING_QUANTITY = 1_000_000L;
    static final int MAX_LIMIT = 200;

    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z0-9_]{1," + Economy.MAX_CURRENCY_LENGTH + "}");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_SLUG_LENGTH + "}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EconomyChecks()
    {
    }

    static boolean isCurrency(final String currency)
    {
        return null != currency && CURRENCY.matcher(currency).matches();
    }

    static String currency(final String currency)
    {
        if (!isCurrency(currency))
        {
            throw EconomyErrors.of(EconomyErrors.INVALID_CURRENCY,
                "A currency code is 1 to 16 letters, digits or '_'", Map.of("currency", String.valueOf(currency)));
        }
        return currency;
    }

    static long amount(final long amount)
    {
        if (amount < Economy.MIN_AMOUNT || amount > Economy.MAX_AMOUNT)
        {
            throw EconomyErrors.of(EconomyErrors.INVALID_AMOUNT, "The amount must be in 1..10^15",
                Map.of("min", Economy.MIN_AMOUNT, "max", Economy.MAX_AMOUNT));
        }
        return amount;
    }

    static String playerId(final String playerId)
    {
        if (null == playerId || playerId.isEmpty() || playerId.length() > 64)
        {
            throw AccountErrors.playerNotFound();
        }
        return playerId;
    }

    /**
     * A required label (reason): 1..{@value Economy#MAX_LABEL_LENGTH} characters, no control characters.
     */
    static String label(final String field, final String value, final boolean isRequired)
    {
        if (null == value || value.isEmpty())
        {
            if (isRequired)
            {
                throw EconomyErrors.field(field, Validation.REQUIRED);
            }
            return "";
        }
        return text(field, value, Economy.MAX_LABEL_LENGTH);
    }

    static String text(final String field, final String value, final int maxLength)
    {
        if (value.codePointCount(0, value.length()) > maxLength)
        {
            throw EconomyErrors.field(field, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (Character.isISOControl(value.charAt(i)))
            {
                throw EconomyErrors.field(field, Validation.NO_CONTROL_CHARACTERS);
            }
        }
        return value;
    }

    /** An idempotency key: 1..128 printable ASCII characters, or null/empty for none (returned as empty). */
    static String idempotencyKey(final String key)
    {
        if (null == key || key.isEmpty())
        {
            return "";
        }
        if (key.length() > Economy.MAX_IDEMPOTENCY_KEY_LENGTH)
        {
            throw EconomyErrors.field("idempotency_key",
                "must be at most " + Economy.MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++)
        {
            final char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                throw EconomyErrors.field("idempotency_key", "must be printable ASCII without spaces");
            }
        }
        return key;
    }

    /** A metadata JSON object of at most 16 KiB, compacted; null or empty is {@code {}}. */
    static String metadata(final String metadataJson)
    {
        if (null == metadataJson || metadataJson.isEmpty())
        {
            return "{}";
        }
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(metadataJson);
        }
        catch (final JsonProcessingException ex)
        {
            throw EconomyErrors.field("metadata", Validation.METADATA_OBJECT);
        }
        if (null == node || !node.isObject())
        {
            throw EconomyErrors.field("metadata", Validation.METADATA_OBJECT);
        }
        final String compact = node.toString();
        if (compact.getBytes(StandardCharsets.UTF_8).length > Economy.MAX_METADATA_BYTES)
        {
            throw EconomyErrors.field("metadata", Validation.METADATA_SIZE);
        }
        return compact;
    }

    static Economy.MovementRequest movement(final Economy.MovementRequest request)
    {
        if (null == request)
        {
            throw EconomyErrors.field("amount", Validation.REQUIRED);
        }
        return new Economy.MovementRequest(
            playerId(request.playerId()),
            currency(request.currency()),
            amount(request.amount()),
            label("reason", request.reason(), true),
            idempotencyKey(request.idempotencyKey()),
            label("reference_type", request.referenceType(), false),
            label("reference_id", request.referenceId(), false),
            metadata(request.metadataJson()));
    }

    static Economy.ItemSpec item(final Economy.ItemSpec spec)
    {
        if (null == spec.slug() || !SLUG.matcher(spec.slug()).matches())
        {
            throw EconomyErrors.field("slug", "must be 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (null == spec.name() || spec.name().isBlank())
        {
            throw EconomyErrors.field("name", Validation.REQUIRED);
        }
        final long maxStack;
        if (!spec.stackable())
        {
            maxStack = 1;
        }
        else if (0 == spec.maxStack())
        {
            maxStack = DEFAULT_MAX_STACK;
        }
        else if (spec.maxStack() < 1 || spec.maxStack() > MAX_STACK)
        {
            throw EconomyErrors.field("max_stack", "must be in 1.." + MAX_STACK);
        }
        else
        {
            maxStack = spec.maxStack();
        }
        return new Economy.ItemSpec(
            spec.slug(),
            text("name", spec.name(), MAX_NAME_LENGTH),
            null == spec.category() ? "" : text("category", spec.category(), MAX_TAG_LENGTH),
            null == spec.rarity() ? "" : text("rarity", spec.rarity(), MAX_TAG_LENGTH),
            spec.stackable(),
            maxStack,
            metadata(spec.metadataJson()));
    }

    static Economy.ListingSpec listing(final Economy.ListingSpec spec)
    {
        if (null == spec.itemDefId() || spec.itemDefId().isEmpty() || spec.itemDefId().length() > 64)
        {
            throw EconomyErrors.field("item_def_id", Validation.REQUIRED);
        }
        price(spec.price());
        quantity(spec.quantity());
        window(spec.validFromMs(), spec.validUntilMs());
        return new Economy.ListingSpec(spec.itemDefId(), currency(spec.currency()), spec.price(), spec.quantity(),
            spec.active(), spec.validFromMs(), spec.validUntilMs(), metadata(spec.metadataJson()));
    }

    static void price(final long price)
    {
        if (price < Economy.MIN_AMOUNT || price > Economy.MAX_AMOUNT)
        {
            throw EconomyErrors.field("price", "must be in 1..10^15");
        }
    }

    static void quantity(final long quantity)
    {
        if (quantity < 1 || quantity > MAX_LISTING_QUANTITY)
        {
            throw EconomyErrors.field("quantity", "must be in 1.." + MAX_LISTING_QUANTITY);
        }
    }

    static void window(final long validFromMs, final long validUntilMs)
    {
        if (validFromMs < 0)
        {
            throw EconomyErrors.field("valid_from", "must not be before 1970");
        }
        if (validUntilMs < 0)
        {
            throw EconomyErrors.field("valid_until", "must not be before 1970");
        }
        if (Economy.UNBOUNDED != validFromMs && Economy.UNBOUNDED != validUntilMs && validUntilMs <= validFromMs)
        {
            throw EconomyErrors.field("valid_until", "must be after valid_from");
        }
    }

    static int limit(final int limit)
    {
        return Math.max(1, Math.min(MAX_LIMIT, limit));
    }
}
