package com.lockllm.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.lockllm.scan.ScanResponse;
import java.time.Duration;

/** A {@link ScanCache} in this JVM's heap: at most {@code maxEntries}, each for {@code ttl} after it was written. */
public final class CaffeineScanCache implements ScanCache {
  /** Default bound on entries. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  /** Default time an entry lives. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  private final Cache<String, ScanResponse> cache;

  private CaffeineScanCache(int maxEntries, Duration ttl) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
  }

  public static CaffeineScanCache create() {
    return new CaffeineScanCache(DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
  }

  public static CaffeineScanCache create(int maxEntries, Duration ttl) {
    return new CaffeineScanCache(maxEntries, ttl);
  }

  @Override
  public ScanResponse get(String key) {
    return cache.getIfPresent(key);
  }

  @Override
  public void put(String key, ScanResponse response) {
    cache.put(key, response);
  }
}
