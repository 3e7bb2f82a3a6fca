package com.lockllm.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A load run of concurrent streamed answers, for the answer side's figures: time to first token and
 * stream throughput through a gateway, with output scanning on and off.
 *
 * <p>{@code upstream --port P [--deltas 40] [--interval-ms 25]} serves {@code POST
 * /chat/completions} as a slow OpenAI-compatible model: {@code --deltas} content deltas of a few
 * words (prose, an e-mail address and a markdown link among them), one every {@code
 * --interval-ms}, then {@code [DONE]}. It holds no thread per stream (each delta is a scheduled
 * write), so it can stand behind thousands of streams at once.
 *
 * <p>{@code run --url U [--concurrency 50] [--streams 500] [--ramp-ms 0]} keeps {@code
 * --concurrency} streams open at once until {@code --streams} have completed (starting them evenly
 * over {@code --ramp-ms}), and prints the time to the first content byte (p50/p99), the whole
 * stream's time (p50/p99), streams per second and errors.
 */
public final class StreamLoadRun {
  private static final String[] WORDS = {
    "The quarterly report ", "shows revenue growth ", "across all regions; ", "contact ann.lee@example.com ",
    "for the figures, ", "or see [the dashboard](https://intranet.example/q3) ", "before Friday. ", "Margins held ",
    "steady while costs ", "fell by two points. "};

  /** A delta that carries text (the guard sends a delta whose text it holds as {@code "content":""}). */
  private static final Pattern TEXT = Pattern.compile("\"content\":\"[^\"]");

  /** Failed streams by kind: a status, an exception's class, or {@code incomplete}. */
  private static final Map<String, Integer> FAILURES = new ConcurrentSkipListMap<>();

  private StreamLoadRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: upstream --port P ... | run --url U ...");
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "upstream" -> upstream(rest);
      case "run" -> run(rest);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    if (fallback == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return fallback;
  }

  private static void upstream(String[] args) throws Exception {
    int port = Integer.parseInt(option(args, "--port", null));
    int deltas = Integer.parseInt(option(args, "--deltas", "40"));
    long interval = Long.parseLong(option(args, "--interval-ms", "25"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
    // Each delta is written by a scheduled task, so thousands of streams at once need no thread each here either.
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      delta(exchange, scheduler, 0, deltas, interval);
    });
    server.start();
    System.out.println("slow upstream on http://127.0.0.1:" + port + " (" + deltas + " deltas, " + interval + " ms apart)");
  }

  /** Writes delta {@code i} of {@code deltas} (then {@code [DONE]}) and schedules the next. */
  private static void delta(HttpExchange exchange, ScheduledExecutorService scheduler, int i, int deltas,
      long interval) {
    String event = i < deltas
        ? "data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"model\":\"slow-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + WORDS[i % WORDS.length] + "\"},\"finish_reason\":null}]}\n\n"
        : "data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"model\":\"slow-1\",\"choices\":"
            + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    try {
      OutputStream out = exchange.getResponseBody();
      out.write(event.getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (i < deltas) {
        scheduler.schedule(() -> delta(exchange, scheduler, i + 1, deltas, interval), interval, TimeUnit.MILLISECONDS);
        return;
      }
    } catch (IOException clientGone) {
      // the gateway ended the stream
    }
    exchange.close();
  }

  private static void run(String[] args) throws Exception {
    URI url = URI.create(option(args, "--url", null));
    int concurrency = Integer.parseInt(option(args, "--concurrency", "50"));
    int streams = Integer.parseInt(option(args, "--streams", "500"));
    long rampNanos = Duration.ofMillis(Long.parseLong(option(args, "--ramp-ms", "0"))).toNanos();
    String body = "{\"model\":\"slow-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Summarise the quarterly report for the team.\"}]}";
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(300))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<long[]>> results = new ArrayList<>(streams);
    long started = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      LockSupport.parkNanos(started + rampNanos * i / streams - System.nanoTime());
      results.add(pool.submit(() -> stream(http, request)));
    }
    List<long[]> done = new ArrayList<>(streams);
    int errors = 0;
    for (Future<long[]> f : results) {
      long[] r = f.get();
      if (r == null) {
        errors++;
      } else {
        done.add(r);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] first = done.stream().mapToLong(r -> r[0]).sorted().toArray();
    long[] whole = done.stream().mapToLong(r -> r[1]).sorted().toArray();
    System.out.printf(Locale.ROOT, "%d streams, %d at once, %d errors%s: %.1f streams/s; first content byte p50 %.1f ms, "
            + "p99 %.1f ms; whole stream p50 %.1f ms, p99 %.1f ms%n", done.size(), concurrency, errors,
        FAILURES.isEmpty() ? "" : " " + FAILURES, done.size() / seconds, pct(first, 0.50), pct(first, 0.99),
        pct(whole, 0.50), pct(whole, 0.99));
    // the client's selector and executor threads are not daemons
    System.exit(0);
  }

  /** {nanos to the first content delta's text, nanos to the end}, or null when the stream failed or did not end with [DONE]. */
  private static long[] stream(HttpClient http, HttpRequest request) {
    try {
      long t0 = System.nanoTime();
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        r.body().close();
        FAILURES.merge("status " + r.statusCode(), 1, Integer::sum);
        return null;
      }
      long first = -1;
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[8192];
      try (InputStream in = r.body()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (first < 0 && TEXT.matcher(seen).find()) {
            first = System.nanoTime() - t0;
          }
        }
      }
      if (first < 0 || seen.indexOf("[DONE]") < 0) {
        FAILURES.merge("incomplete", 1, Integer::sum);
        return null;
      }
      return new long[] {first, System.nanoTime() - t0};
    } catch (Exception e) {
      FAILURES.merge(e.getClass().getSimpleName(), 1, Integer::sum);
      return null;
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
