package com.lockllm.redis;

import com.lockllm.cache.ScanCache;
import com.lockllm.cache.ScanResponseCodec;
import com.lockllm.scan.ScanResponse;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scan responses in Redis, shared by every instance on the same Redis and prefix: {@code
 * <prefix>scan:<key>} (the key is {@link com.lockllm.cache.CachingScanner#key}, a SHA-256 hex
 * digest; no prompt text) holds the response as {@link ScanResponseCodec} bytes, written with
 * {@code SET ... PX ttl}. A value that does not decode is a miss (logged), never an error; an
 * unreachable Redis is an {@link IllegalStateException}, which {@link
 * com.lockllm.cache.CachingScanner} turns into a miss and a scan.
 */
public final class RedisScanCache implements ScanCache {
  private static final Logger log = LoggerFactory.getLogger(RedisScanCache.class);

  /** Default time an entry lives (as {@link com.lockllm.cache.CaffeineScanCache}). */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  private final LockLLMRedis redis;
  private final RedisCalls calls;
  private final String keyPrefix;
  private final Duration ttl;

  RedisScanCache(LockLLMRedis redis, Duration ttl) {
    this.redis = redis;
    this.calls = new RedisCalls(redis);
    this.keyPrefix = redis.prefix() + "scan:";
    this.ttl = ttl;
  }

  /** The Redis key of cache key {@code key}. */
  public String redisKey(String key) {
    return keyPrefix + key;
  }

  public Duration ttl() {
    return ttl;
  }

  @Override
  public ScanResponse get(String key) {
    return calls.await(read(key), "scan cache read");
  }

  @Override
  public void put(String key, ScanResponse response) {
    calls.await(write(key, response), "scan cache write");
  }

  @Override
  public CompletionStage<ScanResponse> getAsync(String key) {
    return calls.deliver(read(key), "scan cache read");
  }

  @Override
  public CompletionStage<Void> putAsync(String key, ScanResponse response) {
    return calls.deliver(write(key, response), "scan cache write");
  }

  private CompletableFuture<ScanResponse> read(String key) {
    String redisKey = redisKey(key);
    return calls.<byte[]>start(() -> redis.commands().get(redisKey))
        .thenApply(bytes -> decode(redisKey, bytes));
  }

  private CompletableFuture<Void> write(String key, ScanResponse response) {
    String redisKey = redisKey(key);
    byte[] bytes = ScanResponseCodec.encode(response);
    return calls.<String>start(() -> redis.commands().set(redisKey, bytes, SetArgs.Builder.px(ttl)))
        .thenApply(ok -> null);
  }

  private static ScanResponse decode(String redisKey, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return ScanResponseCodec.decode(bytes);
    } catch (RuntimeException e) {
      log.warn("LockLLM scan cache: {} holds {} bytes that are not a stored scan response ({}); treated as a miss",
          redisKey, bytes.length, e.toString());
      return null;
    }
  }

  @Override
  public String toString() {
    return "RedisScanCache{" + redis + ", ttl=" + ttl + '}';
  }
}
