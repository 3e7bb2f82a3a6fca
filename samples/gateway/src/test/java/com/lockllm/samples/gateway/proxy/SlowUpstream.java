package com.lockllm.samples.gateway.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow OpenAI-compatible model on a real HTTP server, holding no thread per stream itself: each
 * {@code POST} gets server-sent events {@code interval} apart on a small scheduler, then {@code
 * [DONE]}. Under {@code /gated/} the first event goes at once and the rest only once {@code gate}
 * streams are open together (or after 30 s), so a gateway that serves fewer at once cannot finish;
 * under {@code /long/} a stream lasts {@code 200 x interval}. It counts the streams open at once, and
 * notes a {@code /long/} one whose client went away before the end.
 */
final class SlowUpstream implements AutoCloseable {
  static final String WORDS = "slow words ";

  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final CountDownLatch cancelled = new CountDownLatch(1);
  private final HttpServer server;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final long intervalMillis;
  private final int events;
  private final int gate;
  private final AtomicInteger arrived = new AtomicInteger();
  private final CompletableFuture<Void> gateOpen = new CompletableFuture<>();

  SlowUpstream(int events, long intervalMillis, int gate) throws IOException {
    this.events = events;
    this.intervalMillis = intervalMillis;
    this.gate = gate;
    gateOpen.completeOnTimeout(null, 30, TimeUnit.SECONDS);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    peak.accumulateAndGet(open.incrementAndGet(), Math::max);
    int count = path.contains("/long/") ? 200 : events;
    if (!send(exchange, 0, count)) {
      return;
    }
    if (path.contains("/gated/")) {
      if (arrived.incrementAndGet() >= gate) {
        gateOpen.complete(null);
      }
      gateOpen.thenRun(() -> next(exchange, 1, count));
    } else {
      next(exchange, 1, count);
    }
  }

  private void next(HttpExchange exchange, int i, int count) {
    scheduler.schedule(() -> {
      if (send(exchange, i, count)) {
        next(exchange, i + 1, count);
      }
    }, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Event {@code i} of {@code count}, {@code [DONE]} as the last; false when the stream has ended. */
  private boolean send(HttpExchange exchange, int i, int count) {
    String event = i < count
        ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + WORDS + "\"},\"finish_reason\":null}]}\n\n"
        : "data: [DONE]\n\n";
    try {
      OutputStream out = exchange.getResponseBody();
      out.write(event.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (i == count) {
        completed.incrementAndGet();
        end(exchange);
        return false;
      }
      return true;
    } catch (IOException clientGone) {
      if (exchange.getRequestURI().getPath().contains("/long/")) {
        cancelled.countDown();
      }
      end(exchange);
      return false;
    }
  }

  private void end(HttpExchange exchange) {
    open.decrementAndGet();
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
  }
}
