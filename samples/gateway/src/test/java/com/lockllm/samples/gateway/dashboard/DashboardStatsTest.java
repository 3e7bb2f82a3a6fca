package com.lockllm.samples.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lockllm.samples.gateway.dashboard.DashboardStats.Named;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's data from meters registered here under the names the gateway, the starter and
 * the shared metrics module use, including those other modules have not registered yet.
 */
class DashboardStatsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  /** What the scan cache's function counters read (held here: a function counter holds it weakly). */
  private final AtomicLong scanHits = new AtomicLong(3);
  private final AtomicLong scanMisses = new AtomicLong(1);

  @Test
  void anEmptyRegistryReadsAsZerosAndNulls() {
    DashboardStats stats = DashboardStats.read(registry, 42);

    assertThat(stats.time()).isEqualTo(42);
    assertThat(stats.outcomes()).containsOnlyKeys(DashboardStats.OUTCOMES).allSatisfy((k, v) -> assertThat(v).isZero());
    assertThat(stats.categories()).isEmpty();
    assertThat(stats.clientKeys()).isEmpty();
    assertThat(stats.routes()).isEmpty();
    assertThat(stats.latency()).isEqualTo(new DashboardStats.Latency(0, null, null, null, null, null));
    assertThat(stats.caches()).isEmpty();
    assertThat(stats.breakers()).containsEntry("redis", null).containsEntry("client", null);
    assertThat(stats.answers()).isEmpty();
    assertThat(stats.failOpen()).isZero();
  }

  @Test
  void outcomesAreSummedOverRoutesAndClientKeys() {
    registry.counter("lockllm.scans", "outcome", "blocked", "route", "/v1/chat/completions", "client_key", "key:alice")
        .increment(3);
    registry.counter("lockllm.scans", "outcome", "blocked", "route", "/v1/messages", "client_key", "key:bob")
        .increment(2);
    registry.counter("lockllm.scans", "outcome", "allowed", "route", "/v1/messages", "client_key", "key:bob")
        .increment(7);
    registry.counter("lockllm.scans", "outcome", "shadowed").increment();

    DashboardStats stats = DashboardStats.read(registry, 0);

    assertThat(stats.outcomes()).containsEntry("blocked", 5.0).containsEntry("allowed", 7.0)
        .containsEntry("warned", 0.0).containsEntry("shadowed", 1.0);
    assertThat(stats.clientKeys()).containsExactly(new Named("key:bob", 9), new Named("key:alice", 3));
    assertThat(stats.routes()).containsExactly(new Named("/v1/messages", 9), new Named("/v1/chat/completions", 3));
  }

  @Test
  void topCategoriesAreOrderedAndCut() {
    for (int i = 0; i < DashboardStats.TOP + 3; i++) {
      registry.counter("lockllm.scan.categories", "category", "c" + i).increment(i + 1);
    }
    registry.counter("lockllm.scan.categories", "category", "never").increment(0);

    List<Named> top = DashboardStats.read(registry, 0).categories();

    assertThat(top).hasSize(DashboardStats.TOP);
    assertThat(top.get(0)).isEqualTo(new Named("c" + (DashboardStats.TOP + 2), DashboardStats.TOP + 3));
    assertThat(top).extracting(Named::count).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(top).extracting(Named::name).doesNotContain("never");
  }

  @Test
  void cachesBreakersFailOpenAndAnswers() {
    // The scan cache's are function counters reading the cache's own statistics.
    FunctionCounter.builder("lockllm.cache.requests", scanHits, AtomicLong::get)
        .tags("cache", "scan", "result", "hit").register(registry);
    FunctionCounter.builder("lockllm.cache.requests", scanMisses, AtomicLong::get)
        .tags("cache", "scan", "result", "miss").register(registry);
    registry.counter("lockllm.cache.requests", "cache", "answer", "result", "miss").increment(2);
    for (String state : List.of("closed", "open", "half_open")) {
      Gauge.builder("lockllm.redis.circuit.state", () -> state.equals("open") ? 1 : 0).tag("state", state)
          .register(registry);
      Gauge.builder("lockllm.client.circuit.state", () -> state.equals("closed") ? 1 : 0).tag("state", state)
          .register(registry);
    }
    registry.counter("lockllm.fail.open").increment(5);
    registry.counter("lockllm.output.answers", "action", "strip").increment(2);
    registry.counter("lockllm.output.answers", "action", "pass").increment(8);

    DashboardStats stats = DashboardStats.read(registry, 0);

    assertThat(stats.caches().get("scan")).containsEntry("hit", 3.0).containsEntry("miss", 1.0);
    assertThat(stats.caches().get("answer")).containsEntry("miss", 2.0).doesNotContainKey("hit");
    assertThat(stats.breakers()).containsEntry("redis", "open").containsEntry("client", "closed");
    assertThat(stats.failOpen()).isEqualTo(5.0);
    assertThat(stats.answers()).containsEntry("strip", 2.0).containsEntry("pass", 8.0);
  }

  @Test
  void latencyPercentilesAreTheTimersOwnWhenPublished() {
    Timer timer = Timer.builder("lockllm.scan.duration").publishPercentiles(0.5, 0.95, 0.99).register(registry);
    for (int ms = 1; ms <= 100; ms++) {
      timer.record(Duration.ofMillis(ms));
    }

    DashboardStats.Latency latency = DashboardStats.read(registry, 0).latency();

    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.mean()).isCloseTo(50.5, within(0.01));
    assertThat(latency.max()).isCloseTo(100, within(0.01));
    assertThat(latency.p50()).isCloseTo(50, within(3.0));
    assertThat(latency.p95()).isCloseTo(95, within(4.0));
    assertThat(latency.p99()).isCloseTo(99, within(4.0));
  }

  @Test
  void latencyPercentilesComeFromTheHistogramOtherwiseOverEveryRoute() {
    Duration[] buckets = {Duration.ofMillis(1), Duration.ofMillis(3), Duration.ofMillis(10), Duration.ofMillis(100),
        Duration.ofMillis(500)};
    Timer chat = Timer.builder("lockllm.scan.duration").tag("route", "chat").serviceLevelObjectives(buckets)
        .register(registry);
    Timer messages = Timer.builder("lockllm.scan.duration").tag("route", "messages").serviceLevelObjectives(buckets)
        .register(registry);
    for (int i = 0; i < 90; i++) {
      chat.record(Duration.ofMillis(2));
    }
    for (int i = 0; i < 10; i++) {
      messages.record(Duration.ofMillis(400));
    }

    DashboardStats.Latency latency = DashboardStats.read(registry, 0).latency();

    assertThat(latency.count()).isEqualTo(100);
    // 90 scans in (1, 3] ms and 10 in (100, 500] ms, each spread evenly over its bucket.
    assertThat(latency.p50()).isCloseTo(1 + 2 * 50 / 90.0, within(1e-6));
    assertThat(latency.p95()).isCloseTo(300, within(1e-6));
    // 460 ms within the bucket, but no scan took longer than 400 ms.
    assertThat(latency.p99()).isCloseTo(400, within(1e-6));
  }

  @Test
  void aTimerWithoutPercentilesOrBucketsGivesCountsButNoPercentiles() {
    Timer.builder("lockllm.scan.duration").register(registry).record(Duration.ofMillis(8));

    DashboardStats.Latency latency = DashboardStats.read(registry, 0).latency();

    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.mean()).isCloseTo(8, within(0.01));
    assertThat(latency.p50()).isNull();
    assertThat(latency.p99()).isNull();
  }
}
