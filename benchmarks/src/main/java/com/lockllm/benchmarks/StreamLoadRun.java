package com.lockllm.benchmarks;

import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * A load run of concurrent streamed answers, for the answer side's figures: time to first token and
 * stream throughput through a gateway, with output scanning on and off.
 *
 * <p>{@code upstream --port P [--deltas 40] [--interval-ms 25]} serves {@code POST
 * /chat/completions} as a slow OpenAI-compatible model: {@code --deltas} content deltas of a few
 * words (prose, an e-mail address and a markdown link among them), one every {@code
 * --interval-ms}, then {@code [DONE]}.
 *
 * <p>{@code run --url U [--concurrency 50] [--streams 500]} keeps {@code --concurrency} streams
 * open at once until {@code --streams} have completed, and prints the time to the first content
 * byte (p50/p99), the whole stream's time (p50/p99), streams per second and errors.
 */
public final class StreamLoadRun {
  private static final String[] WORDS = {
    "The quarterly report ", "shows revenue growth ", "across all regions; ", "contact ann.lee@example.com ",
    "for the figures, ", "or see [the dashboard](https://intranet.example/q3) ", "before Friday. ", "Margins held ",
    "steady while costs ", "fell by two points. "};

  /** A delta that carries text (the guard sends a delta whose text it holds as {@code "content":""}). */
  private static final Pattern TEXT = Pattern.compile("\"content\":\"[^\"]");

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
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < deltas; i++) {
          String delta = "data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"model\":\"slow-1\","
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + WORDS[i % WORDS.length] + "\"},\"finish_reason\":null}]}\n\n";
          out.write(delta.getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(interval);
        }
        out.write(("data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"model\":\"slow-1\",\"choices\":"
            + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    System.out.println("slow upstream on http://127.0.0.1:" + port + " (" + deltas + " deltas, " + interval + " ms apart)");
  }

  private static void run(String[] args) throws Exception {
    URI url = URI.create(option(args, "--url", null));
    int concurrency = Integer.parseInt(option(args, "--concurrency", "50"));
    int streams = Integer.parseInt(option(args, "--streams", "500"));
    String body = "{\"model\":\"slow-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Summarise the quarterly report for the team.\"}]}";
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<long[]>> results = new ArrayList<>(streams);
    long started = System.nanoTime();
    for (int i = 0; i < streams; i++) {
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
    System.out.printf(Locale.ROOT, "%d streams, %d at once, %d errors: %.1f streams/s; first content byte p50 %.1f ms, "
            + "p99 %.1f ms; whole stream p50 %.1f ms, p99 %.1f ms%n", done.size(), concurrency, errors,
        done.size() / seconds, pct(first, 0.50), pct(first, 0.99), pct(whole, 0.50), pct(whole, 0.99));
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
      return first < 0 || seen.indexOf("[DONE]") < 0 ? null : new long[] {first, System.nanoTime() - t0};
    } catch (Exception e) {
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
