package com.lockllm.samples.gateway.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.lockllm.samples.gateway.GatewayApplication;
import com.lockllm.testing.RedisServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway started as {@code main} does with every secret set to a distinctive value (the LockLLM
 * API key of the remote scanner, a provider key, the upstream key, the Redis password, the scan
 * endpoint key, the gateway client key), called by clients sending their own API key header and
 * {@code Authorization}, while
 * the LockLLM API, the upstreams and Redis fail in every way they can. No secret may appear in any log
 * line (every logger, com.lockllm and the HTTP stacks at DEBUG), response header or body, meter name or
 * tag, or exception, neither in clear, nor base64, nor as its first or last eight characters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsTest {
  static final String LOCKLLM_KEY = "llk-Qm7Zr2Vx9Kp4Tw8Bn3";
  static final String PROVIDER_KEY = "sk-Hv6Jd1Xs5Lc8Ry2Gf7";
  static final String UPSTREAM_KEY = "up-Nw4Tb9Ea3Mk7Pz1Uq6";
  static final String REDIS_PASSWORD = "rp-Ys2Fg8Lo5Wi1Cv9Dh4";
  static final String WRONG_REDIS_PASSWORD = "wp-Ge5Ub8Nc2Vo6Xa1Zs9";
  static final String SCAN_KEY = "sc-Kt3Ax7Qe2Rn6Bm9Jw5";
  static final String CLIENT_KEY = "ck-Pz8Vu1Mg4Ho7Ls3Xe6";
  static final String CALLER_AUTH = "ca-Wr5Dn2Jq9Tf4Gb8Ky1";
  static final String GATEWAY_KEY = "gk-Tz6Mb3Rw8Hq1Nc5Vd2";
  static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put("LockLLM API key", LOCKLLM_KEY);
    SECRETS.put("provider key", PROVIDER_KEY);
    SECRETS.put("upstream key", UPSTREAM_KEY);
    SECRETS.put("Redis password", REDIS_PASSWORD);
    SECRETS.put("wrong Redis password", WRONG_REDIS_PASSWORD);
    SECRETS.put("scan endpoint key", SCAN_KEY);
    SECRETS.put("client API key", CLIENT_KEY);
    SECRETS.put("caller's Authorization", CALLER_AUTH);
    SECRETS.put("gateway client key", GATEWAY_KEY);
  }

  static final String SAFE = "{\"safe\":true,\"label\":0,\"confidence\":95,\"injection\":5,\"sensitivity\":\"medium\","
      + "\"request_id\":\"req_fake_1\",\"usage\":{\"requests\":1,\"input_chars\":20}}";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final Captured CAPTURED = new Captured();

  static WireMockServer api;
  static Upstream upstream;
  static ServerSocket resetting;
  static RedisServer redis;
  static ConfigurableApplicationContext gateway;
  static ConfigurableApplicationContext wrongPassword;

  @BeforeAll
  static void start() throws Exception {
    api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").notifier(new Slf4jNotifier(false)));
    api.start();
    // WireMock's first answer is slow on a loaded machine; the gateway's scans wait at most 1 s.
    api.stubFor(post(urlEqualTo("/v1/scan")).willReturn(json(200, SAFE)));
    HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/scan"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    upstream = new Upstream();
    resetting = resettingServer();
    redis = RedisServer.start(REDIS_PASSWORD);
    String redisUri = "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0";
    // One gateway with a client key; the other anonymous on purpose, with the scan endpoint's own key.
    // admin: the key also reads /actuator/metrics, /actuator/env and /actuator/configprops, searched below.
    gateway = start(redisUri, "--lockllm.gateway.keys=secrets-client:" + sha256(GATEWAY_KEY) + ":admin");
    wrongPassword = start("redis://:" + WRONG_REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0",
        "--lockllm.gateway.anonymous=true", "--lockllm.gateway.scan-api-key=" + SCAN_KEY);
  }

  static ConfigurableApplicationContext start(String redisUri, String... access) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--lockllm.api-key=" + LOCKLLM_KEY,
        "--lockllm.base-url=http://127.0.0.1:" + api.port(),
        "--lockllm.timeout=1s", "--lockllm.max-retries=0",
        "--lockllm.abuse-action=block", "--lockllm.client-key.header=x-client-key",
        "--lockllm.cache.enabled=true",
        "--spring.data.redis.url=" + redisUri,
        "--lockllm.gateway.upstream.base-url=" + upstream.base() + "/v1",
        "--lockllm.gateway.upstream.api-key=" + UPSTREAM_KEY,
        "--lockllm.gateway.read-timeout=1s",
        "--lockllm.gateway.providers.openai.base-url=" + upstream.base() + "/openai/v1",
        "--lockllm.gateway.providers.openai.key=" + PROVIDER_KEY,
        "--lockllm.gateway.providers.flaky.base-url=http://127.0.0.1:" + resetting.getLocalPort() + "/v1",
        "--lockllm.gateway.providers.flaky.key=" + PROVIDER_KEY,
        "--management.endpoints.web.exposure.include=health,metrics,env,configprops"));
    args.addAll(List.of(access));
    args.addAll(Captured.debugArguments());
    SpringApplication app = new SpringApplication(GatewayApplication.class);
    app.addListeners(CAPTURED.listener());
    return app.run(args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() throws IOException {
    for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {gateway, wrongPassword}) {
      if (c != null) {
        c.close();
      }
    }
    CAPTURED.detach();
    // each may be missing when start() failed part-way (no redis-server, say): report that, not an NPE here
    if (api != null) {
      api.stop();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (resetting != null) {
      resetting.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  static void lockllmAnswers(ResponseDefinitionBuilder response) {
    api.resetAll();
    api.stubFor(post(urlEqualTo("/v1/scan")).willReturn(response));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  @Test
  @Order(1)
  void theApiAnswering() throws Exception {
    lockllmAnswers(json(200, SAFE));
    HttpResponse<String> chat = chat(gateway, "What is the capital of France?");
    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(chat.body()).contains("from upstream");
    assertThat(upstream.authorizations).contains("Bearer " + UPSTREAM_KEY);
    api.verify(postRequestedFor(urlEqualTo("/v1/scan")).withHeader("Authorization", equalTo("Bearer " + LOCKLLM_KEY)));
    assertThat(chat(gateway, "What is the capital of France?").headers().firstValue("X-LockLLM-Cache-Status"))
        .contains("HIT");
    assertThat(redis.keys("lockllm:response:*")).isNotEmpty(); // the password did authenticate

    assertThat(send(gateway, "/v1/proxy/openai/chat/completions", chatBody("Say hello"), "Bearer " + CALLER_AUTH)
        .statusCode()).isEqualTo(200);
    assertThat(upstream.authorizations).contains("Bearer " + PROVIDER_KEY);
    assertThat(scan(gateway, GATEWAY_KEY).statusCode()).isEqualTo(200);
    assertThat(scan(gateway, CALLER_AUTH).statusCode()).isEqualTo(401);
    assertThat(scan(gateway, SCAN_KEY).statusCode()).isEqualTo(401);
    assertThat(scan(wrongPassword, SCAN_KEY).statusCode()).isEqualTo(200);
    assertThat(scan(wrongPassword, CALLER_AUTH).statusCode()).isEqualTo(401);
    assertThat(record(HttpRequest.newBuilder(uri(gateway, "/v1/chat/completions")).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("x-api-key", CALLER_AUTH)
        .POST(HttpRequest.BodyPublishers.ofString(chatBody("Hello"))).build()).statusCode()).isEqualTo(401);
    assertThat(get(gateway, "/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void upstreamsFailing() throws Exception {
    lockllmAnswers(json(200, SAFE));
    upstream.status = 401;
    assertThat(chat(gateway, "Tell me about rivers").statusCode()).isEqualTo(401);
    upstream.status = 500;
    assertThat(send(gateway, "/v1/proxy/openai/chat/completions", chatBody("Tell me about lakes"), "Bearer " + CALLER_AUTH)
        .statusCode()).isEqualTo(500);
    upstream.status = 200;
    upstream.delayMillis = 3_000;
    assertThat(chat(gateway, "Tell me about seas").statusCode()).isEqualTo(502);
    upstream.delayMillis = 0;
    HttpResponse<String> reset = send(gateway, "/v1/proxy/flaky/chat/completions", chatBody("Tell me about oceans"),
        "Bearer " + CALLER_AUTH);
    assertThat(reset.statusCode()).isEqualTo(502);
    assertThat(reset.body()).contains("upstream_error");
  }

  @Test
  @Order(3)
  void theApiFailingInEveryWay() throws Exception {
    lockllmAnswers(json(401, "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\","
        + "\"code\":\"invalid_api_key\"}}"));
    expectUnavailable("an unauthorised key");
    assertThat(scan(gateway, GATEWAY_KEY).statusCode()).isEqualTo(503);
    lockllmAnswers(json(429, "{\"error\":{\"message\":\"Rate limit exceeded\",\"type\":\"rate_limit_error\"}}")
        .withHeader("Retry-After", "1"));
    expectUnavailable("a rate limit");
    assertThat(scan(gateway, GATEWAY_KEY).statusCode()).isEqualTo(503);
    lockllmAnswers(json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    expectUnavailable("a 503");
    assertThat(scan(gateway, GATEWAY_KEY).statusCode()).isEqualTo(503);
    lockllmAnswers(json(500, "<html>Internal Server Error</html>"));
    expectUnavailable("a 500");
    lockllmAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    expectUnavailable("a reset");
    lockllmAnswers(json(200, SAFE).withFixedDelay(3_000));
    expectUnavailable("a timeout");
    expectUnavailable("the circuit breaker open");
  }

  @Test
  @Order(4)
  void aWrongRedisPasswordFailsClosedAndTheGatewayStillStarted() throws Exception {
    lockllmAnswers(json(200, SAFE));
    HttpResponse<String> response = chat(wrongPassword, "What is the capital of Spain?");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(code(response)).isEqualTo("scanner_unavailable");
  }

  @Test
  @Order(5)
  void noSecretAnywhere() throws Exception {
    for (ConfigurableApplicationContext c : List.of(gateway, wrongPassword)) {
      MeterRegistry registry = c.getBean(MeterRegistry.class);
      for (Meter meter : registry.getMeters()) {
        CAPTURED.add(meter.getId().getName() + " " + meter.getId().getTags());
      }
      assertThat(registry.find("lockllm.scans").tag("outcome", "error").counter()).isNotNull();
      if (c == gateway) {
        // Requests are counted under the client key's name, never the key.
        assertThat(registry.find("lockllm.gateway.auth").tag("key", "secrets-client").tag("outcome", "ok").counter())
            .isNotNull();
        assertThat(registry.find("lockllm.gateway.auth").tag("outcome", "invalid").counter()).isNotNull();
      }
      HttpResponse<String> metrics = get(c, "/actuator/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      JsonNode names = JSON.readTree(metrics.body()).path("names");
      for (JsonNode name : names) {
        get(c, "/actuator/metrics/" + name.asText());
      }
      get(c, "/actuator/env");
      get(c, "/actuator/configprops");
    }
    assertThat(CAPTURED.logged("LockLLM scan failed")).isTrue();
    assertThat(CAPTURED.logged("LockLLM abuse counters failed")).isTrue();
    assertThat(CAPTURED.logEvents()).isGreaterThan(100);
    CAPTURED.assertFreeOf(SECRETS);
  }

  static void expectUnavailable(String what) throws Exception {
    HttpResponse<String> response = chat(gateway, "Summarise the news about " + what);
    assertThat(response.statusCode()).as(what).isEqualTo(503);
    assertThat(code(response)).as(what).isEqualTo("scanner_unavailable");
  }

  static String code(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("error").path("code").asText();
  }

  static String chatBody(String prompt) {
    return "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":" + JSON.valueToTree(prompt) + "}]}";
  }

  static HttpResponse<String> chat(ConfigurableApplicationContext c, String prompt) throws Exception {
    return send(c, "/v1/chat/completions", chatBody(prompt), "Bearer " + CALLER_AUTH);
  }

  /** The scan endpoint with {@code key} as the only credential. */
  static HttpResponse<String> scan(ConfigurableApplicationContext c, String key) throws Exception {
    return record(HttpRequest.newBuilder(uri(c, "/v1/scan")).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"What is the weather like?\"}")).build());
  }

  static HttpResponse<String> send(ConfigurableApplicationContext c, String path, String body, String authorization)
      throws Exception {
    return record(HttpRequest.newBuilder(uri(c, path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").header("Authorization", authorization)
        .header("x-client-key", CLIENT_KEY).header("x-api-key", CALLER_AUTH).header("X-LockLLM-Key", GATEWAY_KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  static HttpResponse<String> get(ConfigurableApplicationContext c, String path) throws Exception {
    return record(HttpRequest.newBuilder(uri(c, path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + CALLER_AUTH).header("X-LockLLM-Key", GATEWAY_KEY).GET().build());
  }

  static String sha256(String key) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  static URI uri(ConfigurableApplicationContext c, String path) {
    return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) c).getWebServer().getPort() + path);
  }

  /** Every answer the gateway gives, status line, headers and body, goes into the haystack. */
  static HttpResponse<String> record(HttpRequest request) throws Exception {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      CAPTURED.add(request.uri() + " -> " + response.statusCode() + " " + response.headers().map() + "\n" + response.body());
      return response;
    } catch (IOException e) {
      CAPTURED.add(e);
      throw e;
    }
  }

  /** Accepts connections and resets each one (RST) once the request has arrived. */
  static ServerSocket resettingServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.getInputStream().read(new byte[8192]);
          s.setSoLinger(true, 0);
        } catch (IOException e) {
          // closed
        }
      }
    }, "resetting-upstream");
    accept.setDaemon(true);
    accept.start();
    return server;
  }

  /** An OpenAI-compatible upstream answering with {@link #status} after {@link #delayMillis}; records the credentials it got. */
  static final class Upstream implements AutoCloseable {
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile long delayMillis;
    private final HttpServer server;

    Upstream() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int s = status;
      byte[] body = (s == 200
          ? "{\"id\":\"up-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
              + "\"content\":\"from upstream\"},\"finish_reason\":\"stop\"}]}"
          : "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(s, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
