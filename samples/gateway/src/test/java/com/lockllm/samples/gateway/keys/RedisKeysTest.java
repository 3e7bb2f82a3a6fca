package com.lockllm.samples.gateway.keys;

import static com.lockllm.samples.gateway.keys.Gateways.CHAT;
import static com.lockllm.samples.gateway.keys.Gateways.send;
import static com.lockllm.samples.gateway.keys.Gateways.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.testing.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Client keys kept in a real Redis for a fleet: added and revoked with {@code redis-cli HSET/HDEL},
 * effective within the cache TTL; while Redis is down a key answered recently still works, an
 * unknown one is refused (503, never let through), and the configured keys keep working.
 */
class RedisKeysTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static final String HASH = "lockllm:gateway:keys";
  static final String DAVE = "gk-dave-Qm7Zr2Vx9Kp4Tw8Bn3";
  static final String ERIN = "gk-erin-Hv6Jd1Xs5Lc8Ry2Gf7";
  static final String FRANK = "gk-frank-Nw4Tb9Ea3Mk7Pz1Uq6";
  static final String CONFIGURED = "gk-ops-Ys2Fg8Lo5Wi1Cv9Dh4";
  static RedisServer redis;
  static ConfigurableApplicationContext gateway;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    gateway = Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", "ops:" + sha256(CONFIGURED), "REDIS_URL", redis.uri()),
        "--lockllm.gateway.redis-keys.enabled=true",
        "--lockllm.gateway.redis-keys.cache-ttl=300ms", "--lockllm.gateway.redis-keys.max-stale=5m",
        "--lockllm.gateway.providers.openai.key=sk-held");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    redis.close();
  }

  static int chat(String key) throws Exception {
    return send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", key).statusCode();
  }

  static void eventually(Callable<Integer> status, int expected) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int last = status.call();
    while (last != expected && System.nanoTime() < until) {
      Thread.sleep(100);
      last = status.call();
    }
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void keysAreAddedAndRevokedInRedisAndFailClosedWhenItIsDown() throws Exception {
    redis.command("HSET", HASH, sha256(DAVE), "dave:trusted");
    assertThat(chat(DAVE)).isEqualTo(200);
    assertThat(chat(ERIN)).isEqualTo(401);
    redis.command("HSET", HASH, sha256(ERIN), "erin");
    eventually(() -> chat(ERIN), 200);
    redis.command("HDEL", HASH, sha256(DAVE));
    eventually(() -> chat(DAVE), 401);
    assertThat(chat(CONFIGURED)).isEqualTo(200);

    redis.kill();
    assertThat(chat(ERIN)).as("answered recently: the last answer stands").isEqualTo(200);
    assertThat(chat(DAVE)).as("revoked recently: stays revoked").isEqualTo(401);
    HttpResponse<String> unknown = send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", FRANK);
    assertThat(unknown.statusCode()).as("never answered: refused, not let through").isEqualTo(503);
    assertThat(OBJECT_MAPPER.readTree(unknown.body()).path("error").path("code").asText())
        .isEqualTo("key_store_unavailable");
    assertThat(unknown.body()).doesNotContain(FRANK);
    assertThat(chat(CONFIGURED)).as("configured keys need no Redis").isEqualTo(200);
    assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).as("no key at all").isEqualTo(401);

    redis.restart();
    redis.command("HSET", HASH, sha256(FRANK), "frank");
    eventually(() -> chat(FRANK), 200);
    assertThat(redis.keys("*")).noneMatch(k -> k.contains(FRANK) || k.contains(DAVE));
  }
}
