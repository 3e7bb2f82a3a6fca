package com.lockllm.redis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Redis hash of a {@link LockLLMRedis}, {@code <prefix><name>}, read field by field with
 * {@code HGET}: for application data that an operator maintains with {@code redis-cli} and every
 * instance reads (the gateway's client keys, say). Values are UTF-8 text. Calls are bounded by the
 * command timeout and fail with an {@link IllegalStateException} when Redis cannot be reached.
 */
public final class RedisHash {
  private final LockLLMRedis redis;
  private final RedisCalls calls;
  private final String key;

  RedisHash(LockLLMRedis redis, String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.startsWith("abuse:") || name.startsWith("scan:")) {
      throw new IllegalArgumentException("name must be non-empty and outside abuse: and scan:, got '" + name + "'");
    }
    this.redis = redis;
    this.calls = new RedisCalls(redis);
    this.key = redis.prefix() + name;
  }

  /** The Redis key of the hash. */
  public String redisKey() {
    return key;
  }

  /** The value of {@code field}, or {@code null} when the hash or the field does not exist. */
  public String get(String field) {
    Objects.requireNonNull(field, "field");
    byte[] value = calls.await(calls.<byte[]>start(() -> redis.commands().hget(key, field)), "read of " + key);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisHash{" + redis + ", key=" + key + '}';
  }
}
