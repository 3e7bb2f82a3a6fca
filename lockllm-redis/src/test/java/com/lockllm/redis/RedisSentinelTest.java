package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.testing.RedisFailoverTraffic;
import com.lockllm.testing.RedisSentinel;
import com.lockllm.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Sentinel setup (a master, a replica, one Sentinel) on loopback, started for this class. */
class RedisSentinelTest extends TopologyContract {
  static RedisSentinel sentinel;
  static RedisClient readerClient;
  static StatefulRedisConnection<String, String> readerConnection;

  @BeforeAll
  static void start() {
    sentinel = RedisSentinel.start(1, 1);
  }

  @AfterAll
  static void stop() {
    if (readerClient != null) {
      readerClient.shutdown(0, 2, TimeUnit.SECONDS);
    }
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @Override
  LockLLMRedis.Builder builder() {
    return LockLLMRedis.builder(sentinel.uri());
  }

  @Override
  String command(String key, String... args) {
    return sentinel.master().command(args);
  }

  @Override
  void flush() {
    sentinel.master().command("FLUSHALL");
  }

  @Override
  void flushScripts() {
    sentinel.master().command("SCRIPT", "FLUSH");
  }

  @Override
  RedisClusterAsyncCommands<String, String> reader() {
    // a fresh connection each time: the Sentinel names the master at connect
    if (readerClient == null) {
      readerClient = RedisClient.create();
    }
    if (readerConnection != null) {
      readerConnection.close();
    }
    readerConnection = readerClient.connect(io.lettuce.core.RedisURI.create(sentinel.uri()));
    return readerConnection.async();
  }

  @Test
  void theMasterIsFoundThroughTheSentinel() {
    LockLLMRedis redis = connect();
    redis.counterStore().increment("rate:s", 1, 2, TTL);
    RedisCounterStore store = redis.counterStore();
    assertThat(sentinel.master().command("HGET", store.redisKey("rate:s"), "1")).isEqualTo("$1\r\n1\r\n");
    assertThat(redis.toString()).contains("redis-sentinel://127.0.0.1:").contains("#mymaster");
    assertThat(redis.topology()).isEqualTo("sentinel");
  }

  /**
   * {@code SENTINEL FAILOVER} promotes the replica without the master's agreement: what the old
   * master acknowledges between the promotion and the client's move to the new master (Lettuce
   * refreshes its view on the Sentinel's events: about 4 s after the switch here) is lost when it
   * turns replica. Nothing acknowledged before the failover began, or 6 s after the Sentinel named
   * the new master, is lost, and nothing is counted twice.
   */
  @Test
  void aFailoverDuringTrafficIsFollowedAndCountsNothingTwice() {
    LockLLMRedis redis = connect();
    RedisServer old = sentinel.master();
    long[] window = new long[2];
    RedisFailoverTraffic.Report report = failoverUnderTraffic("sentinel", redis, () -> sentinel.failover(), window, 8000);
    System.out.println("[lockllm-redis] sentinel failover (SENTINEL FAILOVER, 4 threads, 400/s): " + report
        + "; the Sentinel named the new master after " + TimeUnit.NANOSECONDS.toMillis(window[1] - window[0]) + " ms");
    assertThat(report.duplicated()).as("increments applied twice").isZero();
    long margin = TimeUnit.SECONDS.toNanos(6);
    List<RedisFailoverTraffic.Call> outside = report.lost().stream()
        .filter(c -> c.endNanos() < window[0] - TimeUnit.MILLISECONDS.toNanos(100) || c.endNanos() > window[1] + margin)
        .toList();
    report.lost().stream().mapToLong(c -> TimeUnit.NANOSECONDS.toMillis(c.endNanos() - window[1])).summaryStatistics()
        .toString().lines().forEach(l -> System.out.println("[lockllm-redis] lost, ms after the switch: " + l));
    assertThat(outside).as("lost acknowledged increments outside the failover window").isEmpty();
    assertThat(sentinel.master()).isNotSameAs(old);
    assertThat(report.acked()).isGreaterThanOrEqualTo(600);
  }
}
