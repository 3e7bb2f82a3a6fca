package com.lockllm.cli;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.server.ScanEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that announce a large body and send nothing, or never finish their request, over raw
 * sockets against a one-thread server: each gets its answer or loses its connection within {@code
 * sun.net.httpserver.maxReqTime} (set to 2 s for this module's tests), and the one worker is then
 * free for the next request.
 */
class ScanServerSlowClientTest {
  private ScanServer server;

  @BeforeEach
  void start() throws IOException {
    server = ScanServer.start(ScanEndpoint.create(EmbeddedScanner.create(), null, 1 << 20),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anOversizedBodyThatNeverComesIsRefusedAndTheConnectionClosed() {
    assertTimeoutPreemptively(ofSeconds(20), () -> {
      try (Socket silent = connect()) {
        send(silent, "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 52428800\r\n\r\n");
        String answer = readToEnd(silent.getInputStream());
        assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
        assertThat(answer).doesNotContain("100 Continue");
      }
      assertThat(health()).startsWith("HTTP/1.1 200");
    });
  }

  @Test
  void aClientStillSendingItsHeadersDoesNotHoldTheWorker() {
    assertTimeoutPreemptively(ofSeconds(20), () -> {
      try (Socket slow = connect()) {
        send(slow, "POST /v1/scan HTTP/1.1\r\nHost: x\r\n");
        // closed once the request is older than sun.net.httpserver.maxReqTime (2 s in this build)
        assertThat(readToEnd(slow.getInputStream())).isEmpty();
      }
      assertThat(health()).startsWith("HTTP/1.1 200");
    });
  }

  @Test
  void aBodyThatStopsHalfWayFreesTheWorker() {
    assertTimeoutPreemptively(ofSeconds(20), () -> {
      try (Socket stalled = connect()) {
        send(stalled, "POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"input\":\"hel");
        assertThat(readToEnd(stalled.getInputStream())).doesNotStartWith("HTTP/1.1 200");
      }
      assertThat(health()).startsWith("HTTP/1.1 200");
    });
  }

  private Socket connect() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), server.port());
  }

  private String health() throws IOException {
    try (Socket s = connect()) {
      send(s, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      return readToEnd(s.getInputStream());
    }
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** What the server sends until it closes the connection. */
  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
