package com.lockllm.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryCounterStoreTest {
  static final Duration TTL = Duration.ofMinutes(1);

  @Test
  void countsPerSlotAndReturnsTheWindowOldestFirst() {
    InMemoryCounterStore store = InMemoryCounterStore.create();
    assertThat(store.increment("k", 100, 3, TTL)).containsExactly(0, 0, 1);
    assertThat(store.increment("k", 100, 3, TTL)).containsExactly(0, 0, 2);
    assertThat(store.increment("k", 101, 3, TTL)).containsExactly(0, 2, 1);
    assertThat(store.increment("k", 103, 3, TTL)).containsExactly(1, 0, 1);
    // slot 100 left the window and its ring cell was reused: it must not come back
    assertThat(store.increment("k", 106, 3, TTL)).containsExactly(0, 0, 1);
    assertThat(store.increment("other", 106, 3, TTL)).containsExactly(0, 0, 1);
  }

  @Test
  void memoryIsBoundedByKeys() {
    InMemoryCounterStore store = InMemoryCounterStore.create(100);
    for (int i = 0; i < 10_000; i++) {
      store.increment("client-" + i, 1, 6, TTL);
    }
    assertThat(store.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void idleKeysExpire() {
    AtomicLong nanos = new AtomicLong();
    InMemoryCounterStore store = InMemoryCounterStore.create(100, nanos::get);
    store.increment("k", 1, 6, Duration.ofSeconds(70));
    nanos.addAndGet(Duration.ofSeconds(69).toNanos());
    assertThat(store.size()).isOne();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(store.size()).isZero();
    assertThat(store.increment("k", 1, 6, TTL)).containsExactly(0, 0, 0, 0, 0, 1);
  }
}
