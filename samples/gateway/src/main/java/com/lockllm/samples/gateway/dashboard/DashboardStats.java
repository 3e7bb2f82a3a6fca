package com.lockllm.samples.gateway.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the dashboard shows, read from the gateway's own {@link MeterRegistry} by meter name, so
 * meters registered later (another module's) appear when they exist and read as zero or
 * {@code null} until then. Counts are totals since start; the page turns them into rates. Only
 * meter names and tags are read: no prompt or answer text exists here.
 *
 * @param time when it was read, epoch milliseconds
 * @param outcomes {@code lockllm.scans} by {@code outcome}, the seven known ones always present
 * @param failOpen {@code lockllm.fail.open}
 * @param categories the top {@code lockllm.scan.categories} by {@code category}
 * @param clientKeys the top {@code lockllm.scans} by {@code client_key} ({@code key:<name>} for a
 *     gateway key, {@code other} for clients without one, {@code none} when none was resolved)
 * @param routes the top {@code lockllm.scans} by {@code route}
 * @param latency {@code lockllm.scan.duration}
 * @param caches {@code lockllm.cache.requests} by {@code cache}, then {@code result}
 * @param breakers the state of the Redis ({@code lockllm.redis.circuit.state}) and LockLLM API client
 *     ({@code lockllm.client.circuit.state}) breakers, {@code null} where there is none
 * @param answers {@code lockllm.output.answers} by {@code action}
 */
public record DashboardStats(long time, Map<String, Double> outcomes, double failOpen, List<Named> categories,
    List<Named> clientKeys, List<Named> routes, Latency latency, Map<String, Map<String, Double>> caches,
    Map<String, String> breakers, Map<String, Double> answers) {
  /** How many categories, keys and routes are listed. */
  static final int TOP = 8;
  static final List<String> OUTCOMES = List.of("allowed", "warned", "blocked", "invalid", "error", "fail_open",
      "unscanned");
  private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

  /** A tag value and its count. */
  public record Named(String name, double count) {}

  /**
   * Scan latency in milliseconds; the percentiles are the timer's own (a recent window) when it
   * publishes them, else estimated from its histogram buckets, else {@code null}; at most {@code max}.
   */
  public record Latency(long count, Double mean, Double max, Double p50, Double p95, Double p99) {}

  /** The registry's current values. */
  public static DashboardStats read(MeterRegistry registry, long now) {
    Map<String, Double> outcomes = new LinkedHashMap<>();
    OUTCOMES.forEach(outcome -> outcomes.put(outcome, 0.0));
    outcomes.putAll(sum(registry.find("lockllm.scans").meters(), "outcome"));
    Map<String, Map<String, Double>> caches = new TreeMap<>();
    for (Meter meter : registry.find("lockllm.cache.requests").meters()) {
      String cache = meter.getId().getTag("cache");
      String result = meter.getId().getTag("result");
      if (cache != null && result != null) {
        caches.computeIfAbsent(cache, c -> new TreeMap<>()).merge(result, count(meter), Double::sum);
      }
    }
    Map<String, String> breakers = new LinkedHashMap<>();
    breakers.put("redis", state(registry.find("lockllm.redis.circuit.state").gauges()));
    breakers.put("client", state(registry.find("lockllm.client.circuit.state").gauges()));
    return new DashboardStats(now, outcomes,
        registry.find("lockllm.fail.open").meters().stream().mapToDouble(DashboardStats::count).sum(),
        top(sum(registry.find("lockllm.scan.categories").meters(), "category")),
        top(sum(registry.find("lockllm.scans").meters(), "client_key")),
        top(sum(registry.find("lockllm.scans").meters(), "route")),
        latency(registry.find("lockllm.scan.duration").timers()), caches,
        breakers, sum(registry.find("lockllm.output.answers").meters(), "action"));
  }

  /** Counts by the value of {@code tag}, summed over the other tags; meters without the tag are left out. */
  private static Map<String, Double> sum(Collection<Meter> meters, String tag) {
    Map<String, Double> sums = new TreeMap<>();
    for (Meter meter : meters) {
      String value = meter.getId().getTag(tag);
      if (value != null) {
        sums.merge(value, count(meter), Double::sum);
      }
    }
    return sums;
  }

  /** A counter's count, whether it counts itself or reads a function ({@code lockllm.cache.requests}); 0 for other meters. */
  private static double count(Meter meter) {
    if (meter instanceof Counter counter) {
      return counter.count();
    }
    return meter instanceof FunctionCounter counter ? counter.count() : 0;
  }

  private static List<Named> top(Map<String, Double> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .map(e -> new Named(e.getKey(), e.getValue()))
        .toList();
  }

  /** The {@code state} tag of the gauge that reads 1, or {@code null} without such gauges. */
  private static String state(Collection<Gauge> gauges) {
    return gauges.stream().filter(g -> g.value() >= 1).map(g -> g.getId().getTag("state"))
        .findFirst().orElse(null);
  }

  private static Latency latency(Collection<Timer> timers) {
    if (timers.isEmpty()) {
      return new Latency(0, null, null, null, null, null);
    }
    long count = 0;
    double total = 0;
    double max = 0;
    List<HistogramSnapshot> snapshots = new ArrayList<>();
    for (Timer timer : timers) {
      HistogramSnapshot snapshot = timer.takeSnapshot();
      snapshots.add(snapshot);
      count += snapshot.count();
      total += snapshot.total(TimeUnit.MILLISECONDS);
      max = Math.max(max, snapshot.max(TimeUnit.MILLISECONDS));
    }
    Double[] percentiles = snapshots.size() == 1 ? published(snapshots.get(0)) : null;
    if (percentiles == null) {
      percentiles = fromBuckets(snapshots);
    }
    // Percentiles are estimates (of a window, or within a bucket): never above the largest scan seen.
    for (int i = 0; i < percentiles.length; i++) {
      if (percentiles[i] != null && count > 0) {
        percentiles[i] = Math.min(percentiles[i], max);
      }
    }
    return new Latency(count, count == 0 ? null : total / count, count == 0 ? null : max,
        percentiles[0], percentiles[1], percentiles[2]);
  }

  /** The timer's own p50, p95 and p99, or {@code null} unless it publishes all three. */
  private static Double[] published(HistogramSnapshot snapshot) {
    Double[] values = new Double[PERCENTILES.length];
    for (ValueAtPercentile value : snapshot.percentileValues()) {
      for (int i = 0; i < PERCENTILES.length; i++) {
        if (Math.abs(value.percentile() - PERCENTILES[i]) < 1e-9) {
          values[i] = value.value(TimeUnit.MILLISECONDS);
        }
      }
    }
    for (Double value : values) {
      if (value == null) {
        return null;
      }
    }
    return values;
  }

  /**
   * p50, p95 and p99 from the cumulative bucket counts of every timer (summed by bucket), each
   * interpolated linearly within its bucket; {@code null}s without buckets or observations.
   */
  static Double[] fromBuckets(List<HistogramSnapshot> snapshots) {
    TreeMap<Double, Double> cumulative = new TreeMap<>(Comparator.naturalOrder());
    for (HistogramSnapshot snapshot : snapshots) {
      for (CountAtBucket bucket : snapshot.histogramCounts()) {
        if (Double.isFinite(bucket.bucket())) {
          cumulative.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
        }
      }
    }
    Double[] values = new Double[PERCENTILES.length];
    if (cumulative.isEmpty() || cumulative.lastEntry().getValue() == 0) {
      return values;
    }
    double all = cumulative.lastEntry().getValue();
    for (int i = 0; i < PERCENTILES.length; i++) {
      double rank = PERCENTILES[i] * all;
      double lowerBound = 0;
      double lowerCount = 0;
      for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
        if (bucket.getValue() >= rank) {
          double inBucket = bucket.getValue() - lowerCount;
          double share = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
          values[i] = lowerBound + share * (bucket.getKey() - lowerBound);
          break;
        }
        lowerBound = bucket.getKey();
        lowerCount = bucket.getValue();
      }
    }
    return values;
  }
}
