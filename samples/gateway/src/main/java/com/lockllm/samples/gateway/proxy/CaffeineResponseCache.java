package com.lockllm.samples.gateway.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The in-process {@link ResponseCache}: per-entry TTL, bounded by the bytes of the cached bodies. */
public final class CaffeineResponseCache implements ResponseCache {
  private final Cache<String, Entry> cache;

  public CaffeineResponseCache(long maxBytes) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Entry entry) -> entry.body().length + key.length())
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry entry, long now) {
            return TimeUnit.SECONDS.toNanos(entry.ttlSeconds());
          }

          @Override
          public long expireAfterUpdate(String key, Entry entry, long now, long current) {
            return TimeUnit.SECONDS.toNanos(entry.ttlSeconds());
          }

          @Override
          public long expireAfterRead(String key, Entry entry, long now, long current) {
            return current;
          }
        })
        .build();
  }

  @Override
  public Optional<Entry> get(String key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  @Override
  public void put(String key, Entry entry) {
    cache.put(key, entry);
  }
}
