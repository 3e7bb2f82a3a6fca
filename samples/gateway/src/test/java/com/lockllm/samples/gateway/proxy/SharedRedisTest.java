package com.lockllm.samples.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.abuse.CounterStore;
import com.lockllm.error.AbuseDetectedException;
import com.lockllm.redis.LockLLMRedis;
import com.lockllm.samples.gateway.GatewayApplication;
import com.lockllm.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateways on one real Redis, given as Spring Boot's {@code spring.data.redis.url} and as the
 * former {@code lockllm.gateway.redis-uri}, share the response cache and the abuse counters.
 */
class SharedRedisTest {
  private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

  static RedisServer redis;
  static ConfigurableApplicationContext a;
  static ConfigurableApplicationContext b;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    a = gateway("--spring.data.redis.url=" + redis.uri());
    b = gateway("--lockllm.gateway.redis-uri=" + redis.uri()); // the former property, still taken
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    redis.close();
  }

  static ConfigurableApplicationContext gateway(String redisUrl) {
    return SpringApplication.run(GatewayApplication.class, "--server.port=0", "--server.address=127.0.0.1",
        redisUrl, "--lockllm.abuse-action=block", "--lockllm.abuse.duplicate-prompts=3");
  }

  static HttpResponse<String> chat(ConfigurableApplicationContext gateway, String prompt) throws Exception {
    int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    String body = "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":" + OBJECT_MAPPER.valueToTree(prompt) + "}]}";
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String cacheStatus(HttpResponse<?> r) {
    return r.headers().firstValue("X-LockLLM-Cache-Status").orElse(null);
  }

  @Test
  void bothUseTheStartersRedisBuiltFromSpringBootsConnection() throws Exception {
    for (ConfigurableApplicationContext gateway : List.of(a, b)) {
      assertThat(gateway.getBean(CounterStore.class)).isSameAs(gateway.getBean(LockLLMRedis.class).counterStore());
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + ((WebServerApplicationContext) gateway).getWebServer().getPort() + "/actuator/health/lockllmRedis")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(OBJECT_MAPPER.readTree(health.body()).path("status").asText()).isEqualTo("UP");
      assertThat(gateway.getBean(LockLLMRedis.class).topology()).isEqualTo("standalone");
    }
  }

  @Test
  void oneGatewaysAnswerIsTheOthersCacheHit() throws Exception {
    HttpResponse<String> first = chat(a, "What is the tallest mountain in Europe?");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(cacheStatus(first)).isEqualTo("MISS");
    HttpResponse<String> second = chat(b, "What is the tallest mountain in Europe?");
    assertThat(cacheStatus(second)).isEqualTo("HIT");
    assertThat(second.body()).contains("Echo: What is the tallest mountain in Europe?");
    assertThat(redis.keys("lockllm:response:*")).hasSize(1);
  }

  @Test
  void aClientRepeatingItselfAcrossGatewaysIsCaughtByTheSharedCounters() throws Exception {
    String prompt = "Please list three rivers in Africa.";
    assertThat(chat(a, prompt).statusCode()).isEqualTo(200);
    assertThat(chat(b, prompt).statusCode()).isEqualTo(200);
    HttpResponse<String> third = chat(a, prompt);
    assertThat(third.statusCode()).isEqualTo(400);
    assertThat(OBJECT_MAPPER.readTree(third.body()).path("error").path("code").asText())
        .isEqualTo(AbuseDetectedException.CODE);
  }
}
