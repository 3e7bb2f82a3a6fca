package com.lockllm.redis;

import com.lockllm.abuse.CounterStore;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Abuse counters in Redis, shared by every instance on the same Redis and prefix. Counter {@code
 * key} ({@code <kind>:<client>[:<more>]}, as {@link com.lockllm.abuse.RequestPatterns} names them)
 * is the hash {@code <prefix>abuse:<kind>:{<client>}[:<more>]} with one field per time slot (field:
 * the slot number, value: its count). The braces are a Redis Cluster hash tag: all of one client's
 * counters live in one slot, so one script may touch them together. One Lua script per call adds one to the current slot, drops the slots
 * that fell out of the window, sets the key's TTL and reads the window back, so an update is atomic
 * and no key lives without a TTL. The script runs by its SHA-1 ({@code EVALSHA}); when Redis does
 * not know it (a restart, {@code SCRIPT FLUSH}) it is sent once in full ({@code EVAL}), which loads
 * it again. Lettuce does not do that fallback by itself.
 *
 * <p>Obtain it from {@link LockLLMRedis#counterStore()}; {@link #close()} leaves the shared
 * connection to its {@link LockLLMRedis}.
 */
public final class RedisCounterStore implements CounterStore {
  /** The script; KEYS[1] the hash, ARGV: current slot, slots in the window, TTL in ms. */
  static final String SCRIPT = String.join("\n",
      "if redis.replicate_commands then pcall(redis.replicate_commands) end",
      "local slot = tonumber(ARGV[1])",
      "local n = tonumber(ARGV[2])",
      "local oldest = slot - n + 1",
      "redis.call('HINCRBY', KEYS[1], ARGV[1], 1)",
      "local stale = {}",
      "for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do",
      "  local s = tonumber(f)",
      "  if s == nil or s < oldest then stale[#stale + 1] = f end",
      "end",
      "if #stale > 0 then redis.call('HDEL', KEYS[1], unpack(stale)) end",
      "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
      "local want = {}",
      "for i = 1, n do want[i] = string.format('%d', oldest + i - 1) end",
      "local got = redis.call('HMGET', KEYS[1], unpack(want))",
      "local out = {}",
      "for i = 1, n do out[i] = tonumber(got[i]) or 0 end",
      "return out");
  static final String SHA = sha1Hex(SCRIPT);

  private final LockLLMRedis redis;
  private final RedisCalls calls;
  private final String keyPrefix;

  RedisCounterStore(LockLLMRedis redis) {
    this.redis = redis;
    this.calls = new RedisCalls(redis);
    this.keyPrefix = redis.prefix() + "abuse:";
  }

  /**
   * The Redis key of counter {@code key}: its second {@code :}-separated part (the client's digest)
   * becomes the hash tag, or the whole key when it has one part.
   */
  public String redisKey(String key) {
    int first = key.indexOf(':');
    if (first < 0) {
      return keyPrefix + '{' + key + '}';
    }
    int second = key.indexOf(':', first + 1);
    String tag = second < 0 ? key.substring(first + 1) : key.substring(first + 1, second);
    String rest = second < 0 ? "" : key.substring(second);
    return keyPrefix + key.substring(0, first + 1) + '{' + tag + '}' + rest;
  }

  @Override
  public long[] increment(String key, long slot, int slots, Duration ttl) {
    return calls.await(run(key, slot, slots, ttl), "abuse counter update");
  }

  @Override
  public CompletionStage<long[]> incrementAsync(String key, long slot, int slots, Duration ttl) {
    return calls.deliver(run(key, slot, slots, ttl), "abuse counter update");
  }

  private CompletableFuture<long[]> run(String key, long slot, int slots, Duration ttl) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    long ttlMillis = Math.max(1, ttl.toMillis());
    String[] keys = {redisKey(key)};
    byte[][] args = {ascii(Long.toString(slot)), ascii(Integer.toString(slots)), ascii(Long.toString(ttlMillis))};
    return calls.<List<Object>>start(() -> {
      RedisClusterAsyncCommands<String, byte[]> c = redis.commands();
      return c.<List<Object>>evalsha(SHA, ScriptOutputType.MULTI, keys, args)
          .exceptionallyCompose(e -> Secrets.unwrap(e) instanceof RedisNoScriptException
              ? c.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
              : CompletableFuture.failedFuture(e));
    }).thenApply(RedisCounterStore::counts);
  }

  private static long[] counts(List<Object> reply) {
    long[] out = new long[reply.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = reply.get(i);
      out[i] = v instanceof Number n ? n.longValue() : 0;
    }
    return out;
  }

  /** Leaves the connection open: it belongs to the {@link LockLLMRedis} this store came from. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "RedisCounterStore{" + redis + '}';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha1Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
