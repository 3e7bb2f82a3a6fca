package com.lockllm.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.abuse.RequestPatterns;
import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.intercept.FailMode;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two application instances (two interceptors on the embedded engine, each with its own Redis
 * connection) counting one client's requests together on one real Redis.
 */
class SharedAbuseTest extends RedisTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EmbeddedScanner ENGINE = EmbeddedScanner.create();
  static final int LIMIT = 10;


  LockLLMRedis connect() {
    LockLLMRedis redis = LockLLMRedis.builder(server.uri()).commandTimeout(Duration.ofMillis(250)).build();
    open.add(redis);
    return redis;
  }

  /** An instance blocking abuse: a burst of {@link #LIMIT} requests (rapid limit out of reach). */
  static LockLLMInterceptor burstInstance(CounterStore store, FailMode failMode) {
    return instance(RequestPatterns.builder(store).burstMinRequests(LIMIT).rapidRequests(1000).build(), failMode);
  }

  /** An instance blocking abuse: more than {@link #LIMIT} requests in the window (bursts out of reach). */
  static LockLLMInterceptor rapidInstance(CounterStore store, FailMode failMode) {
    return instance(RequestPatterns.builder(store).rapidRequests(LIMIT).burstMinRequests(1000).build(), failMode);
  }

  static LockLLMInterceptor instance(RequestPatterns patterns, FailMode failMode) {
    return LockLLMInterceptor.builder(ENGINE)
        .options(ScanOptions.builder().abuseAction(ScanAction.BLOCK).build())
        .requestPatterns(patterns)
        .failMode(failMode)
        .build();
  }

  /** Request {@code n} of client {@code address}: a benign prompt, a different one each time. */
  static InboundRequest request(String address, int n) {
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of country number " + n + "?\"}]}";
    return InboundRequest.builder("POST", "/v1/chat/completions")
        .header("Content-Type", "application/json")
        .remoteAddress(address)
        .body(body.getBytes(UTF_8))
        .build();
  }

  static JsonNode error(InterceptDecision decision) throws Exception {
    return JSON.readTree(((InterceptDecision.Reject) decision).response().body()).get("error");
  }

  /** Sends requests alternately to {@code a} and {@code b}; the index of the first rejection, or -1. */
  static int alternate(LockLLMInterceptor a, LockLLMInterceptor b, String client, int count, List<InterceptDecision> out) {
    for (int i = 0; i < count; i++) {
      InterceptDecision d = (i % 2 == 0 ? a : b).intercept(request(client, i));
      out.add(d);
      if (d instanceof InterceptDecision.Reject) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aBurstSplitAcrossTwoInstancesIsDetectedByTheSecond() throws Exception {
    LockLLMInterceptor a = burstInstance(connect().counterStore(), FailMode.CLOSED);
    LockLLMInterceptor b = burstInstance(connect().counterStore(), FailMode.CLOSED);
    List<InterceptDecision> decisions = new ArrayList<>();
    int rejected = alternate(a, b, "203.0.113.7", 2 * LIMIT, decisions);
    assertThat(rejected).as("the request that makes the combined count reach the burst minimum").isEqualTo(LIMIT - 1);
    assertThat(rejected % 2).as("served by the second instance").isEqualTo(1);
    InterceptDecision.Reject reject = (InterceptDecision.Reject) decisions.get(rejected);
    assertThat(reject.response().status()).isEqualTo(400);
    JsonNode error = error(reject);
    assertThat(error.path("code").asText()).isEqualTo("abuse_detected");
    assertThat(error.path("abuse_details").path("abuse_types").toString()).contains(RequestPatterns.BURST_DETECTED);
    // every earlier request went through, and another client is unaffected
    assertThat(decisions.subList(0, rejected)).allMatch(d -> d instanceof InterceptDecision.Proceed);
    assertThat(a.intercept(request("203.0.113.8", 0))).isInstanceOf(InterceptDecision.Proceed.class);
  }

  @Test
  void aRapidSeriesSplitAcrossTwoInstancesIsDetected() throws Exception {
    LockLLMInterceptor a = rapidInstance(connect().counterStore(), FailMode.CLOSED);
    LockLLMInterceptor b = rapidInstance(connect().counterStore(), FailMode.CLOSED);
    List<InterceptDecision> decisions = new ArrayList<>();
    int rejected = alternate(a, b, "203.0.113.9", 2 * LIMIT, decisions);
    assertThat(rejected).as("the first request over the limit").isEqualTo(LIMIT);
    JsonNode error = error(decisions.get(rejected));
    assertThat(error.path("code").asText()).isEqualTo("abuse_detected");
    assertThat(error.path("abuse_details").path("abuse_types").toString()).contains(RequestPatterns.RAPID_REQUESTS);
  }

  @Test
  void withOneInMemoryStoreEachNeitherInstanceWouldDetectIt() {
    LockLLMInterceptor a = burstInstance(InMemoryCounterStore.create(), FailMode.CLOSED);
    LockLLMInterceptor b = burstInstance(InMemoryCounterStore.create(), FailMode.CLOSED);
    assertThat(alternate(a, b, "203.0.113.7", 2 * LIMIT - 2, new ArrayList<>())).isEqualTo(-1);
  }

  @Test
  void restartingOneInstanceLosesNothing() throws Exception {
    LockLLMRedis first = connect();
    LockLLMInterceptor a = burstInstance(first.counterStore(), FailMode.CLOSED);
    LockLLMInterceptor b = burstInstance(connect().counterStore(), FailMode.CLOSED);
    List<InterceptDecision> decisions = new ArrayList<>();
    assertThat(alternate(a, b, "198.51.100.4", LIMIT - 3, decisions)).isEqualTo(-1);
    // instance A goes down and comes back with a new connection (its in-process state is gone)
    first.close();
    LockLLMInterceptor restarted = burstInstance(connect().counterStore(), FailMode.CLOSED);
    assertThat(restarted.intercept(request("198.51.100.4", 100))).isInstanceOf(InterceptDecision.Proceed.class);
    assertThat(b.intercept(request("198.51.100.4", 101))).isInstanceOf(InterceptDecision.Proceed.class);
    InterceptDecision tenth = restarted.intercept(request("198.51.100.4", 102));
    assertThat(tenth).as("the 10th request counting those before the restart").isInstanceOf(InterceptDecision.Reject.class);
    assertThat(error(tenth).path("code").asText()).isEqualTo("abuse_detected");
  }

  @Test
  void redisKilledMidRunFailsClosedWithin503AndCountingResumesWhenItIsBack() throws Exception {
    LockLLMInterceptor a = rapidInstance(connect().counterStore(), FailMode.CLOSED);
    LockLLMInterceptor b = rapidInstance(connect().counterStore(), FailMode.CLOSED);
    String client = "192.0.2.10";
    for (int i = 0; i < 4; i++) {
      assertThat((i % 2 == 0 ? a : b).intercept(request(client, i))).isInstanceOf(InterceptDecision.Proceed.class);
    }
    server.kill();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      LockLLMInterceptor instance = i % 2 == 0 ? a : b;
      int n = 10 + i;
      long started = System.nanoTime();
      InterceptDecision d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> instance.intercept(request(client, n)));
      latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertThat(d).isInstanceOf(InterceptDecision.Reject.class);
      assertThat(((InterceptDecision.Reject) d).response().status()).isEqualTo(503);
      assertThat(error(d).path("code").asText()).isEqualTo("scanner_unavailable");
      InterceptDecision async = assertTimeoutPreemptively(Duration.ofSeconds(2),
          () -> instance.interceptAsync(request(client, 100 + n)).toCompletableFuture().get(2, TimeUnit.SECONDS));
      assertThat(((InterceptDecision.Reject) async).response().status()).isEqualTo(503);
    }
    assertThat(latencies).allMatch(ms -> ms < 2000);
    System.out.println("[lockllm-redis] fail-closed latency with Redis killed (ms): " + latencies);

    server.restart(); // a fresh, empty Redis on the same port
    awaitProceed(a, client);
    awaitProceed(b, client);
    // the fresh Redis counts from zero again (the two recovery probes included); together the
    // instances cross the limit
    List<InterceptDecision> decisions = new ArrayList<>();
    int rejected = alternate(a, b, client, 2 * LIMIT, decisions);
    assertThat(rejected).isEqualTo(LIMIT - 2);
    assertThat(error(decisions.get(rejected)).path("code").asText()).isEqualTo("abuse_detected");
  }

  @Test
  void redisKilledMidRunFailsOpenAndProceeds() {
    LockLLMInterceptor a = rapidInstance(connect().counterStore(), FailMode.OPEN);
    String client = "192.0.2.11";
    assertThat(a.intercept(request(client, 0))).isInstanceOf(InterceptDecision.Proceed.class);
    server.kill();
    for (int i = 1; i <= 3 * LIMIT; i++) {
      int n = i;
      InterceptDecision d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> a.intercept(request(client, n)));
      assertThat(d).isInstanceOf(InterceptDecision.Proceed.class);
      InterceptDecision.Proceed p = (InterceptDecision.Proceed) d;
      assertThat(p.failedOpen()).isTrue();
      assertThat(p.scanResponse()).as("the scan itself still ran").isNotNull();
    }
    InterceptDecision async = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> a.interceptAsync(request(client, 999)).toCompletableFuture().get(2, TimeUnit.SECONDS));
    assertThat(async).isInstanceOf(InterceptDecision.Proceed.class);
    server.restart();
    awaitProceed(a, client);
    assertThat(((InterceptDecision.Proceed) a.intercept(request(client, 1000))).failedOpen())
        .as("counting again").isFalse();
  }

  @Test
  void redisThatStopsAnsweringFailsClosedAfterTheTimeoutThenAtOnceOnceTheBreakerOpens() throws Exception {
    LockLLMRedis redis = connect();
    LockLLMInterceptor a = rapidInstance(redis.counterStore(), FailMode.CLOSED);
    String client = "192.0.2.12";
    assertThat(a.intercept(request(client, 0))).isInstanceOf(InterceptDecision.Proceed.class);
    server.pause();
    try {
      List<Long> latencies = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        int n = i;
        long started = System.nanoTime();
        InterceptDecision d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> a.intercept(request(client, n)));
        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(((InterceptDecision.Reject) d).response().status()).isEqualTo(503);
      }
      System.out.println("[lockllm-redis] fail-closed latency with Redis not answering (ms): " + latencies);
      assertThat(latencies.get(0)).as("the first request waits out the 250 ms timeout").isBetween(200L, 2000L);
      assertThat(redis.circuitState()).isEqualTo(LockLLMRedis.CircuitState.OPEN);
      assertThat(latencies.subList(7, 10)).as("with the breaker open, no wait for Redis").allMatch(ms -> ms < 100);
    } finally {
      server.resume();
    }
    awaitProceed(a, client);
    a.intercept(request(client, 9999)); // the last of the breaker's three probe calls, if still half-open
    assertThat(redis.circuitState()).isEqualTo(LockLLMRedis.CircuitState.CLOSED);
  }

  /** Waits (bounded) until the instance counts again after Redis came back. */
  static void awaitProceed(LockLLMInterceptor instance, String client) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int n = 5000;
    while (true) {
      InterceptDecision d = instance.intercept(request(client, n++));
      if (d instanceof InterceptDecision.Proceed p && !p.failedOpen()) {
        return;
      }
      assertThat(System.nanoTime()).as("Redis back within 10 s").isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
