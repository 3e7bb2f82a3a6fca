package com.lockllm.samples.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.LockLLMRedis.CircuitState;
import com.lockllm.samples.gateway.GatewayApplication;
import com.lockllm.scan.ScanExecutor;
import com.lockllm.testing.DelayingProxy;
import com.lockllm.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateways, {@code lockllm.fail-mode=closed} and {@code open}, sharing the response cache, the
 * scan cache and the abuse counters in a Redis that is down when they start, comes up, turns slower
 * than the 250 ms command timeout (every reply held back 5 s by a proxy) and quick again. Waits are
 * checked against generous bounds only (the slow reply, hang guards), never against tight timings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultsTest {
  static final Duration GUARD = Duration.ofSeconds(15);
  /** How late the slow Redis answers: far above the command timeout, well under {@link #GUARD}. */
  static final Duration SLOW_REPLY = Duration.ofSeconds(5);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static RedisServer redis;
  static DelayingProxy proxy;
  static ConfigurableApplicationContext closed;
  static ConfigurableApplicationContext open;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    redis.kill(); // its port stays reserved for the restart: Redis is down at start
    proxy = DelayingProxy.start(redis.port());
    closed = gateway("closed");
    open = gateway("open");
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext c : Arrays.asList(closed, open)) {
      if (c != null) {
        c.close();
      }
    }
    proxy.close();
    redis.close();
  }

  static ConfigurableApplicationContext gateway(String failMode) {
    return SpringApplication.run(GatewayApplication.class, "--server.port=0", "--server.address=127.0.0.1",
        "--spring.data.redis.url=redis://127.0.0.1:" + proxy.port() + "/0",
        "--lockllm.fail-mode=" + failMode, "--lockllm.cache.enabled=true",
        "--lockllm.abuse-action=block", "--lockllm.abuse.duplicate-prompts=3",
        "--lockllm.abuse.rapid-requests=100000", "--lockllm.abuse.burst-min-requests=100000");
  }

  @Test
  @Order(1)
  void downAtStartTheGatewaysStartedAndFollowTheirFailMode() {
    HttpResponse<String> refused = chat(closed, "What is the capital of Peru?");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("\"code\":\"scanner_unavailable\"");

    HttpResponse<String> passed = chat(open, "What is the capital of Chile?");
    assertThat(passed.statusCode()).isEqualTo(200);
    assertThat(passed.body()).contains("Echo: What is the capital of Chile?");
    assertThat(passed.headers().firstValue("X-LockLLM-Scanned")).contains("true"); // the scan itself still ran
    // no cache to hit, and no counters to catch the repetition
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> again = chat(open, "What is the capital of Chile?");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.headers().firstValue("X-LockLLM-Cache-Status")).contains("MISS");
    }
  }

  @Test
  @Order(2)
  void whenRedisComesUpCountingAndCachingResumeWithoutARestart() throws Exception {
    redis.restart();
    awaitConnected(closed);
    awaitConnected(open);
    awaitOk(closed, "What is the capital of Bolivia?");
    awaitBreakerClosed(open);
    awaitBreakerClosed(closed);
    sharedStateWorks("Name three birds of prey.");
    assertThat(redis.keys("lockllm:scan:*")).isNotEmpty();
    assertThat(redis.keys("lockllm:response:*")).isNotEmpty();
    assertThat(redis.keys("lockllm:abuse:*")).isNotEmpty();
  }

  /**
   * Every Redis reply held back {@link #SLOW_REPLY}, twenty times the 250 ms command timeout: a
   * request that waited for Redis's answer would take at least that long, one bounded by the
   * timeout far less, so the bound tells them apart with room for a loaded machine.
   */
  @Test
  @Order(3)
  void aSlowRedisCostsBoundedWaitsFollowsTheFailModeAndPilesNoThreadsUp() throws Exception {
    proxy.delay(SLOW_REPLY);

    long start = System.nanoTime();
    HttpResponse<String> refused = chat(closed, "What is the capital of Ecuador?");
    long refusedMillis = millisSince(start);
    assertThat(refusedMillis).as("closed gateway's answer, ms").isLessThan(SLOW_REPLY.toMillis());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("\"code\":\"scanner_unavailable\"");
    start = System.nanoTime();
    HttpResponse<String> passed = chat(open, "What is the capital of Uruguay?");
    long passedMillis = millisSince(start);
    assertThat(passedMillis).as("open gateway's answer, ms").isLessThan(SLOW_REPLY.toMillis());
    assertThat(passed.statusCode()).isEqualTo(200);
    assertThat(passed.body()).contains("Echo: What is the capital of Uruguay?");

    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ExecutorService clients = Executors.newFixedThreadPool(48, r -> new Thread(r, "burst-client"));
    List<CompletableFuture<Integer>> burst = new ArrayList<>();
    start = System.nanoTime();
    try {
      for (int i = 0; i < 24; i++) {
        String prompt = "Give me fact number " + i + " about volcanoes.";
        burst.add(CompletableFuture.supplyAsync(() -> chat(open, prompt).statusCode(), clients));
        burst.add(CompletableFuture.supplyAsync(() -> chat(closed, prompt).statusCode(), clients));
      }
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).join());
    } finally {
      clients.shutdown();
    }
    long burstMillis = millisSince(start);
    for (int i = 0; i < burst.size(); i++) {
      assertThat(burst.get(i).join()).isEqualTo(i % 2 == 0 ? 200 : 503);
    }
    // every request has its answer, so no thread may still be waiting on Redis
    assertThat(threadsWaitingOnRedis()).isZero();
    // Threads the burst added, by identity rather than Thread.activeCount() (which also counts the
    // test's own and ending threads): besides the servers' request threads (one per concurrent
    // request at most) and the test's clients, only fixed pools, never a thread per timed-out command.
    List<String> added = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t)).map(Thread::getName)
        .filter(name -> !name.equals("burst-client") && !name.startsWith("HttpClient-")
            && !name.startsWith("junit-timeout") && !name.startsWith("http-nio-"))
        .toList();
    assertThat(added.stream().filter(name -> name.startsWith("lockllm-scan-"))).as("scan threads, of %s", added)
        .hasSizeLessThanOrEqualTo(ScanExecutor.THREADS);
    assertThat(added.stream().filter(name -> !name.startsWith("lockllm-scan-"))).as("other threads, of %s", added)
        .hasSizeLessThanOrEqualTo(8);
    System.out.printf("[redis-faults] slow Redis (+%d ms per reply): closed 503 in %d ms, open 200 in %d ms, "
        + "48 concurrent requests in %d ms, %d threads added besides request and client threads%n", SLOW_REPLY.toMillis(),
        refusedMillis, passedMillis, burstMillis, added.size());
  }

  @Test
  @Order(4)
  void quickAgainNothingIsMixedUp() throws Exception {
    proxy.delay(Duration.ZERO);
    // the replies still held back from the slow phase go out first, on every gateway's connection
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (proxy.held() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    assertThat(proxy.held()).as("replies still held back").isZero();
    awaitOk(closed, "What is the capital of Paraguay?");
    awaitBreakerClosed(open);
    awaitBreakerClosed(closed);
    sharedStateWorks("Name three kinds of owl.");
  }

  /** A prompt cached by one gateway is a hit on the other with its own answer, and its third sending is blocked. */
  static void sharedStateWorks(String prompt) throws Exception {
    HttpResponse<String> first = chat(open, prompt);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-LockLLM-Cache-Status")).contains("MISS");
    HttpResponse<String> second = chat(closed, prompt);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("X-LockLLM-Cache-Status")).contains("HIT");
    assertThat(second.body()).contains("Echo: " + prompt);
    HttpResponse<String> third = chat(open, prompt);
    assertThat(third.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(third.body()).path("error").path("code").asText()).isEqualTo("abuse_detected");
  }

  /** Each gateway connects on its own, in the background; the open one shows it by no HTTP status. */
  static void awaitConnected(ConfigurableApplicationContext gateway) throws InterruptedException {
    LockLLMRedis shared = gateway.getBean(LockLLMRedis.class);
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (!shared.isConnected() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    assertThat(shared.isConnected()).as("connected once Redis is up, without a restart").isTrue();
  }

  /**
   * The circuit breaker opened while Redis failed; it closes after its delay once probe calls (the
   * requests') succeed. Until then the open gateway answers 200 without its caches and counters.
   */
  static void awaitBreakerClosed(ConfigurableApplicationContext gateway) throws InterruptedException {
    LockLLMRedis shared = gateway.getBean(LockLLMRedis.class);
    long deadline = System.nanoTime() + GUARD.toNanos();
    for (int i = 0; shared.circuitState() != CircuitState.CLOSED && System.nanoTime() < deadline; i++) {
      chat(gateway, "Is question " + i + " about the weather?");
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(shared.circuitState()).as("the breaker closed again").isEqualTo(CircuitState.CLOSED);
  }

  static void awaitOk(ConfigurableApplicationContext gateway, String prompt) throws InterruptedException {
    long deadline = System.nanoTime() + GUARD.toNanos();
    int status;
    while ((status = chat(gateway, prompt).statusCode()) != 200 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertThat(status).as("the closed gateway serves again once Redis is back").isEqualTo(200);
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static long threadsWaitingOnRedis() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long waiting;
    do {
      waiting = Thread.getAllStackTraces().values().stream()
          .filter(stack -> Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("com.lockllm.redis.")))
          .count();
      if (waiting > 0) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } while (waiting > 0 && System.nanoTime() < deadline);
    return waiting;
  }

  static HttpResponse<String> chat(ConfigurableApplicationContext gateway, String prompt) {
    int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    String body = "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(prompt) + "}]}";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .header("Content-Type", "application/json").timeout(GUARD)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("no answer within the " + GUARD.toSeconds() + " s guard", e);
    }
  }
}
