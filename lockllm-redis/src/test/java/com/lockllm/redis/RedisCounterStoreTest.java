package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.lockllm.abuse.CounterStore;
import com.lockllm.abuse.InMemoryCounterStore;
import com.lockllm.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedisCounterStoreTest {
  private static final Duration TTL = Duration.ofSeconds(70);

  static RedisServer server;
  static LockLLMRedis redis;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    redis = LockLLMRedis.create(server.uri());
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    server.command("FLUSHALL");
  }

  /** Sequences of (slot, slots) increments over a few keys; slots never go back in time. */
  static Stream<Arguments> sequences() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("one slot, many hits", List.of(op("a", 100, 6), op("a", 100, 6), op("a", 100, 6))));
    out.add(Arguments.of("window rolls slot by slot", rolling("a", 100, 6, 14)));
    out.add(Arguments.of("gap longer than the window", List.of(op("a", 100, 6), op("a", 101, 6), op("a", 200, 6), op("a", 202, 6))));
    out.add(Arguments.of("single-slot window", List.of(op("a", 5, 1), op("a", 5, 1), op("a", 6, 1))));
    out.add(Arguments.of("negative slots", List.of(op("a", -3, 4), op("a", -1, 4), op("a", 1, 4))));
    out.add(Arguments.of("large slot numbers (1 ms slots)",
        List.of(op("a", 1_764_000_000_000L, 3), op("a", 1_764_000_000_001L, 3), op("a", 1_764_000_000_004L, 3))));
    for (long seed = 1; seed <= 4; seed++) {
      out.add(Arguments.of("random seed " + seed, random(seed)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void countsAsInMemoryStoreDoes(String name, List<Op> ops) {
    CounterStore reference = InMemoryCounterStore.create();
    CounterStore store = redis.counterStore();
    for (Op op : ops) {
      long[] expected = reference.increment(op.key, op.slot, op.slots, TTL);
      long[] actual = store.increment(op.key, op.slot, op.slots, TTL);
      assertThat(actual).as("%s at slot %d", op.key, op.slot).containsExactly(expected);
    }
  }

  @Test
  void slotsRollOutOfTheWindowAndAreDeleted() {
    RedisCounterStore store = redis.counterStore();
    for (int i = 0; i < 5; i++) {
      store.increment("rate:x", 10, 3, TTL);
    }
    assertThat(store.increment("rate:x", 11, 3, TTL)).containsExactly(0, 5, 1);
    assertThat(store.increment("rate:x", 12, 3, TTL)).containsExactly(5, 1, 1);
    assertThat(store.increment("rate:x", 13, 3, TTL)).containsExactly(1, 1, 1);
    // slot 10 is gone from the hash, not only from the answer
    assertThat(server.command("HEXISTS", "lockllm:abuse:rate:{x}", "10")).isEqualTo(":0\r\n");
    assertThat(server.integer("HLEN", "lockllm:abuse:rate:{x}")).isEqualTo(3);
    assertThat(store.increment("rate:x", 100, 3, TTL)).containsExactly(0, 0, 1);
    assertThat(server.integer("HLEN", "lockllm:abuse:rate:{x}")).isEqualTo(1);
  }

  @Test
  void everyKeyHasItsTtl() {
    RedisCounterStore store = redis.counterStore();
    store.increment("rate:a", 1, 6, Duration.ofSeconds(70));
    store.increment("dup:a:b", 1, 6, Duration.ofSeconds(70));
    store.increment("rate:c", 1, 6, Duration.ofMillis(1500));
    for (String key : server.keys("*")) {
      assertThat(server.integer("PTTL", key)).as(key).isPositive();
    }
    assertThat(server.integer("PTTL", "lockllm:abuse:rate:{a}")).isBetween(60_000L, 70_000L);
    assertThat(server.integer("PTTL", "lockllm:abuse:rate:{c}")).isBetween(1L, 1500L);
  }

  @Test
  void aKeyExpiresAfterItsTtlAndCountsStartAgain() throws InterruptedException {
    RedisCounterStore store = redis.counterStore();
    store.increment("rate:e", 7, 2, Duration.ofMillis(150));
    store.increment("rate:e", 7, 2, Duration.ofMillis(150));
    Thread.sleep(400);
    assertThat(server.integer("EXISTS", "lockllm:abuse:rate:{e}")).isZero();
    assertThat(store.increment("rate:e", 7, 2, Duration.ofMillis(150))).containsExactly(0, 1);
  }

  @Test
  void keysUseTheLayoutAndTheConfiguredPrefix() {
    redis.counterStore().increment("rate:p", 1, 6, TTL);
    try (LockLLMRedis other = LockLLMRedis.builder(server.uri()).prefix("tenant-b:").build()) {
      other.counterStore().increment("rate:p", 1, 6, TTL);
      other.counterStore().increment("rate:p", 1, 6, TTL);
      assertThat(other.counterStore().redisKey("rate:p")).isEqualTo("tenant-b:abuse:rate:{p}");
    }
    assertThat(server.keys("*")).containsExactlyInAnyOrder("lockllm:abuse:rate:{p}", "tenant-b:abuse:rate:{p}");
    assertThat(server.keys("tenant-b:*")).containsExactly("tenant-b:abuse:rate:{p}");
    // the prefixes keep the counts apart
    assertThat(redis.counterStore().increment("rate:p", 1, 6, TTL)).endsWith(2);
  }

  @Test
  void scriptIsLoadedAgainAfterScriptFlush() {
    RedisCounterStore store = redis.counterStore();
    store.increment("rate:s", 1, 2, TTL);
    assertThat(server.command("SCRIPT", "EXISTS", RedisCounterStore.SHA)).contains(":1");
    server.command("SCRIPT", "FLUSH");
    assertThat(store.increment("rate:s", 1, 2, TTL)).containsExactly(0, 2);
    assertThat(store.incrementAsync("rate:s", 1, 2, TTL).toCompletableFuture().join()).containsExactly(0, 3);
    assertThat(server.command("SCRIPT", "EXISTS", RedisCounterStore.SHA)).contains(":1");
  }

  @Test
  void concurrentIncrementsFromTwoConnectionsAreAtomic() throws Exception {
    try (LockLLMRedis second = LockLLMRedis.create(server.uri())) {
      List<CounterStore> stores = List.of(redis.counterStore(), second.counterStore());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          CounterStore store = stores.get(t % 2);
          futures.add(pool.submit(() -> {
            for (int i = 0; i < 250; i++) {
              store.increment("rate:c", 42, 4, TTL);
            }
          }));
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(second.counterStore().increment("rate:c", 42, 4, TTL)).containsExactly(0, 0, 0, 2001);
    }
  }

  @Test
  void asyncIncrementsDoNotBlockAndCompleteOffTheIoThread() {
    RedisCounterStore store = redis.counterStore();
    AtomicReference<String> thread = new AtomicReference<>();
    List<CompletableFuture<long[]>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(store.incrementAsync("rate:async", 3, 2, TTL).toCompletableFuture()
          .whenComplete((v, e) -> thread.set(Thread.currentThread().getName())));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    assertThat(all.stream().mapToLong(f -> f.join()[1]).max().orElseThrow()).isEqualTo(100);
    assertThat(thread.get()).doesNotContain("lettuce");
  }

  @Test
  void aRefusingCallbackExecutorStillCompletesTheFuture() {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    try (LockLLMRedis r = LockLLMRedis.builder(server.uri()).callbackExecutor(closed).build()) {
      assertThat(r.counterStore().incrementAsync("rate:r", 1, 2, TTL).toCompletableFuture())
          .succeedsWithin(Duration.ofSeconds(2)).satisfies(c -> assertThat(c).containsExactly(0, 1));
    }
  }

  @Test
  void aKeyOfAnotherTypeIsAClearError() {
    server.command("SET", "lockllm:abuse:rate:{wrong}", "x");
    assertThatThrownBy(() -> redis.counterStore().increment("rate:wrong", 1, 2, TTL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Redis command failed")
        .hasMessageContaining("WRONGTYPE");
  }

  @Test
  void redisDownFailsEachCallWithinTheTimeoutAndRecovers() {
    try (RedisServer own = RedisServer.start();
        LockLLMRedis r = LockLLMRedis.builder(own.uri()).commandTimeout(Duration.ofMillis(250)).build()) {
      RedisCounterStore store = r.counterStore();
      assertThat(store.increment("rate:d", 1, 2, TTL)).containsExactly(0, 1);
      own.kill();
      // Bounded by construction (a timed wait, orTimeout), so checked by what ends each call:
      // a "Redis unavailable" failure, under a hang guard far above the 250 ms timeout rather
      // than a sub-second bound a loaded machine can miss.
      for (int i = 0; i < 5; i++) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
            assertThatThrownBy(() -> store.increment("rate:d", 1, 2, TTL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Redis unavailable"));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
            assertThat(store.incrementAsync("rate:d", 1, 2, TTL).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(2))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(IllegalStateException.class)
                .withMessageStartingWith("Redis unavailable"));
      }
      own.restart();
      long[] counts = awaitRecovery(() -> store.increment("rate:d", 1, 2, TTL));
      assertThat(counts).containsExactly(0, 1); // a fresh server (no persistence): counting starts again
    }
  }

  @Test
  void redisKilledUnderLoadEndsEveryCallWithinTheTimeout() throws Exception {
    try (RedisServer own = RedisServer.start();
        LockLLMRedis r = LockLLMRedis.builder(own.uri()).commandTimeout(Duration.ofMillis(250)).build()) {
      RedisCounterStore store = r.counterStore();
      AtomicLong slowestNanos = new AtomicLong();
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      List<String> untyped = new java.util.concurrent.CopyOnWriteArrayList<>();
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1800);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> workers = new ArrayList<>();
      try {
        for (int t = 0; t < 4; t++) {
          boolean async = t % 2 == 1;
          workers.add(pool.submit(() -> {
            while (System.nanoTime() < end) {
              long started = System.nanoTime();
              try {
                if (async) {
                  store.incrementAsync("rate:load", 1, 2, TTL).toCompletableFuture().get(2, TimeUnit.SECONDS);
                } else {
                  store.increment("rate:load", 1, 2, TTL);
                }
                ok.incrementAndGet();
              } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
                failed.incrementAndGet();
                Throwable cause = e instanceof IllegalStateException ? e : e.getCause();
                if (!(cause instanceof IllegalStateException) || !cause.getMessage().startsWith("Redis unavailable")) {
                  untyped.add(String.valueOf(cause));
                }
              } catch (Exception e) {
                throw new AssertionError("a call did not end in time: " + e, e);
              }
              slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            }
            return null;
          }));
        }
        Thread.sleep(400);
        own.kill(); // while commands are in flight
        Thread.sleep(600);
        own.restart();
        for (Future<?> w : workers) {
          w.get(10, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      System.out.println("[lockllm-redis] Redis killed under load (4 threads): " + ok.get() + " calls ok, "
          + failed.get() + " failed, slowest " + TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()) + " ms");
      assertThat(failed.get()).as("calls failed while Redis was gone").isPositive();
      assertThat(ok.get()).isPositive();
      // Every call ended (each async one within a 2 s hang guard, each sync one by its timed wait),
      // and every failure is the typed one: no sub-second bound for a loaded machine to miss.
      assertThat(untyped).as("failures other than \"Redis unavailable\"").isEmpty();
      assertThat(awaitRecovery(() -> store.increment("rate:load", 1, 2, TTL))[1]).isPositive();
    }
  }

  static long[] awaitRecovery(java.util.function.Supplier<long[]> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return call.get();
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  record Op(String key, long slot, int slots) {}

  static Op op(String key, long slot, int slots) {
    return new Op(key, slot, slots);
  }

  static List<Op> rolling(String key, long from, int slots, int steps) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      for (int j = 0; j <= i % 3; j++) {
        ops.add(op(key, from + i, slots));
      }
    }
    return ops;
  }

  static List<Op> random(long seed) {
    Random random = new Random(seed);
    List<Op> ops = new ArrayList<>();
    long slot = 1_000 + random.nextInt(1000);
    for (int i = 0; i < 300; i++) {
      int r = random.nextInt(10);
      slot += r < 6 ? 0 : r < 9 ? 1 : 1 + random.nextInt(10);
      ops.add(op("k" + random.nextInt(3), slot, 6));
    }
    return ops;
  }
}
