package com.lockllm.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link RedisHash} on a real Redis: what {@code redis-cli HSET} wrote is read back, and a Redis that is away fails the call. */
class RedisHashTest extends RedisTestBase {
  /** A generous timeout: the point is what is read, not how fast, on a loaded machine. */
  LockLLMRedis connect() {
    return LockLLMRedis.builder(server.uri()).commandTimeout(Duration.ofSeconds(2)).build();
  }

  @Test
  void readsWhatAnOperatorWroteAndNullForWhatIsNotThere() {
    LockLLMRedis redis = connect();
    open.add(redis);
    RedisHash hash = redis.hash("gateway:keys");
    assertThat(hash.redisKey()).isEqualTo("lockllm:gateway:keys");
    assertThat(hash.get("abc")).isNull();
    server.command("HSET", "lockllm:gateway:keys", "abc", "alice:trusted");
    server.command("HSET", "lockllm:gateway:keys", "def", "b\u00e9atrice");
    assertThat(hash.get("abc")).isEqualTo("alice:trusted");
    assertThat(hash.get("def")).isEqualTo("b\u00e9atrice");
    assertThat(hash.get("ghi")).isNull();
  }

  @Test
  void failsWhenRedisIsAwayAndRefusesTheStoresNamespaces() {
    LockLLMRedis redis = connect();
    open.add(redis);
    assertThatThrownBy(() -> redis.hash("abuse:x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> redis.hash("scan:x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> redis.hash("")).isInstanceOf(IllegalArgumentException.class);
    server.kill();
    assertThatThrownBy(() -> redis.hash("gateway:keys").get("abc"))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Redis unavailable");
  }
}
