package com.lockllm.benchmarks;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.LockLLMRedis.CircuitState;
import com.lockllm.redis.RedisCounterStore;
import com.lockllm.testing.RedisCluster;
import com.lockllm.testing.RedisFailoverTraffic;
import com.lockllm.testing.RedisFailoverTraffic.Call;
import com.lockllm.testing.RedisSentinel;
import com.lockllm.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Redis failover load run (benchmarks/README.md, "Redis failover (issue 18)"): steady counter
 * increments from a few threads through one {@link LockLLMRedis}, each on a counter of its own
 * ({@link RedisFailoverTraffic}), on real {@code redis-server} processes started here, with a
 * failover (or a hung server) in the middle; then every counter is read back. Prints throughput,
 * failed calls, the outage (longest time without an acknowledged call), acknowledged increments
 * lost (and when, relative to the failover) and increments applied twice.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.lockllm.benchmarks.RedisFailoverRun \
 *   [sentinel] [sentinel-kill] [cluster] [cluster-kill] [breaker] [--threads 8] [--rate 2000] [--seconds 24]
 * </pre>
 *
 * Scenarios: {@code sentinel} {@code SENTINEL FAILOVER} (a master, a replica, one Sentinel);
 * {@code sentinel-kill} the master killed (SIGKILL), Sentinel promotes the replica after its 1 s
 * down-after; {@code cluster} {@code CLUSTER FAILOVER} on a replica (3 masters, a replica each);
 * {@code cluster-kill} a master killed, its replica takes over after the 1 s node timeout; {@code
 * breaker} one server paused (SIGSTOP) for 3 s, then resumed: latency while the breaker is open
 * and the time it takes to close.
 */
public final class RedisFailoverRun {
  private static final Duration TTL = Duration.ofMinutes(10);
  /** Lettuce logs through java.util.logging here: its reconnect warnings would drown the figures. */
  private static final java.util.logging.Logger LETTUCE = java.util.logging.Logger.getLogger("io.lettuce");

  private final int threads;
  private final int rate;
  private final int seconds;

  private RedisFailoverRun(int threads, int rate, int seconds) {
    this.threads = threads;
    this.rate = rate;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    LETTUCE.setLevel(java.util.logging.Level.SEVERE);
    List<String> scenarios = new ArrayList<>();
    int threads = 8;
    int rate = 2000;
    int seconds = 24;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        default -> scenarios.add(args[i]);
      }
    }
    if (scenarios.isEmpty()) {
      scenarios = List.of("sentinel", "sentinel-kill", "cluster", "cluster-kill", "breaker");
    }
    RedisFailoverRun run = new RedisFailoverRun(threads, rate, seconds);
    System.out.printf(Locale.ROOT, "%d threads, %d increments/s offered, %d s per scenario, %s%n", threads, rate,
        seconds, Runtime.version());
    for (String scenario : scenarios) {
      switch (scenario) {
        case "sentinel" -> run.sentinel(false);
        case "sentinel-kill" -> run.sentinel(true);
        case "cluster" -> run.cluster(false);
        case "cluster-kill" -> run.cluster(true);
        case "breaker" -> run.breaker();
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
    }
    System.exit(0);
  }

  private void sentinel(boolean kill) throws Exception {
    try (RedisSentinel setup = RedisSentinel.start(1, 1);
        LockLLMRedis redis = LockLLMRedis.builder(setup.uri()).build()) {
      RedisServer old = setup.master();
      Result result = underTraffic(kill ? "sentinel-kill" : "sentinel", redis, () -> {
        if (kill) {
          old.kill();
          RedisSentinelWait.awaitNewMaster(setup, old);
        } else {
          setup.failover();
        }
      });
      RedisServer now = setup.master();
      print(result, keys -> read(RedisURI.create(now.uri()), redis.counterStore(), keys));
    }
  }

  private void cluster(boolean kill) throws Exception {
    try (RedisCluster setup = RedisCluster.start(3, 1);
        LockLLMRedis redis = LockLLMRedis.builder(setup.uri()).cluster(true).build()) {
      RedisServer master = setup.masters().get(0);
      Result result = underTraffic(kill ? "cluster-kill" : "cluster", redis, () -> {
        if (kill) {
          master.kill();
          setup.awaitHealthy();
        } else {
          setup.failover(master);
        }
      });
      print(result, keys -> readCluster(setup, redis.counterStore(), keys));
    }
  }

  private void breaker() throws Exception {
    try (RedisServer server = RedisServer.start();
        LockLLMRedis redis = LockLLMRedis.builder(server.uri()).build()) {
      ConcurrentLinkedQueue<long[]> transitions = new ConcurrentLinkedQueue<>();
      redis.onCircuitChange(state -> transitions.add(new long[] {state.ordinal(), System.nanoTime()}));
      long[] resumed = new long[1];
      Result result = underTraffic("breaker", redis, () -> {
        server.pause();
        sleep(3000);
        server.resume();
        resumed[0] = System.nanoTime();
      });
      print(result, keys -> read(RedisURI.create(server.uri()), redis.counterStore(), keys));
      long opened = transitions.stream().filter(t -> t[0] == CircuitState.OPEN.ordinal()).mapToLong(t -> t[1])
          .min().orElse(0);
      long closed = transitions.stream().filter(t -> t[0] == CircuitState.CLOSED.ordinal() && t[1] > resumed[0])
          .mapToLong(t -> t[1]).min().orElse(0);
      List<Call> calls = result.calls();
      long[] beforeOpen = latencies(calls, c -> !c.acked() && c.startNanos() >= result.start()
          && c.startNanos() < opened);
      long[] whileOpen = latencies(calls, c -> !c.acked() && c.startNanos() >= opened && c.startNanos() < resumed[0]);
      System.out.printf(Locale.ROOT, "  breaker: opened %d ms after the pause; failed calls before it opened: %s;"
          + " while open: %s; closed %d ms after Redis was resumed; %d transitions%n",
          ms(opened - result.start()), describe(beforeOpen), describe(whileOpen),
          closed == 0 ? -1 : ms(closed - resumed[0]), transitions.size());
    }
  }

  /** Traffic for {@code seconds}, {@code event} run in the middle. */
  private Result underTraffic(String name, LockLLMRedis redis, ThrowingRunnable event) throws Exception {
    RedisCounterStore store = redis.counterStore();
    System.out.println(name + ":");
    RedisFailoverTraffic traffic = RedisFailoverTraffic.start(name + System.nanoTime(), threads, rate,
        key -> store.increment(key, 1, 1, TTL));
    sleep(TimeUnit.SECONDS.toMillis(seconds) / 2);
    long start = System.nanoTime();
    event.run();
    long end = System.nanoTime();
    long rest = TimeUnit.SECONDS.toNanos(seconds) / 2 - (end - start);
    sleep(Math.max(TimeUnit.NANOSECONDS.toMillis(rest), 3000));
    traffic.stop();
    return new Result(traffic, start, end, traffic.calls());
  }

  private static void print(Result result, Function<Collection<String>, Map<String, Long>> counts) {
    RedisFailoverTraffic.Report report = result.traffic().report(counts);
    System.out.println("  " + report);
    System.out.printf(Locale.ROOT, "  the event took %d ms (from the failover or kill to the new master named)%n",
        ms(result.end() - result.start()));
    if (!report.lost().isEmpty()) {
      long first = report.lost().stream().mapToLong(Call::endNanos).min().orElseThrow();
      long last = report.lost().stream().mapToLong(Call::endNanos).max().orElseThrow();
      System.out.printf(Locale.ROOT, "  lost increments were acknowledged from %+d ms to %+d ms after the new master"
          + " was named%n", ms(first - result.end()), ms(last - result.end()));
    }
    List<Call> acked = result.calls().stream().filter(Call::acked).toList();
    System.out.println("  acknowledged call latency: " + describe(latencies(acked, c -> true)));
  }

  private static Map<String, Long> read(RedisURI uri, RedisCounterStore store, Collection<String> keys) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return collect(connection.async(), store, keys);
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Map<String, Long> readCluster(RedisCluster cluster, RedisCounterStore store, Collection<String> keys) {
    List<RedisURI> seeds = cluster.nodes().stream().filter(RedisServer::running)
        .map(n -> RedisURI.create(n.uri())).toList();
    RedisClusterClient client = RedisClusterClient.create(seeds);
    try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
      return collect(connection.async(), store, keys);
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Map<String, Long> collect(RedisClusterAsyncCommands<String, String> commands, RedisCounterStore store,
      Collection<String> keys) {
    Map<String, RedisFuture<String>> replies = new HashMap<>();
    for (String key : keys) {
      replies.put(key, commands.hget(store.redisKey(key), "1"));
    }
    Map<String, Long> out = new HashMap<>();
    replies.forEach((key, reply) -> {
      try {
        String value = reply.get(30, TimeUnit.SECONDS);
        out.put(key, value == null ? 0 : Long.parseLong(value));
      } catch (Exception e) {
        throw new IllegalStateException("reading " + key + ": " + e, e);
      }
    });
    return out;
  }

  private static long[] latencies(List<Call> calls, Predicate<Call> which) {
    return calls.stream().filter(which).mapToLong(c -> c.endNanos() - c.startNanos()).sorted().toArray();
  }

  private static String describe(long[] sorted) {
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(Locale.ROOT, "%d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.length,
        sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** One scenario's traffic (stopped), when its event started and ended ({@link System#nanoTime()}), and its calls. */
  private record Result(RedisFailoverTraffic traffic, long start, long end, List<Call> calls) {}

  /** Waiting for the Sentinel to name another master after the old one was killed. */
  private static final class RedisSentinelWait {
    static void awaitNewMaster(RedisSentinel setup, RedisServer old) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        try {
          RedisServer now = setup.master();
          if (now != old && "master".equals(now.info("role"))) {
            return;
          }
        } catch (RuntimeException notYet) {
          // the Sentinel names the old, dead master until it fails over
        }
        sleep(20);
      }
      throw new IllegalStateException("no new master within 30 s");
    }
  }
}
