package io.asobi.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ListingFiltersTest
{
    private static ListingFilters payload(final String json) throws IOException
    {
        return ListingFilters.fromPayload(Json.read(json));
    }

    @Test
    void shouldParsePayloadFilters() throws IOException
    {
        assertThat(payload("{}")).isEqualTo(new ListingFilters(null, null, null, null));
        assertThat(payload("{\"mode\":\"arena\",\"has_capacity\":true,\"joinable\":false}"))
            .isEqualTo(new ListingFilters("arena", true, false, null));
        assertThat(payload("{\"has_capacity\":false,\"mode\":null,\"joinable\":null}"))
            .isEqualTo(new ListingFilters(null, null, null, null));
        assertThat(payload("{\"mode\":1}").errorReason()).isEqualTo(ListingFilters.INVALID_MODE);
        assertThat(payload("{\"mode\":\"" + "m".repeat(65) + "\"}").errorReason())
            .isEqualTo(ListingFilters.INVALID_MODE);
        assertThat(payload("{\"has_capacity\":\"true\"}").errorReason()).isEqualTo(ListingFilters.INVALID_HAS_CAPACITY);
        assertThat(payload("{\"joinable\":0}").errorReason()).isEqualTo(ListingFilters.INVALID_JOINABLE);
    }

    @Test
    void shouldParseQueryFilters()
    {
        assertThat(ListingFilters.fromQuery(null, null, null)).isEqualTo(new ListingFilters(null, null, null, null));
        assertThat(ListingFilters.fromQuery("arena", "true", "true"))
            .isEqualTo(new ListingFilters("arena", true, true, null));
        assertThat(ListingFilters.fromQuery("", "false", "")).isEqualTo(new ListingFilters(null, null, null, null));
        assertThat(ListingFilters.fromQuery("m".repeat(65), null, null).errorReason())
            .isEqualTo(ListingFilters.INVALID_MODE);
        assertThat(ListingFilters.fromQuery(null, "yes", null).errorReason())
            .isEqualTo(ListingFilters.INVALID_HAS_CAPACITY);
        assertThat(ListingFilters.fromQuery(null, null, "TRUE").errorReason())
            .isEqualTo(ListingFilters.INVALID_JOINABLE);
    }
}
