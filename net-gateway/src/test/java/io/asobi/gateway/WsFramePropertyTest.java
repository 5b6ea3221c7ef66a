package io.asobi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text a client sends, the connection survives and each frame is answered by at most one frame.
 */
class WsFramePropertyTest
{
    private static final List<String> TYPES = List.of(
        "session.connect", "session.heartbeat", "rpc.call", "match.list", "match.join", "match.find_or_create",
        "match.leave", "match.input", "matchmaker.add", "matchmaker.remove", "presence.update", "world.list",
        "world.join", "world.create", "world.find_or_create", "world.leave", "world.input", "world.resync",
        "chat.send", "dm.send", "vote.cast", "", "x");

    private static GatewayFixture fx;
    private static WsClient anonymous;
    private static WsClient player;

    @BeforeContainer
    static void start()
    {
        fx = new GatewayFixture(ctx -> ctx.wsFramesPerWindow(1_000_000).joinsPerWindow(1_000_000));
        // Replies on the I/O thread keep frame order, so the heartbeat barrier sees every reply of a frame.
        fx.matches.isSynchronous = true;
        anonymous = fx.ws();
        player = fx.authenticated("prop");
    }

    @AfterContainer
    static void stop()
    {
        fx.close();
    }

    @Property(tries = 300)
    void arbitraryTextNeverBreaksTheConnection(@ForAll("frames") final String frame)
    {
        for (final WsClient ws : new WsClient[]{anonymous, player})
        {
            ws.send(frame);
            final List<JsonNode> replies = ws.drainUntilBarrier();
            assertThat(replies).as(frame).hasSizeLessThanOrEqualTo(1);
            for (final JsonNode reply : replies)
            {
                assertThat(reply.path("type").isTextual()).isTrue();
                assertThat(reply.path("payload").isObject()).isTrue();
                if ("error".equals(reply.path("type").asText()))
                {
                    assertThat(reply.path("payload").path("reason").isTextual()).isTrue();
                    assertThat(reply.path("payload").path("error").path("code").isTextual()).isTrue();
                }
            }
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Provide
    Arbitrary<String> frames()
    {
        return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.strings().withChars("{}[]\":,0123456789.-eE truefalsn\\u").ofMaxLength(60),
            envelopes());
    }

    private static JsonNode wrap(final String key, final JsonNode inner)
    {
        final ObjectNode outer = Json.NODES.objectNode();
        outer.set(key, inner);
        return outer;
    }

    private Arbitrary<String> envelopes()
    {
        final Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(300).map(Json.NODES::textNode),
            Arbitraries.integers().map(Json.NODES::numberNode),
            Arbitraries.doubles().map(Json.NODES::numberNode),
            Arbitraries.of(true, false).map(Json.NODES::booleanNode),
            Arbitraries.just(Json.NODES.nullNode()));
        final Arbitrary<String> keys = Arbitraries.oneOf(
            Arbitraries.of("token", "match_id", "mode", "ctx", "data", "ticket_id", "world_id", "status",
                "has_capacity", "joinable", "properties", "protocol", "method", "params"),
            Arbitraries.strings().ofMaxLength(80));
        final Arbitrary<JsonNode> flat = Combinators.combine(keys.list().ofMaxSize(10), scalars.list().ofMaxSize(10))
            .as((k, v) ->
            {
                final ObjectNode object = Json.NODES.objectNode();
                for (int i = 0; i < Math.min(k.size(), v.size()); i++)
                {
                    object.set(k.get(i), v.get(i));
                }
                return object;
            });
        final Arbitrary<JsonNode> payloads = Arbitraries.oneOf(
            scalars, flat,
            flat.map(inner -> wrap("ctx", inner)),
            flat.map(inner -> wrap("data", inner)),
            flat.map(inner -> (JsonNode)Json.NODES.objectNode().put("data", inner.toString())),
            Arbitraries.just(null));
        final Arbitrary<JsonNode> cids = Arbitraries.oneOf(scalars, Arbitraries.just(null));
        return Combinators.combine(Arbitraries.of(TYPES), payloads, cids).as((type, payload, cid) ->
        {
            final ObjectNode envelope = Json.NODES.objectNode();
            envelope.put("type", type);
            if (null != payload)
            {
                envelope.set("payload", payload);
            }
            if (null != cid)
            {
                envelope.set("cid", cid);
            }
            return envelope.toString();
        });
    }
}
