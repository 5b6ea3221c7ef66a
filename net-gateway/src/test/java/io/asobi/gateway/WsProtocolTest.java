package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.asobi.metagame.AuthTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WsProtocolTest
{
    private final AtomicInteger playerSequence = new AtomicInteger();
    private GatewayFixture fx;

    @BeforeAll
    void startGateway()
    {
        fx = new GatewayFixture(ctx -> ctx.joinsPerWindow(1_000));
    }

    @AfterAll
    void stopGateway()
    {
        fx.close();
    }

    private WsClient player()
    {
        return fx.authenticated("player" + playerSequence.incrementAndGet());
    }

    /**
     * Assert an error frame of asobi-spec §4.3.
     */
    private static JsonNode assertErrorFrame(final JsonNode frame, final String reason, final String code)
    {
        assertThat(frame.path("type").asText()).as(frame.toString()).isEqualTo("error");
        final JsonNode payload = frame.path("payload");
        assertThat(payload.path("reason").asText()).as(frame.toString()).isEqualTo(reason);
        assertThat(payload.path("error").path("code").asText()).as(frame.toString()).isEqualTo(code);
        assertThat(payload.path("error").path("message").asText()).isNotBlank();
        assertThat(payload.path("error").path("details").isObject()).isTrue();
        if (ErrorCodes.WS_REQUEST_FAILED.equals(code))
        {
            assertThat(payload.path("error").path("message").asText())
                .isEqualTo("The request failed. See `details.reason`.");
            assertThat(payload.path("error").path("details").path("reason").asText()).isEqualTo(reason);
        }
        return frame;
    }

    @Test
    void shouldConnectAndEchoTheCid()
    {
        final AuthTokens tokens = fx.accounts.registerNow("connector");
        final WsClient ws = fx.ws();

        final JsonNode connected = ws.request(
            "{\"type\":\"session.connect\",\"cid\":\"1\",\"payload\":{\"token\":\"" + tokens.accessToken() + "\"}}");

        assertThat(connected.path("type").asText()).isEqualTo("session.connected");
        assertThat(connected.path("cid").asText()).isEqualTo("1");
        assertThat(connected.path("payload").path("player_id").asText()).isEqualTo(tokens.playerId());
        assertThat(connected.path("payload").path("wire").asText()).isEqualTo("json");
        assertThat(fx.sessions.isOnline(tokens.playerId())).isTrue();
    }

    @Test
    void shouldRefuseABadTokenAndKeepTheSocketOpenForARetry()
    {
        final AuthTokens tokens = fx.accounts.registerNow("retrier");
        final WsClient ws = fx.ws();

        final JsonNode refused =
            ws.request("{\"type\":\"session.connect\",\"cid\":\"c\",\"payload\":{\"token\":\"x\"}}");
        assertErrorFrame(refused, "invalid_token", "unauthenticated");
        assertThat(refused.path("cid").asText()).isEqualTo("c");
        assertErrorFrame(ws.request("{\"type\":\"session.connect\",\"payload\":{\"token\":5}}"),
            "invalid_token", "unauthenticated");
        assertErrorFrame(ws.request("{\"type\":\"session.connect\",\"payload\":\"tok\"}"),
            "invalid_token", "unauthenticated");
        assertErrorFrame(ws.request("{\"type\":\"session.connect\"}"), "unknown_type", "unknown_type");

        final JsonNode connected = ws.request(
            "{\"type\":\"session.connect\",\"payload\":{\"token\":\"" + tokens.accessToken() + "\"}}");
        assertThat(connected.path("type").asText()).isEqualTo("session.connected");
        assertThat(connected.has("cid")).isFalse();
    }

    @Test
    void shouldAnswerHeartbeatsBeforeAuthentication()
    {
        final WsClient ws = fx.ws();

        final JsonNode beat = ws.request("{\"type\":\"session.heartbeat\",\"cid\":\"hb\"}");

        assertThat(beat.path("type").asText()).isEqualTo("session.heartbeat");
        assertThat(beat.path("cid").asText()).isEqualTo("hb");
        assertThat(beat.path("payload").path("ts").asLong()).isEqualTo(GatewayFixture.EPOCH_MS);
        assertThat(ws.request("{\"type\":\"session.heartbeat\",\"payload\":{}}").has("cid")).isFalse();
    }

    @Test
    void shouldEchoAnyJsonCidVerbatim()
    {
        final WsClient ws = fx.ws();

        assertThat(ws.request("{\"type\":\"session.heartbeat\",\"cid\":42}").get("cid").asInt()).isEqualTo(42);
        assertThat(ws.request("{\"type\":\"session.heartbeat\",\"cid\":{\"a\":[1,true]}}").get("cid").toString())
            .isEqualTo("{\"a\":[1,true]}");
        final JsonNode nullCid = ws.request("{\"type\":\"session.heartbeat\",\"cid\":null}");
        assertThat(nullCid.has("cid")).isTrue();
        assertThat(nullCid.get("cid").isNull()).isTrue();
        assertThat(ws.request("{\"type\":\"nope\",\"cid\":1.5}").get("cid").asDouble()).isEqualTo(1.5);
    }

    @Test
    void shouldAnswerUnknownTypeForEverythingElseBeforeAuthentication()
    {
        final WsClient ws = fx.ws();

        for (final String type : List.of("match.join", "match.list", "match.input", "matchmaker.add", "world.list",
            "chat.send", "presence.update", "made.up"))
        {
            final JsonNode frame = ws.request("{\"type\":\"" + type + "\",\"cid\":\"u\",\"payload\":{}}");
            assertErrorFrame(frame, "unknown_type", "unknown_type");
            assertThat(frame.path("cid").asText()).isEqualTo("u");
            assertThat(frame.toString()).doesNotContain(type);
        }
    }

    @Test
    void shouldAnswerRpcCalls()
    {
        final WsClient anonymous = fx.ws();
        final JsonNode unauthenticated = anonymous.request(
            "{\"type\":\"rpc.call\",\"cid\":\"r1\",\"payload\":{\"protocol\":1,\"method\":\"x.y\",\"params\":{}}}");
        assertThat(unauthenticated.path("type").asText()).isEqualTo("rpc.error");
        assertThat(unauthenticated.path("cid").asText()).isEqualTo("r1");
        assertThat(unauthenticated.path("payload").path("error").path("code").asText()).isEqualTo("unauthenticated");

        final JsonNode badCid = anonymous.request("{\"type\":\"rpc.call\",\"cid\":\"\\u0001\",\"payload\":{}}");
        assertThat(badCid.path("payload").path("error").path("code").asText()).isEqualTo("rpc.invalid_cid");
        assertThat(badCid.has("cid")).isFalse();
        assertThat(anonymous.request("{\"type\":\"rpc.call\"}").path("payload").path("error").path("code").asText())
            .isEqualTo("rpc.invalid_cid");

        final WsClient ws = player();
        assertThat(ws.request(
            "{\"type\":\"rpc.call\",\"cid\":\"r2\",\"payload\":{\"protocol\":1,\"method\":\"x.y\",\"params\":{}}}")
            .path("payload").path("error").path("code").asText()).isEqualTo("rpc.unknown_method");
        final JsonNode protocol = ws.request(
            "{\"type\":\"rpc.call\",\"cid\":\"r3\",\"payload\":{\"protocol\":2,\"method\":\"x.y\"}}");
        assertThat(protocol.path("payload").path("error").path("code").asText())
            .isEqualTo("rpc.unsupported_protocol");
        assertThat(protocol.path("payload").path("error").path("details").path("supported").toString())
            .isEqualTo("[1]");
        assertThat(ws.request(
            "{\"type\":\"rpc.call\",\"cid\":\"r4\",\"payload\":{\"protocol\":1,\"method\":\"x.y\",\"params\":[]}}")
            .path("payload").path("error").path("code").asText()).isEqualTo("rpc.invalid_params");
    }

    @Test
    void shouldRefuseMalformedFramesWithoutClosing()
    {
        final WsClient ws = fx.ws();

        assertErrorFrame(ws.request("{"), "invalid_json", "invalid_json");
        assertErrorFrame(ws.request("{} {}"), "invalid_json", "invalid_json");
        assertErrorFrame(ws.request("   "), "invalid_json", "invalid_json");
        assertErrorFrame(ws.request("[" .repeat(5_000)), "invalid_json", "invalid_json");
        assertErrorFrame(ws.request("[1]"), "invalid_message", "invalid_message");
        assertErrorFrame(ws.request("null"), "invalid_message", "invalid_message");
        assertErrorFrame(ws.request("{\"type\":5}"), "invalid_message", "invalid_message");
        assertErrorFrame(ws.request("{\"payload\":{}}"), "invalid_message", "invalid_message");

        ws.sendBinary(new byte[]{1, 2, 3});
        final JsonNode binary = ws.next();
        assertErrorFrame(binary, "binary_uplink_unsupported", "ws.request_failed");

        final String big = "{\"type\":\"session.heartbeat\",\"payload\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
        final JsonNode tooLarge = ws.request(big);
        assertErrorFrame(tooLarge, "payload_too_large", "payload_too_large");
        assertThat(tooLarge.has("cid")).isFalse();

        assertThat(ws.request("{\"type\":\"session.heartbeat\"}").path("type").asText())
            .isEqualTo("session.heartbeat");
        assertThat(ws.isClosed()).isFalse();
    }

    @Test
    void shouldListMatchesWithValidatedFilters()
    {
        final WsClient ws = player();

        final JsonNode list = ws.request("{\"type\":\"match.list\",\"cid\":\"l\",\"payload\":{}}");
        assertThat(list.path("type").asText()).isEqualTo("match.list");
        assertThat(list.path("cid").asText()).isEqualTo("l");
        assertThat(list.path("payload").path("matches").get(0).path("match_id").asText()).isEqualTo("m1");

        ws.request(
            "{\"type\":\"match.list\",\"payload\":{\"mode\":\"arena\",\"has_capacity\":true,\"joinable\":false}}");
        assertThat(fx.matches.calls).contains("list:arena:true:false");
        ws.request("{\"type\":\"match.list\",\"payload\":{\"has_capacity\":false}}");
        assertThat(fx.matches.calls).contains("list:null:null:null");

        assertErrorFrame(ws.request("{\"type\":\"match.list\",\"payload\":{\"mode\":5}}"),
            "invalid_mode_filter", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.list\",\"payload\":{\"mode\":\"" + "m".repeat(65) + "\"}}"),
            "invalid_mode_filter", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.list\",\"payload\":{\"has_capacity\":\"yes\"}}"),
            "invalid_has_capacity_filter", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.list\",\"payload\":{\"joinable\":1}}"),
            "invalid_joinable_filter", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.list\",\"payload\":[]}"), "invalid_payload", "invalid_payload");
        assertErrorFrame(ws.request("{\"type\":\"match.list\"}"), "unknown_type", "unknown_type");
    }

    @Test
    void shouldJoinAndMapJoinErrors()
    {
        final WsClient ws = player();

        final JsonNode joined = ws.request(
            "{\"type\":\"match.join\",\"cid\":\"j\",\"payload\":{\"match_id\":\"m1\",\"ctx\":{\"team\":\"red\"}}}");
        assertThat(joined.path("type").asText()).isEqualTo("match.joined");
        assertThat(joined.path("cid").asText()).isEqualTo("j");
        assertThat(joined.path("payload").path("match_id").asText()).isEqualTo("m1");
        assertThat(fx.matches.calls).contains("join:" + ws.playerId + ":m1:{\"team\":\"red\"}");

        ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"m2\"}}");
        assertThat(fx.matches.calls).contains("join:" + ws.playerId + ":m2:null");

        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"full\"}}"),
            "match_full", "match.full");
        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"locked\"}}"),
            "match_locked", "match.locked");
        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"missing\"}}"),
            "match_not_found", "match.not_found");
        final JsonNode refused = assertErrorFrame(
            ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"refuse\"}}"),
            "join_refused", "match.join_refused");
        assertThat(refused.path("payload").path("error").path("details").path("refused_reason").asText())
            .isEqualTo("team_full");
        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"custom\"}}"),
            "game_said_no", "ws.request_failed");

        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"cid\":9,\"payload\":{}}"),
            "missing_field", "missing_field");
        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":7}}"),
            "invalid_payload", "invalid_payload");
        assertErrorFrame(ws.request("{\"type\":\"match.join\",\"payload\":\"m1\"}"),
            "invalid_payload", "invalid_payload");
    }

    @Test
    void shouldValidateTheJoinContextBeforeCallingTheService()
    {
        final WsClient ws = player();
        final Map<String, String> cases = Map.of(
            "\"red\"", JoinContextValidator.INVALID_JOIN_CTX,
            "null", JoinContextValidator.INVALID_JOIN_CTX,
            "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}",
            JoinContextValidator.TOO_MANY_KEYS,
            "{\"" + "k".repeat(65) + "\":1}", JoinContextValidator.KEY_TOO_LONG,
            "{\"k\":\"" + "v".repeat(257) + "\"}", JoinContextValidator.VALUE_TOO_LONG,
            "{\"k\":1.5}", JoinContextValidator.INVALID_VALUE,
            "{\"k\":{\"nested\":true}}", JoinContextValidator.INVALID_VALUE,
            "{\"\":1}", JoinContextValidator.INVALID_JOIN_CTX_KEY);

        final int callsBefore = fx.matches.calls.size();
        for (final Map.Entry<String, String> c : cases.entrySet())
        {
            assertErrorFrame(
                ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"m1\",\"ctx\":" + c.getKey() + "}}"),
                c.getValue(), "ws.request_failed");
            assertErrorFrame(
                ws.request("{\"type\":\"match.find_or_create\",\"payload\":{\"mode\":\"arena\",\"ctx\":" +
                c.getKey() + "}}"), c.getValue(), "ws.request_failed");
        }
        assertThat(fx.matches.calls).hasSize(callsBefore);

        final JsonNode accepted = ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"m1\",\"ctx\":" +
            "{\"a\":\"" + "é".repeat(128) + "\",\"b\":true,\"c\":-12,\"d\":123456789012}}}");
        assertThat(accepted.path("type").asText()).isEqualTo("match.joined");
    }

    @Test
    void shouldFindOrCreateAndLeave()
    {
        final WsClient ws = player();

        final JsonNode joined = ws.request(
            "{\"type\":\"match.find_or_create\",\"cid\":\"f\",\"payload\":{\"mode\":\"arena\"}}");
        assertThat(joined.path("type").asText()).isEqualTo("match.joined");
        assertThat(joined.path("payload").path("match_id").asText()).isEqualTo("m-arena");

        assertErrorFrame(ws.request("{\"type\":\"match.find_or_create\",\"payload\":{\"mode\":\"nope\"}}"),
            "not_found", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.find_or_create\",\"payload\":{\"mode\":\"quick\"}}"),
            "quick_play_disabled", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"match.find_or_create\",\"payload\":{}}"),
            "missing_field", "missing_field");

        final JsonNode left = ws.request("{\"type\":\"match.leave\",\"cid\":\"bye\"}");
        assertThat(left.path("type").asText()).isEqualTo("match.left");
        assertThat(left.path("cid").asText()).isEqualTo("bye");
        assertThat(left.path("payload").path("success").asBoolean()).isTrue();
    }

    @Test
    void shouldRouteInputsAndUnwrapTheDeprecatedShapes()
    {
        final WsClient ws = player();
        ws.request("{\"type\":\"match.join\",\"payload\":{\"match_id\":\"m1\"}}");
        fx.matches.inputs.clear();

        ws.send("{\"type\":\"match.input\",\"payload\":{\"move_x\":1,\"move_y\":0}}");
        ws.send("{\"type\":\"match.input\",\"payload\":{\"data\":{\"move_x\":2}}}");
        ws.send("{\"type\":\"match.input\",\"payload\":{\"data\":\"{\\\"move_x\\\":3}\"}}");
        ws.send("{\"type\":\"match.input\",\"payload\":{\"data\":{\"move_x\":4},\"seq\":1}}");
        ws.send("{\"type\":\"match.input\",\"payload\":{\"data\":5}}");
        assertThat(ws.drainUntilBarrier()).isEmpty();
        assertThat(fx.matches.inputs).containsExactly(
            "{\"move_x\":1,\"move_y\":0}",
            "{\"move_x\":2}",
            "{\"move_x\":3}",
            "{\"data\":{\"move_x\":4},\"seq\":1}",
            "{\"data\":5}");

        assertErrorFrame(ws.request("{\"type\":\"match.input\",\"cid\":\"i\",\"payload\":[1]}"),
            "invalid_payload", "invalid_payload");
        assertErrorFrame(ws.request("{\"type\":\"match.input\",\"payload\":{\"data\":\"not json\"}}"),
            "invalid_payload", "invalid_payload");
        assertErrorFrame(ws.request("{\"type\":\"match.input\",\"payload\":{\"data\":\"[1]\"}}"),
            "invalid_payload", "invalid_payload");
        assertErrorFrame(ws.request("{\"type\":\"match.input\",\"payload\":{\"pad\":\"" + "x".repeat(300) + "\"}}"),
            "payload_too_large", "payload_too_large");
        assertErrorFrame(ws.request("{\"type\":\"match.input\"}"), "unknown_type", "unknown_type");
    }

    @Test
    void shouldQueueAndRemoveMatchmakerTicketsWithTypedErrors()
    {
        final WsClient ws = player();

        final JsonNode queued = ws.request("{\"type\":\"matchmaker.add\",\"cid\":\"q\",\"payload\":{}}");
        assertThat(queued.path("type").asText()).isEqualTo("matchmaker.queued");
        assertThat(queued.path("cid").asText()).isEqualTo("q");
        assertThat(queued.path("payload").path("ticket_id").asText()).isEqualTo("t-1");
        assertThat(fx.matches.calls).contains("matchmakerAdd:" + ws.playerId + ":default:{}");

        final JsonNode unknown = assertErrorFrame(
            ws.request("{\"type\":\"matchmaker.add\",\"payload\":{\"mode\":\"unknown\"}}"),
            "unknown_mode", "matchmaker.unknown_mode");
        assertThat(unknown.path("payload").path("type").asText()).isEqualTo("matchmaker.add");
        final JsonNode full = assertErrorFrame(
            ws.request("{\"type\":\"matchmaker.add\",\"payload\":{\"mode\":\"busy\"}}"),
            "queue_full", "matchmaker.queue_full");
        assertThat(full.path("payload").path("type").asText()).isEqualTo("matchmaker.add");
        assertErrorFrame(ws.request("{\"type\":\"matchmaker.add\",\"payload\":{\"properties\":5}}"),
            "invalid_payload", "invalid_payload");

        final JsonNode removed = ws.request(
            "{\"type\":\"matchmaker.remove\",\"cid\":\"r\",\"payload\":{\"ticket_id\":\"t-1\"}}");
        assertThat(removed.path("type").asText()).isEqualTo("matchmaker.removed");
        assertThat(removed.path("payload").path("success").asBoolean()).isTrue();
        final JsonNode notOwner = assertErrorFrame(
            ws.request("{\"type\":\"matchmaker.remove\",\"payload\":{\"ticket_id\":\"t-other\"}}"),
            "not_owner", "forbidden");
        assertThat(notOwner.path("payload").path("type").asText()).isEqualTo("matchmaker.remove");
        assertErrorFrame(ws.request("{\"type\":\"matchmaker.remove\",\"payload\":{\"ticket_id\":\"t-gone\"}}"),
            "not_found", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"matchmaker.remove\",\"payload\":{}}"),
            "missing_field", "missing_field");
    }

    @Test
    void shouldAnswerPresenceAndTheWorldPlaceholders()
    {
        final WsClient ws = player();

        final JsonNode away =
            ws.request("{\"type\":\"presence.update\",\"cid\":\"p\",\"payload\":{\"status\":\"away\"}}");
        assertThat(away.path("type").asText()).isEqualTo("presence.updated");
        assertThat(away.path("payload").path("status").asText()).isEqualTo("away");
        assertThat(ws.request("{\"type\":\"presence.update\",\"payload\":{}}").path("payload").path("status").asText())
            .isEqualTo("online");

        final JsonNode worlds = ws.request("{\"type\":\"world.list\",\"payload\":{}}");
        assertThat(worlds.path("type").asText()).isEqualTo("world.list");
        assertThat(worlds.path("payload").path("worlds").isArray()).isTrue();
        assertThat(worlds.path("payload").path("worlds")).isEmpty();
        assertErrorFrame(ws.request("{\"type\":\"world.join\",\"payload\":{\"world_id\":\"w1\"}}"),
            "world_not_found", "world.not_found");
        assertErrorFrame(ws.request("{\"type\":\"world.create\",\"payload\":{\"mode\":\"terrain\"}}"),
            "not_found", "ws.request_failed");
        assertErrorFrame(ws.request("{\"type\":\"world.find_or_create\",\"payload\":{\"mode\":\"terrain\"}}"),
            "not_found", "ws.request_failed");
        assertThat(ws.request("{\"type\":\"world.leave\"}").path("payload").path("success").asBoolean()).isTrue();

        ws.send("{\"type\":\"world.input\",\"payload\":{\"x\":1}}");
        ws.send("{\"type\":\"world.resync\",\"payload\":{\"zone\":[0,0]}}");
        assertThat(ws.drainUntilBarrier()).isEmpty();

        for (final String type : List.of("chat.join", "chat.send", "dm.send", "vote.cast", "vote.veto"))
        {
            assertErrorFrame(ws.request("{\"type\":\"" + type + "\",\"payload\":{}}"), "unknown_type", "unknown_type");
        }
    }

    @Test
    void shouldAnswerInternalErrorWhenAHandlerThrows()
    {
        final WsClient ws = player();

        final JsonNode frame = ws.request("{\"type\":\"match.list\",\"cid\":\"boom\",\"payload\":{\"mode\":\"boom\"}}");

        assertErrorFrame(frame, "internal_error", "internal");
        assertThat(frame.path("cid").asText()).isEqualTo("boom");
        assertThat(ws.request("{\"type\":\"session.heartbeat\"}").path("type").asText()).isEqualTo("session.heartbeat");
    }

    @Test
    void shouldPushToEverySocketOfAPlayerAndReportTheLastDisconnect()
    {
        final AuthTokens tokens = fx.accounts.registerNow("twosockets");
        final WsClient first = fx.authenticated(tokens);
        final WsClient second = fx.authenticated(tokens);
        assertThat(fx.sessions.playerCount()).isPositive();

        final byte[] frame = "{\"type\":\"match.state\",\"payload\":{\"tick\":7}}".getBytes(StandardCharsets.UTF_8);
        fx.sessions.send(tokens.playerId(), frame);
        assertThat(first.next().path("payload").path("tick").asInt()).isEqualTo(7);
        assertThat(second.next().path("payload").path("tick").asInt()).isEqualTo(7);
        fx.sessions.send("nobody-online", frame);

        first.close();
        assertThat(second.drainUntilBarrier()).isEmpty();
        second.close();
        assertThat(fx.matches.nextDisconnected()).isEqualTo(tokens.playerId());
        assertThat(fx.matches.disconnected).isEmpty();
        assertThat(fx.sessions.isOnline(tokens.playerId())).isFalse();
    }

    @Test
    void shouldReleaseThePreviousPlayerWhenASocketReauthenticatesAsAnother()
    {
        final AuthTokens one = fx.accounts.registerNow("reauth1");
        final AuthTokens two = fx.accounts.registerNow("reauth2");
        final WsClient ws = fx.authenticated(one);

        final JsonNode connected = ws.request(
            "{\"type\":\"session.connect\",\"payload\":{\"token\":\"" + two.accessToken() + "\"}}");

        assertThat(connected.path("payload").path("player_id").asText()).isEqualTo(two.playerId());
        assertThat(fx.matches.nextDisconnected()).isEqualTo(one.playerId());
        assertThat(fx.sessions.isOnline(one.playerId())).isFalse();
        assertThat(fx.sessions.isOnline(two.playerId())).isTrue();
    }
}
