package com.lockllm.samples.webxml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.InvalidRequestErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Jetty refuses before the filter runs gets the LockLLM error JSON, over raw sockets. */
class ContainerRefusalsTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  private static Server server;

  @BeforeAll
  static void start() throws Exception {
    server = Main.start(0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Test
  void jettysOwnRefusalsAreJson() throws Exception {
    Map<String, Integer> requests = new LinkedHashMap<>();
    requests.put("POST /v1/chat%2Fcompletions HTTP/1.1\r\n", 400);
    requests.put("POST /v1/chat/completions%00 HTTP/1.1\r\n", 400);
    requests.put("POST /v1/chat%C0%AFcompletions HTTP/1.1\r\n", 400);
    requests.put("POST /../v1/chat/completions HTTP/1.1\r\n", 400);
    requests.put("POST /v1/chat/\u0001completions HTTP/1.1\r\n", 400);
    requests.put("POST /v1/chat/completions HTTP/1.1\r\nBad Header: x\r\n", 400);
    requests.put("POST /v1/chat/completions HTTP/9.z\r\n", 505);
    for (Map.Entry<String, Integer> e : requests.entrySet()) {
      String answer = send(e.getKey() + "Content-Type: application/json\r\nContent-Length: 2\r\n", "{}");
      String what = e.getKey().replace("\r\n", " ") + " -> " + answer;
      assertThat(answer).as(what).startsWith("HTTP/1.1 " + e.getValue() + " ");
      int split = answer.indexOf("\r\n\r\n");
      assertThat(answer.substring(0, split).toLowerCase()).as(what).contains("content-type: application/json");
      JsonNode error = OBJECT_MAPPER.readTree(answer.substring(split + 4)).path("error");
      assertThat(error.path("type").asText()).as(what).isEqualTo(InvalidRequestErrors.TYPE);
      assertThat(error.path("code").asText()).as(what).isNotBlank();
    }
  }

  private static String send(String head, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", Main.port(server))) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
