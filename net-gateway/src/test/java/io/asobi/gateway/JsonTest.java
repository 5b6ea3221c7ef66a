package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest
{
    @Test
    void shouldMapLegacyReasonsToCodes()
    {
        assertThat(ErrorCodes.codeForReason("invalid_token")).isEqualTo("unauthenticated");
        assertThat(ErrorCodes.codeForReason("internal_error")).isEqualTo("internal");
        assertThat(ErrorCodes.codeForReason("not_owner")).isEqualTo("forbidden");
        assertThat(ErrorCodes.codeForReason("not_authorized")).isEqualTo("forbidden");
        assertThat(ErrorCodes.codeForReason("not_in_match")).isEqualTo("match.not_in_match");
        assertThat(ErrorCodes.codeForReason("queue_full")).isEqualTo("matchmaker.queue_full");
        assertThat(ErrorCodes.codeForReason("content_too_large")).isEqualTo("dm.content_too_large");
        assertThat(ErrorCodes.codeForReason("rate_limited")).isEqualTo("rate_limited");
        assertThat(ErrorCodes.codeForReason("world_full")).isEqualTo("ws.request_failed");
        assertThat(ErrorCodes.codeForReason("not_found")).isEqualTo("ws.request_failed");
    }

    @Test
    void shouldGiveEveryCodeItsStatus()
    {
        assertThat(ErrorCodes.status("internal")).isEqualTo(500);
        assertThat(ErrorCodes.status("join_rate_limited")).isEqualTo(429);
        assertThat(ErrorCodes.status("payload_too_large")).isEqualTo(413);
        assertThat(ErrorCodes.status("validation_failed")).isEqualTo(422);
        assertThat(ErrorCodes.status("not_ready")).isEqualTo(503);
        assertThat(ErrorCodes.status("auth.username_taken")).isEqualTo(409);
        assertThat(ErrorCodes.status("auth.invalid_credentials")).isEqualTo(401);
        assertThat(ErrorCodes.status("player.not_found")).isEqualTo(404);
        assertThat(ErrorCodes.status("matchmaker.queue_full")).isEqualTo(503);
        assertThat(ErrorCodes.status("match.join_refused")).isEqualTo(403);
        assertThat(ErrorCodes.status("ws.request_failed")).isEqualTo(400);
        assertThat(ErrorCodes.status("no.such.code")).isEqualTo(500);
        assertThat(ErrorCodes.isDefined("no.such.code")).isFalse();
    }

    @Test
    void shouldBuildTheWebSocketErrorPayload()
    {
        final ObjectNode details = Json.NODES.objectNode().put("refused_reason", "team_full");
        final ObjectNode refused = Json.wsErrorPayload("join_refused", details, null);
        assertThat(refused.toString()).isEqualTo(
            "{\"reason\":\"join_refused\",\"error\":{\"code\":\"match.join_refused\"," +
            "\"message\":\"" + ErrorCodes.message("match.join_refused") + "\"," +
            "\"details\":{\"refused_reason\":\"team_full\"}}}");
        assertThat(details.has("reason")).isFalse();

        final ObjectNode custom = Json.wsErrorPayload("world_full", null, "matchmaker.add");
        assertThat(custom.path("error").path("code").asText()).isEqualTo("ws.request_failed");
        assertThat(custom.path("error").path("details").path("reason").asText()).isEqualTo("world_full");
        assertThat(custom.path("type").asText()).isEqualTo("matchmaker.add");

        assertThat(Json.wsErrorPayload(null, null, null).path("reason").asText()).isEqualTo("internal");
    }

    @Test
    void shouldOmitTheCidOnlyWhenAbsent() throws IOException
    {
        final JsonNode none = Json.read(new String(Json.envelope("x", null, null), StandardCharsets.UTF_8));
        assertThat(none.has("cid")).isFalse();
        assertThat(none.path("payload").isObject()).isTrue();
        final JsonNode nullCid =
            Json.read(new String(Json.envelope("x", null, Json.NODES.nullNode()), StandardCharsets.UTF_8));
        assertThat(nullCid.get("cid").isNull()).isTrue();
    }

    @Test
    void shouldPutLegacyKeysBesideTheErrorObject()
    {
        final ObjectNode body =
            Json.httpErrorBody("validation_failed", null, Map.of("fields", Json.NODES.objectNode()));
        assertThat(body.has("fields")).isTrue();
        assertThat(body.path("error").path("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void shouldRejectEmptyAndTrailingInput()
    {
        assertThatThrownBy(() -> Json.read("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read("{} x")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read("{\"a\":}")).isInstanceOf(IOException.class);
    }
}
