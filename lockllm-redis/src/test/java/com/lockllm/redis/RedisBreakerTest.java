package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.redis.LockLLMRedis.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The circuit breaker in front of Redis, against a real server that stops answering. */
class RedisBreakerTest extends RedisTestBase {
  static final Duration TTL = Duration.ofSeconds(70);
  static final Duration TIMEOUT = Duration.ofMillis(500);

  LockLLMRedis connect() {
    LockLLMRedis redis = LockLLMRedis.builder(server.uri()).commandTimeout(TIMEOUT)
        .breakerThreshold(3, 5).breakerDelay(Duration.ofSeconds(1)).breakerSuccesses(2).build();
    open.add(redis);
    return redis;
  }

  @Test
  void opensAfterTheThresholdFailsAtOnceWhileOpenAndClosesWhenRedisAnswersAgain() throws Exception {
    LockLLMRedis redis = connect();
    List<CircuitState> transitions = new CopyOnWriteArrayList<>();
    redis.onCircuitChange(transitions::add);
    RedisCounterStore store = redis.counterStore();
    assertThat(store.increment("rate:b", 1, 2, TTL)).containsExactly(0, 1);
    server.pause();
    List<Long> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.increment("rate:b", 1, 2, TTL)).hasMessageContaining("no answer");
        assertThat(millisSince(started)).as("a timed-out call").isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 20);
      }
      assertThat(redis.circuitState()).isEqualTo(CircuitState.OPEN);
      assertThat(transitions).containsExactly(CircuitState.OPEN);
      for (int i = 0; i < 20; i++) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.increment("rate:b", 1, 2, TTL))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Redis unavailable")
            .hasMessageContaining("circuit breaker open");
        assertThatThrownBy(() -> redis.scanCache().get("k")).hasMessageContaining("circuit breaker open");
        assertThatThrownBy(() -> store.incrementAsync("rate:b", 1, 2, TTL).toCompletableFuture().get(1, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().hasMessageContaining("circuit breaker open");
        open.add(millisSince(started));
      }
      Thread.sleep(1100); // past the delay: the next calls are probes, and Redis still does not answer
      assertThatThrownBy(() -> store.increment("rate:b", 1, 2, TTL)).hasMessageContaining("no answer");
      assertThat(redis.circuitState()).as("a failed probe opens it again").isEqualTo(CircuitState.OPEN);
    } finally {
      server.resume();
    }
    System.out.println("[lockllm-redis] breaker open: each round of 3 calls (sync, cache read, async) failed at once, in ms: " + open);
    assertThat(open).as("with the breaker open no call waits for Redis (timeout 500 ms)").allMatch(ms -> ms < 100);

    long back = System.nanoTime();
    long[] counts = RedisCounterStoreTest.awaitRecovery(() -> store.increment("rate:b", 1, 2, TTL));
    store.increment("rate:b", 1, 2, TTL);
    System.out.println("[lockllm-redis] breaker closed " + millisSince(back) + " ms after Redis answered again");
    assertThat(redis.circuitState()).isEqualTo(CircuitState.CLOSED);
    // 1 before the pause, the 3 timed-out calls and the failed probe (Redis ran them once it
    // resumed; their replies came too late), this one: nothing the open breaker refused reached Redis
    assertThat(counts[1]).isEqualTo(6);
    assertThat(transitions).containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.OPEN,
        CircuitState.HALF_OPEN, CircuitState.CLOSED);
  }

  @Test
  void errorsRedisAnswersWithDoNotOpenIt() {
    LockLLMRedis redis = connect();
    server.command("SET", "lockllm:abuse:rate:{w}", "x");
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> redis.counterStore().increment("rate:w", 1, 2, TTL)).hasMessageContaining("WRONGTYPE");
    }
    assertThat(redis.circuitState()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakCalls() throws Exception {
    LockLLMRedis redis = connect();
    redis.onCircuitChange(s -> {
      throw new IllegalArgumentException("listener bug");
    });
    server.kill();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> redis.counterStore().increment("rate:l", 1, 2, TTL))
          .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Redis unavailable");
    }
    assertThat(redis.circuitState()).as("a lost connection counts as a failure too").isEqualTo(CircuitState.OPEN);
  }

  @Test
  void settingsAreChecked() {
    LockLLMRedis.Builder b = LockLLMRedis.builder(server.uri());
    assertThatThrownBy(() -> b.breakerThreshold(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.breakerThreshold(6, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.breakerSuccesses(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.breakerDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.prefix("app{1}:")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LockLLMRedis.create("redis://127.0.0.1:1,127.0.0.1:2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster(true)");
    assertThatThrownBy(() -> LockLLMRedis.builder("redis://127.0.0.1:1/3").cluster(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database 0");
  }

  static long millisSince(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
