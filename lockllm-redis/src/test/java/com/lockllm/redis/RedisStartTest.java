package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lockllm.testing.DelayingProxy;
import com.lockllm.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Redis down when the application starts, and Redis slower than the command timeout. */
class RedisStartTest {
  static final Duration WINDOW = Duration.ofSeconds(5);

  @Test
  void startsWithoutRedisWhenAskedFailsFastUntilItComesAndThenCounts() {
    try (RedisServer server = RedisServer.start()) {
      server.kill();
      assertThatThrownBy(() -> LockLLMRedis.builder(server.uri()).connectTimeout(Duration.ofMillis(300)).build())
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Redis unavailable at redis://127.0.0.1:");
      try (LockLLMRedis redis = LockLLMRedis.builder(server.uri()).requireAtStart(false).build()) {
        assertThat(redis.isConnected()).isFalse();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
          assertThatThrownBy(() -> redis.counterStore().increment("rate:a", 1, 2, WINDOW))
              .isInstanceOf(IllegalStateException.class).hasMessageContaining("not connected yet");
          assertThatThrownBy(() -> redis.counterStore().incrementAsync("rate:a", 1, 2, WINDOW).toCompletableFuture().join())
              .hasCauseInstanceOf(IllegalStateException.class);
          assertThatThrownBy(() -> redis.scanCache().get("k")).isInstanceOf(IllegalStateException.class);
        });
        server.restart();
        assertThat(RedisCounterStoreTest.awaitRecovery(() -> redis.counterStore().increment("rate:a", 1, 2, WINDOW)))
            .containsExactly(0, 1);
        assertThat(redis.isConnected()).isTrue();
        // from then on Lettuce reconnects by itself
        server.kill();
        server.restart();
        assertThat(RedisCounterStoreTest.awaitRecovery(() -> redis.counterStore().increment("rate:a", 1, 2, WINDOW)))
            .containsExactly(0, 1);
      }
    }
  }

  /** Through a proxy that accepts and then drops each connection while Redis is down. */
  @Test
  void connectsOnceRedisIsUpBehindAProxyThatDroppedEveryEarlierAttempt() throws Exception {
    try (RedisServer server = RedisServer.start(); DelayingProxy proxy = DelayingProxy.start(server.port())) {
      server.kill();
      try (LockLLMRedis redis = LockLLMRedis.builder("redis://127.0.0.1:" + proxy.port() + "/0")
          .requireAtStart(false).build()) {
        Thread.sleep(1_500);
        server.restart();
        assertThat(RedisCounterStoreTest.awaitRecovery(() -> redis.counterStore().increment("rate:p", 1, 2, WINDOW)))
            .containsExactly(0, 1);
      }
    }
  }

  @Test
  void closingWhileStillConnectingStopsTheAttempts() {
    try (RedisServer server = RedisServer.start()) {
      server.kill();
      LockLLMRedis redis = LockLLMRedis.builder(server.uri()).requireAtStart(false).build();
      assertTimeoutPreemptively(Duration.ofSeconds(10), redis::close);
      server.restart();
      assertThatThrownBy(() -> redis.counterStore().increment("rate:a", 1, 2, WINDOW))
          .isInstanceOf(IllegalStateException.class);
      assertThat(redis.isConnected()).isFalse();
    }
  }

  /**
   * Every reply 400 ms late: each call gives up at the 250 ms timeout, a burst of calls does not
   * pile up, and once Redis is quick again the late replies of abandoned calls are not taken for
   * the answers of new ones.
   */
  @Test
  void aSlowRedisCostsEachCallTheTimeoutAndLeavesNoMixedUpReplies() throws Exception {
    try (RedisServer server = RedisServer.start();
        DelayingProxy proxy = DelayingProxy.start(server.port());
        LockLLMRedis redis = LockLLMRedis.builder("redis://127.0.0.1:" + proxy.port() + "/0").build()) {
      RedisBlobs blobs = redis.blobs("t");
      blobs.put("a", new byte[] {'A'}, WINDOW);
      blobs.put("b", new byte[] {'B'}, WINDOW);
      proxy.delay(Duration.ofMillis(400));
      Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThatThrownBy(() -> blobs.get("a")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("within 250 ms");
        List<CompletableFuture<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          calls.add(redis.counterStore().incrementAsync("rate:slow", 1, 2, WINDOW).toCompletableFuture());
        }
        for (CompletableFuture<long[]> call : calls) {
          assertThatThrownBy(call::join).hasCauseInstanceOf(IllegalStateException.class);
        }
      });
      // The threads the burst left behind, counted by identity rather than Thread.activeCount(),
      // which also counts JUnit's timeout thread and threads that are still ending: at most the
      // client's fixed pools (Lettuce's I/O and computation threads, the common pool, the
      // orTimeout scheduler), never one per call.
      List<String> added = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !threadsBefore.contains(t) && !t.getName().startsWith("junit-timeout"))
          .map(Thread::getName).toList();
      assertThat(added).as("threads started by 201 calls").hasSizeLessThanOrEqualTo(8);
      proxy.delay(Duration.ZERO);
      Thread.sleep(600); // the late replies drain
      assertThat(RedisCounterStoreTest.awaitRecovery(() -> new long[] {blobs.get("b")[0]})).containsExactly('B');
      assertThat(blobs.get("a")).containsExactly('A');
      assertThat(blobs.get("missing")).isNull();
    }
  }
}
