/**
 * The network shell: Netty HTTP and WebSocket speaking Asobi's wire protocol (REST under {@code /api/v1}, the JSON
 * realtime protocol on {@code /ws}), sessions, limits, back pressure and health.
 * <pre>
 *  connection pipeline                                   shared (one per Gateway)
 *  ───────────────────                                   ─────────────────────────
 *  HttpServerCodec → HttpBodyAggregator → HttpHandler ──► RestApi ──► Accounts / MatchService (futures, Replies)
 *        │ GET /ws upgrade                                StaticFiles
 *        ▼
 *  ws codec → WebSocketFrameAggregator → WsFrameHandler ► WsDispatcher ──► MatchService (Replies: WsReply)
 *     size / rate / JSON / envelope checks (WsSession)    Sessions (player → sockets) ◄── MatchOutbound.send
 * </pre>
 * Entry points: {@link io.asobi.gateway.Gateway} with its {@link io.asobi.gateway.Gateway.Context}, and
 * {@link io.asobi.gateway.Sessions}, the match runtime's {@link io.asobi.match.MatchOutbound}.
 */
package io.asobi.gateway;
