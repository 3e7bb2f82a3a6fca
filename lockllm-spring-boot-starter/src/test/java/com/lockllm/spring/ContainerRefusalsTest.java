package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.InvalidRequestErrors;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractScanners;
import com.lockllm.testing.ContractServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Tomcat refuses before any filter runs (an encoded slash or NUL in the path, a transfer
 * coding it does not implement, a malformed request line) is answered with the LockLLM error JSON,
 * not Tomcat's HTML page: over raw sockets, through the starter's real embedded Tomcat.
 */
class ContainerRefusalsTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  private static ContractServer server;

  @BeforeAll
  static void start() {
    server = new SpringContractTest().start(
        new ContractFixture("refusals", ContractScanners.embedded(), ContractFixture.baseSettings()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void pathsTomcatRefusesAreJson400s() throws Exception {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("encoded slash", "POST /v1/chat%2Fcompletions HTTP/1.1");
    requests.put("encoded slashes", "POST /v1%2Fchat%2Fcompletions HTTP/1.1");
    requests.put("encoded NUL", "POST /v1/chat/completions%00 HTTP/1.1");
    requests.put("encoded backslash", "POST /v1%5Cchat/completions HTTP/1.1");
    requests.put("dot segments past the root", "POST /../v1/chat/completions HTTP/1.1");
    requests.put("overlong UTF-8 slash", "POST /v1/chat%C0%AFcompletions HTTP/1.1");
    for (Map.Entry<String, String> e : requests.entrySet()) {
      Answer a = send(e.getValue() + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");
      a.assertJsonError(e.getKey(), 400);
    }
  }

  @Test
  void aTransferCodingTomcatDoesNotImplementIsAJson501() throws Exception {
    for (String coding : new String[] {"gzip, chunked", "deflate, chunked", "x-unknown, chunked"}) {
      Answer a = send("POST " + AdapterContract.PROTECTED_PATH + " HTTP/1.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: " + coding + "\r\n", "2\r\n{}\r\n0\r\n\r\n");
      a.assertJsonError("Transfer-Encoding: " + coding, 501);
    }
  }

  @Test
  void malformedRequestLinesAreJson400s() throws Exception {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("control character in the path", "POST /v1/chat/\u0001completions HTTP/1.1");
    lines.put("space in the path", "POST /v1/chat completions HTTP/1.1");
    lines.put("bad header name", "POST /v1/chat/completions HTTP/1.1\r\nBad Header: x");
    lines.put("unknown version", "POST /v1/chat/completions HTTP/9.z");
    for (Map.Entry<String, String> e : lines.entrySet()) {
      Answer a = send(e.getValue() + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", "{}");
      a.assertJsonError(e.getKey(), 400);
    }
  }

  /** One request on a fresh connection, written byte for byte. */
  private static Answer send(String head, String body) throws IOException {
    URI base = server.baseUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Host: " + base.getHost() + "\r\nConnection: close\r\n\r\n" + body)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return Answer.read(socket.getInputStream());
    }
  }

  private record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer read(InputStream in) throws IOException {
      byte[] all = in.readAllBytes();
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("a response: %s", text).isPositive();
      String[] lines = text.substring(0, split).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      byte[] body = text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
      String s = new String(chunked, StandardCharsets.ISO_8859_1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int at = 0;
      while (true) {
        int eol = s.indexOf("\r\n", at);
        int size = Integer.parseInt(s.substring(at, eol).trim(), 16);
        if (size == 0) {
          return out.toByteArray();
        }
        out.write(chunked, eol + 2, size);
        at = eol + 2 + size + 2;
      }
    }

    void assertJsonError(String what, int expectedStatus) throws IOException {
      String text = what + " -> " + status + " " + headers + " " + new String(body, StandardCharsets.UTF_8);
      assertThat(status).as(text).isEqualTo(expectedStatus);
      assertThat(headers.get("content-type")).as(text).startsWith("application/json");
      JsonNode error = OBJECT_MAPPER.readTree(body).path("error");
      assertThat(error.path("type").asText()).as(text).isEqualTo(InvalidRequestErrors.TYPE);
      assertThat(error.path("code").asText()).as(text).isNotBlank();
      assertThat(error.path("message").asText()).as(text).isNotBlank();
    }
  }
}
