package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.ScanCache;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.redis.LockLLMRedis.CircuitState;
import com.lockllm.testing.RedisCluster;
import com.lockllm.testing.RedisSentinel;
import com.lockllm.testing.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's Redis stores from Spring Boot's own connection ({@code spring.data.redis.*}) on real
 * {@code redis-server} processes (one server, a Sentinel setup, a Cluster), on whichever Boot line
 * runs the test: the counters and cached scans land in that Redis, two applications share them, and
 * the {@code lockllmRedis} health and the circuit meters follow a Redis that stops answering.
 */
class RedisConnectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SHARED = {"lockllm.abuse-action=block", "lockllm.abuse.duplicate-prompts=3",
      "lockllm.cache.enabled=true", "lockllm.redis.breaker.delay=500ms",
      "management.endpoints.web.exposure.include=health"};

  /**
   * The connection's handshake and the cluster's topology requests are bounded by the command
   * timeout too: room for a loaded machine where no Redis is paused.
   */
  private static final String SLOW = "lockllm.redis.command-timeout=2s";

  static ConfigurableApplicationContext start(String... properties) {
    List<String> all = new ArrayList<>(List.of(SHARED));
    all.addAll(List.of(properties));
    return ActuatorTest.start(all.toArray(String[]::new));
  }

  @Test
  void twoApplicationsOnOneServerCountTogetherAndTheHealthAndMetersFollowAPausedRedis() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ConfigurableApplicationContext a = start("spring.data.redis.url=" + redis.uri(),
            "lockllm.redis.command-timeout=500ms");
        ConfigurableApplicationContext b = start("spring.data.redis.host=127.0.0.1",
            "spring.data.redis.port=" + redis.port(), SLOW)) {
      String prompt = ActuatorTest.chat("Please list three rivers in Africa.");
      assertThat(ActuatorTest.post(a, prompt).statusCode()).isEqualTo(200);
      assertThat(ActuatorTest.post(b, prompt).statusCode()).isEqualTo(200);
      HttpResponse<String> third = ActuatorTest.post(a, prompt);
      assertThat(third.statusCode()).as("the third repeat, counted across both applications").isEqualTo(400);
      assertThat(JSON.readTree(third.body()).at("/error/code").asText()).isEqualTo("abuse_detected");
      assertThat(redis.keys("lockllm:abuse:*")).isNotEmpty();
      assertThat(redis.keys("lockllm:scan:*")).isNotEmpty();
      assertThat(a.getBean(CounterStore.class)).isSameAs(a.getBean(LockLLMRedis.class).counterStore());
      assertThat(a.getBean(ScanCache.class)).isSameAs(a.getBean(LockLLMRedis.class).scanCache());

      JsonNode up = health(a, 200);
      assertThat(up.at("/status").asText()).isEqualTo("UP");
      assertThat(up.at("/details/topology").asText()).isEqualTo("standalone");
      assertThat(up.at("/details/circuit").asText()).isEqualTo("closed");
      MeterRegistry meters = a.getBean(MeterRegistry.class);
      assertThat(state(meters, "closed")).isEqualTo(1);
      assertThat(state(meters, "open")).isZero();

      redis.pause();
      try {
        for (int i = 0; i < 6; i++) {
          assertThat(ActuatorTest.post(a, ActuatorTest.chat("Question number " + i + " about lakes")).statusCode())
              .as("fail-mode closed while Redis does not answer").isEqualTo(503);
        }
        JsonNode down = health(a, 503);
        assertThat(down.at("/status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/details/circuit").asText()).isEqualTo("open");
        assertThat(state(meters, "open")).isEqualTo(1);
        assertThat(state(meters, "closed")).isZero();
        assertThat(transitions(meters, "open")).isGreaterThanOrEqualTo(1);
      } finally {
        redis.resume();
      }
      LockLLMRedis shared = a.getBean(LockLLMRedis.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (int i = 0; shared.circuitState() != CircuitState.CLOSED && System.nanoTime() < deadline; i++) {
        Thread.sleep(100);
        ActuatorTest.post(a, ActuatorTest.chat("Question number " + i + " about seas"));
      }
      assertThat(health(a, 200).at("/details/circuit").asText()).isEqualTo("closed");
      assertThat(state(meters, "closed")).isEqualTo(1);
      assertThat(transitions(meters, "closed")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void theMasterASentinelNamesHoldsTheCounters() throws Exception {
    try (RedisSentinel sentinel = RedisSentinel.start(1, 1);
        ConfigurableApplicationContext app = start(SLOW, "spring.data.redis.sentinel.master=" + RedisSentinel.MASTER,
            "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel.sentinels().get(0).port())) {
      assertThat(ActuatorTest.post(app, ActuatorTest.chat("What is the capital of Peru?")).statusCode()).isEqualTo(200);
      assertThat(sentinel.master().keys("lockllm:abuse:*")).isNotEmpty();
      JsonNode health = health(app, 200);
      assertThat(health.at("/status").asText()).isEqualTo("UP");
      assertThat(health.at("/details/topology").asText()).isEqualTo("sentinel");
    }
  }

  @Test
  void aClusterSpreadsTheCountersOverItsMasters() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 0)) {
      String nodes = cluster.uri().substring("redis://".length());
      try (ConfigurableApplicationContext app = start(SLOW, "spring.data.redis.cluster.nodes=" + nodes)) {
        for (int i = 0; i < 8; i++) {
          assertThat(ActuatorTest.post(app, ActuatorTest.chat("Name a city in country " + i)).statusCode())
              .isEqualTo(200);
        }
        long keys = cluster.masters().stream().mapToLong(m -> m.keys("lockllm:*").size()).sum();
        assertThat(keys).as("8 cached scans and the client's counters").isGreaterThanOrEqualTo(9);
        assertThat(cluster.masters().stream().filter(m -> !m.keys("lockllm:scan:*").isEmpty()).count())
            .as("masters holding cached scans").isGreaterThan(1);
        JsonNode health = health(app, 200);
        assertThat(health.at("/details/topology").asText()).isEqualTo("cluster");
      }
    }
  }

  @Test
  void boot4sDefaultLocalhostIsNotTakenForASharedStore() {
    try (ConfigurableApplicationContext unset = start();
        ConfigurableApplicationContext off = start("spring.data.redis.url=redis://127.0.0.1:1/0",
            "lockllm.redis.enabled=false")) {
      for (ConfigurableApplicationContext context : List.of(unset, off)) {
        assertThat(context.getBeanNamesForType(LockLLMRedis.class)).isEmpty();
        assertThat(context.getBeanNamesForType(CounterStore.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ScanCache.class)).isEmpty();
      }
    }
  }

  @Test
  void credentialsAreEncodedIntoTheUriAndLeftOutOfItsDescription() {
    String password = "p@ss:w/rd %+#?";
    try (RedisServer redis = RedisServer.start(password);
        LockLLMRedis client = RedisTarget.standalone("127.0.0.1", redis.port(), 0, null, password, false)
            .connect(new LockLLMRedisProperties(), Duration.ofMinutes(1))) {
      assertThat(client.counterStore().increment("rate:t", 1, 2, Duration.ofSeconds(5))).containsExactly(0, 1);
    }
    RedisTarget target = RedisTarget.cluster(List.of("127.0.0.1:7000", "127.0.0.1:7001"), "app", password, true);
    assertThat(target.toString()).isEqualTo("cluster rediss://127.0.0.1:7000,127.0.0.1:7001").doesNotContain("ss:w");
    assertThat(RedisTarget.hostPort("::1", 6379)).isEqualTo("[::1]:6379");
    assertThatThrownBy(() -> RedisTarget.sentinel(List.of("127.0.0.1:26379"), "m", 0, null, null, "s3cret", false))
        .hasMessageContaining("spring.data.redis.sentinel.password").hasMessageNotContaining("s3cret");
  }

  static JsonNode health(ConfigurableApplicationContext context, int status) throws Exception {
    HttpResponse<String> response = ActuatorTest.get(context, "/actuator/health/lockllmRedis");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  static double state(MeterRegistry meters, String state) {
    return meters.get("lockllm.redis.circuit.state").tag("state", state).gauge().value();
  }

  static double transitions(MeterRegistry meters, String state) {
    return meters.get("lockllm.redis.circuit.transitions").tag("state", state).counter().count();
  }
}
