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
 * Content-Length} before it is read, or, when chunked, as soon as the bytes counted pass the bound;
 * its connection is then closed rather than drained. A request must arrive within {@code
 * sun.net.httpserver.maxReqTime} seconds (default 30) and its answer be read within {@code
 * maxRspTime} (default 30), so a slow or silent client cannot hold a worker for long.
 */
final class ScanServer implements AutoCloseable {
  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  /** Seconds given to exchanges in flight when the server stops. */
  private static final int STOP_GRACE_SECONDS = 1;
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  /**
   * Bytes of an unread request body the JDK server reads (blocking) after the answer, to keep the
   * connection: 0, so a refused body is never waited for; its connection is closed instead.
   */
  static final String DRAIN_AMOUNT = "sun.net.httpserver.drainAmount";
  /** Seconds a request (line, headers and body) may take to arrive before its connection is closed. */
  static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  /** Seconds the client may take to read an answer before its connection is closed. */
  static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
  static final String DEFAULT_MAX_REQ_SECONDS = "30";
  static final String DEFAULT_MAX_RSP_SECONDS = "30";

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
    // All read once, when the JDK server first loads; a value set on the command line (-D) wins.
    // Without TCP_NODELAY the server's separate header and body writes wait on the client's delayed
    // ACK: about 44 ms per answer instead of under 1 ms.
    setDefault(NODELAY, "true");
    // A worker reads the request line, headers and body, and drains an unread body after the answer,
    // all blocking: without these a client that announces 50 MB and sends nothing, or sends its
    // headers a byte a minute, holds a worker until it disconnects.
    setDefault(DRAIN_AMOUNT, "0");
    setDefault(MAX_REQ_TIME, DEFAULT_MAX_REQ_SECONDS);
    setDefault(MAX_RSP_TIME, DEFAULT_MAX_RSP_SECONDS);
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

  private static void setDefault(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
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
        consumeEmptyBody(exchange);
        send(exchange, 200, Map.of(), HEALTHY);
      } else {
        consumeEmptyBody(exchange);
        sendError(exchange, new LockLLMException("No route for " + method + " " + path,
            "invalid_request_error", "not_found", 404, null));
      }
    }
  }

  /**
   * Reads the end of a request that declares no body, so its connection stays open for the next
   * request: with no drain, a body left unread (even an empty one) closes the connection.
   */
  private static void consumeEmptyBody(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String length = headers.getFirst("Content-Length");
    if (headers.getFirst("Transfer-Encoding") == null && (length == null || length.trim().equals("0"))) {
      exchange.getRequestBody().read();
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
    consumeEmptyBody(exchange);
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
