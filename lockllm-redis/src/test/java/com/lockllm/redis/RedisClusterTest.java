package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.testing.RedisCluster;
import com.lockllm.testing.RedisFailoverTraffic;
import com.lockllm.testing.RedisServer;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real 3-master Redis Cluster (a replica each) on loopback, started for this class. */
class RedisClusterTest extends TopologyContract {
  static RedisCluster cluster;
  static RedisClusterClient readerClient;
  static StatefulRedisClusterConnection<String, String> readerConnection;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.start(3, 1);
  }

  @AfterAll
  static void stop() {
    if (readerClient != null) {
      readerClient.shutdown(0, 2, TimeUnit.SECONDS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  LockLLMRedis.Builder builder() {
    return LockLLMRedis.builder(cluster.uri()).cluster(true);
  }

  @Override
  String command(String key, String... args) {
    return cluster.command(key, args);
  }

  @Override
  void flush() {
    cluster.flushAll();
  }

  @Override
  void flushScripts() {
    cluster.masters().forEach(m -> m.command("SCRIPT", "FLUSH"));
  }

  @Override
  RedisClusterAsyncCommands<String, String> reader() {
    if (readerConnection == null) {
      readerClient = RedisClusterClient.create(cluster.nodes().stream()
          .map(n -> RedisURI.create("redis://127.0.0.1:" + n.port())).toList());
      readerConnection = readerClient.connect();
    }
    readerClient.refreshPartitions();
    return readerConnection.async();
  }

  @Test
  void aClientsCountersShareOneSlotAndClientsSpreadOverEveryMaster() {
    RedisCounterStore store = connect().counterStore();
    RedisServer any = cluster.nodes().get(0);
    assertThat(slot(any, store.redisKey("rate:abc"))).isEqualTo(slot(any, store.redisKey("dup:abc:def")))
        .isEqualTo(slot(any, "abc"));
    Set<Integer> masters = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      String key = "rate:client" + i;
      store.increment(key, 1, 2, TTL);
      masters.add(cluster.masterOf(store.redisKey(key)).port());
      assertThat(cluster.command(store.redisKey(key), "HGET", store.redisKey(key), "1")).isEqualTo("$1\r\n1\r\n");
    }
    assertThat(masters).hasSize(3);
    assertThat(connect().toString()).contains("(cluster)");
    assertThat(connect().topology()).isEqualTo("cluster");
  }

  @Test
  void aManualFailoverDuringTrafficLosesNothingAndCountsNothingTwice() {
    LockLLMRedis redis = connect();
    RedisServer master = cluster.masters().get(0);
    long[] window = new long[2];
    RedisFailoverTraffic.Report report = failoverUnderTraffic("cluster", redis, () -> cluster.failover(master), window, 500);
    System.out.println("[lockllm-redis] cluster failover (CLUSTER FAILOVER, 4 threads, 400/s): " + report
        + "; failover took " + TimeUnit.NANOSECONDS.toMillis(window[1] - window[0]) + " ms");
    assertThat(report.duplicated()).as("increments applied twice").isZero();
    assertThat(report.lost()).as("a manual failover waits for the replica: no acknowledged increment is lost").isEmpty();
    assertThat(report.acked()).isGreaterThanOrEqualTo(600);
    assertThat(cluster.masters()).doesNotContain(master);
  }

  static long slot(RedisServer node, String key) {
    return node.integer("CLUSTER", "KEYSLOT", key);
  }
}
