package com.lockllm.redis;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;

/**
 * Byte values with a TTL under one namespace of a {@link LockLLMRedis}: {@code
 * <prefix><namespace>:<key>}, written with {@code SET ... PX}. For application caches that share
 * the connection (the gateway's response cache, say); calls are bounded by the command timeout and
 * fail with an {@link IllegalStateException} when Redis cannot be reached.
 */
public final class RedisBlobs {
  private final LockLLMRedis redis;
  private final RedisCalls calls;
  private final String keyPrefix;

  RedisBlobs(LockLLMRedis redis, String namespace) {
    if (namespace.isEmpty() || namespace.equals("abuse") || namespace.equals("scan")) {
      throw new IllegalArgumentException("namespace must be non-empty and not abuse or scan, got '" + namespace + "'");
    }
    this.redis = redis;
    this.calls = new RedisCalls(redis);
    this.keyPrefix = redis.prefix() + namespace + ":";
  }

  /** The Redis key of {@code key}. */
  public String redisKey(String key) {
    return keyPrefix + key;
  }

  /** The bytes stored under {@code key}, or {@code null}. */
  public byte[] get(String key) {
    String redisKey = redisKey(key);
    return calls.await(calls.<byte[]>start(() -> redis.commands().get(redisKey)), "read of " + keyPrefix);
  }

  /** Stores {@code value} under {@code key} for {@code ttl} (at least one millisecond). */
  public void put(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    String redisKey = redisKey(key);
    long millis = Math.max(1, ttl.toMillis());
    calls.await(calls.<String>start(() -> redis.commands().set(redisKey, value, SetArgs.Builder.px(millis))),
        "write of " + keyPrefix);
  }

  @Override
  public String toString() {
    return "RedisBlobs{" + redis + ", prefix=" + keyPrefix + '}';
  }
}
