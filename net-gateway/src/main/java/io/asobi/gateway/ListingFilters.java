package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The filters of {@code match.list}, {@code world.list} and {@code GET /api/v1/matches/live}: {@code mode} a string
 * of at most {@value #MAX_MODE_BYTES} UTF-8 bytes, {@code has_capacity} and {@code joinable} booleans. As in Asobi,
 * {@code has_capacity:false} means no capacity filter; a null or absent value means no filter.
 *
 * @param mode        only this mode, or null.
 * @param hasCapacity {@code TRUE} for matches with room only, or null.
 * @param joinable    filter on the joinable flag, or null.
 * @param errorReason null when valid, else {@code invalid_mode_filter}, {@code invalid_has_capacity_filter} or
 *                    {@code invalid_joinable_filter}.
 */
record ListingFilters(String mode, Boolean hasCapacity, Boolean joinable, String errorReason)
{
    static final int MAX_MODE_BYTES = 64;
    static final String INVALID_MODE = "invalid_mode_filter";
    static final String INVALID_HAS_CAPACITY = "invalid_has_capacity_filter";
    static final String INVALID_JOINABLE = "invalid_joinable_filter";

    private static ListingFilters error(final String reason)
    {
        return new ListingFilters(null, null, null, reason);
    }

    /**
     * Parse the filters of a WebSocket payload object.
     *
     * @param payload the payload object.
     * @return the filters, or a value carrying {@link #errorReason()}.
     */
    static ListingFilters fromPayload(final JsonNode payload)
    {
        String mode = null;
        final JsonNode modeNode = payload.get("mode");
        if (null != modeNode && !modeNode.isNull())
        {
            if (!modeNode.isTextual() || Utf8.length(modeNode.textValue()) > MAX_MODE_BYTES)
            {
                return error(INVALID_MODE);
            }
            mode = modeNode.textValue();
        }

        Boolean hasCapacity = null;
        final JsonNode capacityNode = payload.get("has_capacity");
        if (null != capacityNode && !capacityNode.isNull())
        {
            if (!capacityNode.isBoolean())
            {
                return error(INVALID_HAS_CAPACITY);
            }
            hasCapacity = capacityNode.booleanValue() ? Boolean.TRUE : null;
        }

        Boolean joinable = null;
        final JsonNode joinableNode = payload.get("joinable");
        if (null != joinableNode && !joinableNode.isNull())
        {
            if (!joinableNode.isBoolean())
            {
                return error(INVALID_JOINABLE);
            }
            joinable = joinableNode.booleanValue();
        }
        return new ListingFilters(mode, hasCapacity, joinable, null);
    }

    /**
     * Parse the filters of a query string.
     *
     * @param mode        {@code mode} parameter, or null.
     * @param hasCapacity {@code has_capacity} parameter, or null.
     * @param joinable    {@code joinable} parameter, or null.
     * @return the filters, or a value carrying {@link #errorReason()}.
     */
    static ListingFilters fromQuery(final String mode, final String hasCapacity, final String joinable)
    {
        final String modeFilter = null == mode || mode.isEmpty() ? null : mode;
        if (null != modeFilter && Utf8.length(modeFilter) > MAX_MODE_BYTES)
        {
            return error(INVALID_MODE);
        }

        final Boolean capacity = parseBoolean(hasCapacity);
        if (null != hasCapacity && !hasCapacity.isEmpty() && null == capacity)
        {
            return error(INVALID_HAS_CAPACITY);
        }

        final Boolean joinableFilter = parseBoolean(joinable);
        if (null != joinable && !joinable.isEmpty() && null == joinableFilter)
        {
            return error(INVALID_JOINABLE);
        }
        final Boolean capacityFilter = Boolean.TRUE.equals(capacity) ? Boolean.TRUE : null;
        return new ListingFilters(modeFilter, capacityFilter, joinableFilter, null);
    }

    private static Boolean parseBoolean(final String value)
    {
        if ("true".equals(value))
        {
            return Boolean.TRUE;
        }
        if ("false".equals(value))
        {
            return Boolean.FALSE;
        }
        return null;
    }
}
