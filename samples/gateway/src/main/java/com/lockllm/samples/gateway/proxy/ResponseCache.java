package com.lockllm.samples.gateway.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The response cache of identical non-streaming requests. Keys are already hashes (they never hold a
 * key in clear); an implementation stores each entry for its {@link Entry#ttlSeconds()}.
 * {@link CaffeineResponseCache} is the in-process one; a shared store (Redis) implements the same two calls.
 */
public interface ResponseCache {
  /** The live entry under {@code key}, if any. */
  Optional<Entry> get(String key);

  /** Stores {@code entry} under {@code key} for {@code entry.ttlSeconds()}. */
  void put(String key, Entry entry);

  /** A cached answer: status, the upstream's end-to-end headers, body, when it was stored and for how long. */
  record Entry(int status, Map<String, List<String>> headers, byte[] body, long storedAtMillis, long ttlSeconds) {
    public Entry {
      headers = Map.copyOf(headers);
    }

    /** Whole seconds since it was stored. */
    public long ageSeconds(long nowMillis) {
      return Math.max(0, (nowMillis - storedAtMillis) / 1000);
    }
  }
}
