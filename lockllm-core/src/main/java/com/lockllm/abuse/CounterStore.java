package com.lockllm.abuse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where abuse detection keeps its per-client counters: sliding windows of time slots. {@link
 * InMemoryCounterStore} serves one instance; a shared store (lockllm-redis) lets many instances
 * count one client's requests together. Implementations are thread-safe, update atomically, and
 * bound how long a call may wait.
 */
public interface CounterStore extends AutoCloseable {
  /**
   * Adds one to counter {@code key} in time slot {@code slot} and returns the counts of the {@code
   * slots} slots ending with it, oldest first (a slot never written counts 0). The key's counters
   * may be dropped once {@code ttl} has passed since the last increment.
   *
   * @throws RuntimeException when the store cannot be reached in time
   */
  long[] increment(String key, long slot, int slots, Duration ttl);

  /** As {@link #increment} without blocking the caller; by default it runs {@code increment} in place. */
  default CompletionStage<long[]> incrementAsync(String key, long slot, int slots, Duration ttl) {
    try {
      return CompletableFuture.completedFuture(increment(key, slot, slots, ttl));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Releases connections; the in-memory store has none. */
  @Override
  default void close() {}
}
