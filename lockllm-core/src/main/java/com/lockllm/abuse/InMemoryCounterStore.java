package com.lockllm.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Arrays;

/**
 * Counters in this JVM's heap, for a single instance. Memory is bounded: at most {@code maxKeys}
 * keys (least recently used go first), and a key idle for its TTL is dropped (Caffeine). A key
 * costs about 200 bytes with the default six slots, so the default bound of 100,000 keys stays near
 * 20 MB.
 */
public final class InMemoryCounterStore implements CounterStore {
  /** The default bound on keys held. */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private final Cache<String, Window> windows;

  private InMemoryCounterStore(int maxKeys, Ticker ticker) {
    this.windows = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .ticker(ticker)
        .expireAfter(new Expiry<String, Window>() {
          @Override
          public long expireAfterCreate(String key, Window w, long now) {
            return w.ttlNanos;
          }

          @Override
          public long expireAfterUpdate(String key, Window w, long now, long current) {
            return w.ttlNanos;
          }

          @Override
          public long expireAfterRead(String key, Window w, long now, long current) {
            return w.ttlNanos;
          }
        })
        .build();
  }

  public static InMemoryCounterStore create() {
    return create(DEFAULT_MAX_KEYS);
  }

  /** A store holding at most {@code maxKeys} keys. */
  public static InMemoryCounterStore create(int maxKeys) {
    return create(maxKeys, Ticker.systemTicker());
  }

  static InMemoryCounterStore create(int maxKeys, Ticker ticker) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
    }
    return new InMemoryCounterStore(maxKeys, ticker);
  }

  @Override
  public long[] increment(String key, long slot, int slots, Duration ttl) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    Window window = windows.asMap().compute(key, (k, w) -> {
      Window next = w == null || w.ids.length != slots ? new Window(slots) : w;
      next.ttlNanos = ttl.toNanos();
      return next;
    });
    return window.increment(slot);
  }

  /** How many keys are held now (approximate; for tests and metrics). */
  public long size() {
    windows.cleanUp();
    return windows.estimatedSize();
  }

  /** One key's ring of slots. */
  private static final class Window {
    final long[] ids;
    final long[] counts;
    volatile long ttlNanos;

    Window(int slots) {
      ids = new long[slots];
      counts = new long[slots];
      Arrays.fill(ids, Long.MIN_VALUE);
    }

    synchronized long[] increment(long slot) {
      int n = ids.length;
      int at = (int) Math.floorMod(slot, n);
      if (ids[at] != slot) {
        ids[at] = slot;
        counts[at] = 0;
      }
      counts[at]++;
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        long s = slot - (n - 1) + i;
        int j = (int) Math.floorMod(s, n);
        out[i] = ids[j] == s ? counts[j] : 0;
      }
      return out;
    }
  }
}
