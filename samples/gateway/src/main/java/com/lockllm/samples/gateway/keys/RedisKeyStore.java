package com.lockllm.samples.gateway.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.lockllm.redis.RedisHash;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys kept in a Redis hash for a fleet of gateways: field = the key's SHA-256 in lower-case hex,
 * value = {@code name} or {@code name:flag+flag}. Answers, found or not, are cached for {@code ttl}
 * so that a busy gateway asks Redis once per key and TTL; a key added or removed takes effect
 * within it. When Redis cannot answer, the last answer for that key (up to {@code maxStale} old)
 * stands; with none, the request is refused ({@link KeyStoreUnavailableException}), never let through.
 * The lookup goes by digest: Redis never sees a key.
 */
final class RedisKeyStore implements KeyStore {
  private static final Logger log = LoggerFactory.getLogger(RedisKeyStore.class);
  /** The hash under the Redis prefix: {@code lockllm:gateway:keys} by default. */
  static final String HASH = "gateway:keys";

  private final RedisHash hash;
  private final long ttlNanos;
  private final Cache<String, Answer> answers;
  private final LongSupplier clock;

  private record Answer(KeyEntry entry, long at) {}

  RedisKeyStore(RedisHash hash, Duration ttl, Duration maxStale, long maxKeys, LongSupplier nanoClock) {
    this.hash = hash;
    this.ttlNanos = ttl.toNanos();
    this.clock = nanoClock;
    this.answers = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterWrite(maxStale.compareTo(ttl) > 0 ? maxStale : ttl)
        .build();
  }

  @Override
  public KeyEntry find(byte[] sha256) {
    String field = HexFormat.of().formatHex(sha256);
    long now = clock.getAsLong();
    Answer cached = answers.getIfPresent(field);
    if (cached != null && now - cached.at() < ttlNanos) {
      return cached.entry();
    }
    String value;
    try {
      value = hash.get(field);
    } catch (RuntimeException e) {
      if (cached != null) {
        log.warn("Gateway key store in Redis unavailable ({}); using the last answer for this key", e.getMessage());
        return cached.entry();
      }
      log.warn("Gateway key store in Redis unavailable ({}); refusing the request", e.getMessage());
      throw new KeyStoreUnavailableException("The gateway's key store is unavailable");
    }
    KeyEntry entry = value == null ? null : parse(value, sha256);
    answers.put(field, new Answer(entry, now));
    return entry;
  }

  /** {@code name[:flag+flag]}; a malformed value is no key (and a warning), an unknown flag is dropped. */
  private static KeyEntry parse(String value, byte[] sha256) {
    int colon = value.indexOf(':');
    String name = (colon < 0 ? value : value.substring(0, colon)).strip();
    if (!GatewayKey.NAME.matcher(name).matches()) {
      log.warn("Gateway key store in Redis: an entry's name is malformed; that key is refused");
      return null;
    }
    Set<KeyFlag> flags = EnumSet.noneOf(KeyFlag.class);
    if (colon >= 0) {
      for (String flag : value.substring(colon + 1).split("\\+")) {
        if (flag.isBlank()) {
          continue;
        }
        try {
          flags.add(KeyFlag.fromWire(flag));
        } catch (IllegalArgumentException e) {
          log.warn("Gateway key store in Redis: key {} has an unknown flag, ignored", name);
        }
      }
    }
    return new KeyEntry(name, sha256, flags);
  }
}
