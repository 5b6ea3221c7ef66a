package io.asobi.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection-level HTTP behaviour over a raw socket: pipelining order, malformed requests, idle connections.
 */
class HttpConnectionTest
{
    private static Socket connect(final GatewayFixture fx) throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", fx.gateway.localAddress().getPort());
        socket.setSoTimeout((int)WsClient.TIMEOUT_MS);
        return socket;
    }

    private static String readUntilClosed(final Socket socket) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhenTheFirstIsAsynchronous() throws IOException
    {
        try (GatewayFixture fx = new GatewayFixture(); Socket socket = connect(fx))
        {
            fx.accounts.registerNow("piper");
            final String login = "{\"username\":\"piper\",\"password\":\"password-123\"}";
            final String requests =
                "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + login.length() + "\r\n\r\n" + login +
                "GET /live HTTP/1.1\r\nHost: t\r\n\r\n" +
                "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
            final OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.UTF_8));
            out.flush();

            final String responses = readUntilClosed(socket);

            final int first = responses.indexOf("\"access_token\"");
            final int second = responses.indexOf("\"alive\"");
            final int third = responses.indexOf("\"not_found\"");
            assertThat(first).as(responses).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(third).isGreaterThan(second);
            assertThat(responses).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void shouldAnswerAMalformedRequestWithBadRequestAndClose() throws IOException
    {
        try (GatewayFixture fx = new GatewayFixture(); Socket socket = connect(fx))
        {
            socket.getOutputStream().write(("GET /live HTTP/1.1\r\nHost: t\r\nX: " + "a".repeat(10_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));

            final String response = readUntilClosed(socket);

            assertThat(response).startsWith("HTTP/1.1 400").contains("\"bad_request\"");
        }
    }

    @Test
    void shouldCloseAnIdleHttpConnection() throws IOException
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.httpIdleTimeoutMs(200)); Socket socket = connect(fx))
        {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldNotApplyTheHttpIdleTimeoutToAnAuthenticatedWebSocket()
    {
        try (GatewayFixture fx = new GatewayFixture(ctx -> ctx.httpIdleTimeoutMs(200).wsIdleAuthTimeoutMs(400)))
        {
            final WsClient ws = fx.authenticated("lingerer");
            // Outlive both timeouts: an unauthenticated socket opened now is closed after 400 ms.
            assertThat(fx.ws().awaitClose().reason()).isEqualTo("idle_auth_timeout");

            assertThat(ws.request("{\"type\":\"session.heartbeat\"}").path("type").asText())
                .isEqualTo("session.heartbeat");
        }
    }
}
