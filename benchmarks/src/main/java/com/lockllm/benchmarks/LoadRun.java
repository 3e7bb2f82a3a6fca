package com.lockllm.benchmarks;

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

/**
 * A small closed-loop load run over HTTP/1.1 keep-alive, for the servers' figures: each of
 * {@code --threads} clients sends {@code --warmup} requests, then {@code --requests}, one at a
 * time, and the run prints throughput and latency percentiles; any answer other than the expected
 * status counts as an error.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.lockllm.benchmarks.LoadRun \
 *   --url http://127.0.0.1:8080/v1/chat/completions --body '{"model":"echo-1","messages":[...]}' \
 *   [--header Name:Value]... [--threads 1] [--warmup 200] [--requests 1000] [--status 200]
 * </pre>
 */
public final class LoadRun {
  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    String body = "";
    List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
    int threads = 1;
    int warmup = 200;
    int requests = 1000;
    int status = 200;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = value;
        case "--body" -> body = value;
        case "--header" -> headers.addAll(List.of(value.substring(0, value.indexOf(':')), value.substring(value.indexOf(':') + 1).trim()));
        case "--threads" -> threads = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--requests" -> requests = Integer.parseInt(value);
        case "--status" -> status = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .headers(headers.toArray(String[]::new))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> runs = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int w = warmup;
      int n = requests;
      int expected = status;
      runs.add(pool.submit(() -> client(request, w, n, expected)));
    }
    long[] all = new long[0];
    long errors = 0;
    for (Future<long[]> run : runs) {
      long[] r = run.get();
      errors += r[0];
      long[] latencies = Arrays.copyOfRange(r, 1, r.length);
      all = concat(all, latencies);
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(all);
    System.out.printf(Locale.ROOT, "%d requests, %d threads, %d errors: %.0f req/s (incl. warm-up time); "
            + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        all.length, threads, errors, (all.length + (long) warmup * threads) / seconds,
        pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), all[all.length - 1] / 1e6);
  }

  /** {errors, latency nanos...} of one client. */
  private static long[] client(HttpRequest request, int warmup, int requests, int status) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[] out = new long[requests + 1];
    for (int i = 0; i < warmup + requests; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - t0;
      if (r.statusCode() != status) {
        out[0]++;
      }
      if (i >= warmup) {
        out[i - warmup + 1] = took;
      }
    }
    return out;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
