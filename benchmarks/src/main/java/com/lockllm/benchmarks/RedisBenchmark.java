package com.lockllm.benchmarks;

import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.cache.CachingScanner;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared state on Redis, one thread, sampled: a counter update (one Lua script), a request's
 * behaviour check ({@code RequestPatterns.observe}: two updates) against the in-memory store, and a
 * scan-cache hit. Uses the Redis at {@code -Dlockllm.redis.uri=redis://...} or starts its own
 * {@code redis-server} on a free loopback port.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(1)
public class RedisBenchmark {
  @Param({"redis", "memory"})
  String store;

  private Process server;
  private LockLLMRedis redis;
  private RequestPatterns patterns;
  private String cacheKey;
  private final AtomicLong prompts = new AtomicLong();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String uri = System.getProperty("lockllm.redis.uri");
    if (uri == null) {
      int port = freePort();
      server = startServer(port);
      uri = "redis://127.0.0.1:" + port + "/0";
    }
    LockLLMRedis.Builder builder = LockLLMRedis.builder(uri);
    if (Boolean.getBoolean("lockllm.redis.directCallbacks")) {
      builder.callbackExecutor(Runnable::run); // async results on Lettuce's I/O thread: the hop's cost, measured
    }
    redis = builder.build();
    patterns = RequestPatterns.builder("redis".equals(store) ? redis.counterStore() : InMemoryCounterStore.create())
        .rapidRequests(Integer.MAX_VALUE / 4).burstMinRequests(Integer.MAX_VALUE / 4)
        .duplicatePrompts(Integer.MAX_VALUE / 4).build();
    ScanRequest request = ScanRequest.of(Prompts.english(1024), ScanOptions.defaults());
    cacheKey = CachingScanner.key(request);
    redis.scanCache().put(cacheKey, EmbeddedScanner.create().scan(request));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    redis.close();
    if (server != null) {
      server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** One Lua update of one counter (the store under test). */
  @Benchmark
  public long[] increment() {
    return patterns.store().increment("rate:bench", System.currentTimeMillis() / 10_000, 6, Duration.ofSeconds(70));
  }

  /** What the interceptor does per request: rate and duplicate counters, then the judgement. */
  @Benchmark
  public AbuseWarning observe() {
    return patterns.observe("ip:203.0.113.7", "prompt " + (prompts.incrementAndGet() & 1023));
  }

  /** The same on the async path (both counters in parallel), waited for. */
  @Benchmark
  public AbuseWarning observeAsync() {
    return patterns.observeAsync("ip:203.0.113.7", "prompt " + (prompts.incrementAndGet() & 1023))
        .toCompletableFuture().join();
  }

  /** A Redis scan-cache hit: GET and decode of a 1 KB prompt's response (independent of {@code store}). */
  @Benchmark
  public ScanResponse cacheHit() {
    return redis.scanCache().get(cacheKey);
  }

  static Process startServer(int port) throws IOException, InterruptedException {
    String binary = System.getenv().getOrDefault("REDIS_SERVER",
        Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "redis-server");
    Process p = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectErrorStream(true).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return p;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
