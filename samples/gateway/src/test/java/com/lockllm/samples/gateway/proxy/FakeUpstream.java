package com.lockllm.samples.gateway.proxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for an LLM provider: it records exactly what it received and answers
 * by path: {@code .../status/NNN} with that status, a {@code "stream":true} body with server-sent events
 * (the first, then a wait for {@link #releaseStream}, then the rest), anything else with a fixed JSON;
 * {@code .../slow/...} only after 4 s.
 */
public final class FakeUpstream implements AutoCloseable {
  /** One request as the server saw it; header names lower-case. */
  public record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : String.join(",", values);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static final String ANSWER = "{\"id\":\"up-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"from upstream\"},\"finish_reason\":\"stop\"}]}";
  static final List<String> EVENTS = List.of(
      "data: {\"choices\":[{\"delta\":{\"content\":\"one \"}}]}\n\n",
      "data: {\"choices\":[{\"delta\":{\"content\":\"two \"}}]}\n\n",
      "data: {\"choices\":[{\"delta\":{\"content\":\"three\"}}]}\n\n",
      "data: [DONE]\n\n");

  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile CountDownLatch streamGate = new CountDownLatch(1);
  /** Whether the last stream's first event reached the client before the upstream sent the rest. */
  volatile boolean firstEventSeenBeforeRest;

  public FakeUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void releaseStream() {
    streamGate.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
    String path = exchange.getRequestURI().getPath();
    Headers out = exchange.getResponseHeaders();
    out.add("X-Upstream", "fake");
    out.add("Connection", "keep-alive");
    // As another LockLLM proxy would: the gateway's own scan headers must win.
    out.add("X-LockLLM-Safe", "upstream-says");
    if (path.contains("/slow/")) {
      try {
        Thread.sleep(4_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (path.contains("/status/")) {
      int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
      byte[] error = (status == 503 ? "overloaded, try later" : "{\"error\":{\"message\":\"bad model\",\"type\":\"invalid_request_error\"}}")
          .getBytes(StandardCharsets.UTF_8);
      out.add("Content-Type", status == 503 ? "text/plain; charset=utf-8" : "application/json");
      exchange.sendResponseHeaders(status, error.length);
      exchange.getResponseBody().write(error);
      exchange.close();
      return;
    }
    if (new String(body, StandardCharsets.UTF_8).contains("\"stream\":true")) {
      out.add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream stream = exchange.getResponseBody();
      stream.write(EVENTS.get(0).getBytes(StandardCharsets.UTF_8));
      stream.flush();
      try {
        firstEventSeenBeforeRest = streamGate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      streamGate = new CountDownLatch(1);
      for (String event : EVENTS.subList(1, EVENTS.size())) {
        stream.write(event.getBytes(StandardCharsets.UTF_8));
        stream.flush();
      }
      exchange.close();
      return;
    }
    byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
    out.add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
