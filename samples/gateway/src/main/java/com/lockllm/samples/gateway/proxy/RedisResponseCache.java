package com.lockllm.samples.gateway.proxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.redis.RedisBlobs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResponseCache} of a fleet of gateways, in Redis ({@code <prefix>response:<key>}, JSON
 * with the body in base64, expiring with the entry's TTL). Redis being away is a miss on read and a
 * skipped write, logged: a cache never fails a request.
 */
public final class RedisResponseCache implements ResponseCache {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final String NAMESPACE = "response";
  private static final Logger log = LoggerFactory.getLogger(RedisResponseCache.class);

  private final RedisBlobs blobs;

  public RedisResponseCache(RedisBlobs blobs) {
    this.blobs = blobs;
  }

  @Override
  public Optional<Entry> get(String key) {
    byte[] bytes;
    try {
      bytes = blobs.get(key);
    } catch (RuntimeException e) {
      log.warn("Gateway response cache read failed ({}); answering from the upstream", e.getMessage());
      return Optional.empty();
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      Stored s = OBJECT_MAPPER.readValue(bytes, Stored.class);
      return Optional.of(new Entry(s.status(), s.headers(), s.body(), s.storedAt(), s.ttl()));
    } catch (IOException e) {
      log.warn("Gateway response cache: {} holds no stored answer; treated as a miss", blobs.redisKey(key));
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, Entry entry) {
    if (entry.ttlSeconds() <= 0) {
      return;
    }
    try {
      byte[] bytes = OBJECT_MAPPER.writeValueAsBytes(
          new Stored(entry.status(), entry.headers(), entry.body(), entry.storedAtMillis(), entry.ttlSeconds()));
      blobs.put(key, bytes, Duration.ofSeconds(entry.ttlSeconds()));
    } catch (IOException | RuntimeException e) {
      log.warn("Gateway response cache write failed ({})", e.getMessage());
    }
  }

  /** Jackson writes {@code body} as base64. */
  private record Stored(
      @JsonProperty("status") int status,
      @JsonProperty("headers") Map<String, List<String>> headers,
      @JsonProperty("body") byte[] body,
      @JsonProperty("stored_at") long storedAt,
      @JsonProperty("ttl") long ttl) {}
}
