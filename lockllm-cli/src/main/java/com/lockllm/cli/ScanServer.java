package com.lockllm.cli;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.server.ScanEndpoint;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ScanEndpoint} on the JDK's {@link HttpServer}: {@code POST /v1/scan} and {@code GET
 * /health}, other methods 405 and other paths 404, all in the LockLLM error JSON. Requests run on a
 * fixed pool of {@code threads}; a body over the endpoint's bound is refused with 413 on its {@code
 * Content-Length} before it is read, or, when chunked, as soon as the bytes counted pass the bound.
 */
final class ScanServer implements AutoCloseable {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  /** Seconds given to exchanges in flight when the server stops. */
  private static final int STOP_GRACE_SECONDS = 1;
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ScanEndpoint endpoint;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ScanServer(HttpServer server, ExecutorService executor, ScanEndpoint endpoint) {
    this.server = server;
    this.executor = executor;
    this.endpoint = endpoint;
  }

  /** Binds {@code address} (port 0: any free port) and starts serving. */
  static ScanServer start(ScanEndpoint endpoint, InetSocketAddress address, int threads) throws IOException {
    // Without TCP_NODELAY the server's separate header and body writes wait on the client's delayed
    // ACK: about 44 ms per answer instead of under 1 ms. Read once, when the JDK server first loads.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    HttpServer http = HttpServer.create(address, 0);
    AtomicInteger count = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "lockllm-serve-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ScanServer server = new ScanServer(http, executor, endpoint);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** The port bound, the real one when started on port 0. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Blocks until {@link #close()}. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting, lets exchanges in flight finish (up to a grace period), then stops the threads. Idempotent. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    synchronized (this) {
      if (stopped.getCount() == 0) {
        return;
      }
      server.stop(STOP_GRACE_SECONDS);
      executor.shutdown();
      try {
        executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped.countDown();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Headers headers = exchange.getRequestHeaders();
      if (path.equals(ScanEndpoint.PATH)) {
        if (!method.equals("POST")) {
          methodNotAllowed(exchange, "POST");
          return;
        }
        byte[] body = readBounded(exchange);
        ScanEndpoint.Answer answer = body == null
            ? endpoint.payloadTooLarge(headers::getFirst)
            : endpoint.handle(headers::getFirst, body);
        if (body == null) {
          // The unread rest of the body would otherwise be taken for the next request.
          exchange.getResponseHeaders().set("Connection", "close");
        }
        send(exchange, answer.status(), answer.headers(), answer.body());
      } else if (path.equals("/health")) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          methodNotAllowed(exchange, "GET, HEAD");
          return;
        }
        send(exchange, 200, Map.of(), HEALTHY);
      } else {
        sendError(exchange, new LockLLMException("No route for " + method + " " + path,
            "invalid_request_error", "not_found", 404, null));
      }
    }
  }

  /** The body, or {@code null} when it is over the bound. */
  private byte[] readBounded(HttpExchange exchange) throws IOException {
    int max = endpoint.maxBodyBytes();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && Long.parseLong(length.trim()) > max) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(max + 1);
      return body.length > max ? null : body;
    }
  }

  private static void methodNotAllowed(HttpExchange exchange, String allow) throws IOException {
    exchange.getResponseHeaders().set("Allow", allow);
    sendError(exchange, new LockLLMException("Method " + exchange.getRequestMethod() + " is not allowed here",
        "invalid_request_error", "method_not_allowed", 405, null));
  }

  private static void sendError(HttpExchange exchange, LockLLMException e) throws IOException {
    ErrorResponse response = LockLLMErrors.toResponse(e);
    send(exchange, response.status(), response.headers(), response.body());
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    headers.forEach(out::set);
    out.set("Content-Type", ScanEndpoint.Answer.CONTENT_TYPE);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }
}
