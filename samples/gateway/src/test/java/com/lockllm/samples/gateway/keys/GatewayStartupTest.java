package com.lockllm.samples.gateway.keys;

import static com.lockllm.samples.gateway.keys.Gateways.CHAT;
import static com.lockllm.samples.gateway.keys.Gateways.send;
import static com.lockllm.samples.gateway.keys.Gateways.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.redis.LockLLMRedis;
import com.lockllm.samples.gateway.proxy.CaffeineResponseCache;
import com.lockllm.samples.gateway.proxy.ResponseCache;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Which configurations start: the keys from {@code LOCKLLM_GATEWAY_KEYS}, anonymous access only when
 * asked for, and a clear refusal for upstream credentials without client keys and for malformed keys.
 */
class GatewayStartupTest {
  static final String CAROL = "gk-carol-Ys2Fg8Lo5Wi1Cv9Dh4";
  static final String DAN = "gk-dan-Ge5Ub8Nc2Vo6Xa1Zs9Kt3";

  @Test
  void keysComeFromTheEnvironment() throws Exception {
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of(
        "LOCKLLM_GATEWAY_KEYS", "carol:" + sha256(CAROL) + ":trusted, dan:" + sha256(DAN),
        "LOCKLLM_PROVIDER_OPENAI_KEY", "sk-env-provider-key"))) {
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(401);
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", CAROL).statusCode()).isEqualTo(200);
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT, "Authorization", "Bearer " + DAN).statusCode())
          .isEqualTo(200);
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", "gk-eve").statusCode()).isEqualTo(401);
    }
  }

  /**
   * Spring Data Redis is on the class path (for Boot's connection details), whose default is
   * localhost:6379; without REDIS_URL (blank counts as unset) the gateway keeps its state in memory.
   */
  @Test
  void withoutRedisUrlTheGatewayRunsWithoutRedis() throws Exception {
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of("REDIS_URL", " "))) {
      assertThat(gateway.getBeanNamesForType(LockLLMRedis.class)).isEmpty();
      assertThat(gateway.getBean(ResponseCache.class)).isInstanceOf(CaffeineResponseCache.class);
      assertThat(gateway.getEnvironment().getProperty("spring.data.redis.url")).isNull();
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void upstreamCredentialsWithoutClientKeysDoNotStart() {
    for (Map<String, String> env : java.util.List.of(
        Map.of("UPSTREAM_API_KEY", "sk-upstream"),
        Map.of("LOCKLLM_PROVIDER_OPENAI_KEY", "sk-openai"),
        Map.of("LOCKLLM_PROVIDER_VERTEX_AI_KEY", "ya29.token"))) {
      assertRefused(() -> Gateways.start(env), "upstream credentials");
    }
    assertRefused(() -> Gateways.start(Map.of(), "--lockllm.gateway.providers.anthropic.key=sk-ant"),
        "upstream credentials");
    assertRefused(() -> Gateways.start(Map.of(), "--lockllm.gateway.upstream.api-key=sk-up",
        "--lockllm.gateway.upstream.base-url=http://127.0.0.1:9/v1"), "upstream credentials");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_PROVIDER_LOCAL_KEY", "sk-local"),
        "--lockllm.gateway.providers.local.base-url=http://127.0.0.1:9/v1"), "upstream credentials");
    // What "APPLICATION FAILED TO START" prints: the problem and what to do, no stack trace, no secret.
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
        () -> Gateways.start(Map.of("UPSTREAM_API_KEY", "sk-upstream")));
    assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
        .contains(GatewayFailureAnalyzer.class.getName());
    FailureAnalysis analysis = new GatewayFailureAnalyzer().analyze(refused);
    assertThat(analysis.getDescription()).contains("upstream credentials").doesNotContain("sk-upstream");
    assertThat(analysis.getAction()).contains("LOCKLLM_GATEWAY_KEYS").contains("sha256sum")
        .contains("LOCKLLM_GATEWAY_ANONYMOUS=true");
  }

  @Test
  void anonymousAccessIsAnExplicitChoice() throws Exception {
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of(
        "LOCKLLM_PROVIDER_OPENAI_KEY", "sk-openai", "LOCKLLM_GATEWAY_ANONYMOUS", "true"))) {
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }
    // Keys and anonymous access: a key is optional, a wrong one is just no key.
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of("UPSTREAM_API_KEY", "sk-upstream"),
        "--lockllm.gateway.anonymous=true", "--lockllm.gateway.keys=carol:" + sha256(CAROL))) {
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", CAROL).statusCode()).isEqualTo(200);
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT, "x-api-key", "other").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anEmptyKeyListIsNoKey() throws Exception {
    try (ConfigurableApplicationContext gateway = Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", ""))) {
      assertThat(send(gateway, "POST", "/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", " , ", "UPSTREAM_API_KEY", "sk-upstream")),
        "upstream credentials");
  }

  @Test
  void malformedOrInconsistentKeyConfigurationsDoNotStart() {
    String raw = "sk-raw-key-pasted-by-mistake-123";
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", "carol:" + raw)), "sha256")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
    assertRefused(() -> Gateways.start(Map.of(), "--lockllm.gateway.keys[0].name=carol",
        "--lockllm.gateway.keys[0].sha256=" + sha256(CAROL).substring(1)), "sha256");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", "carol:" + sha256(CAROL) + ":root")),
        "unknown flag");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", "car ol:" + sha256(CAROL))), "name");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS",
        "carol:" + sha256(CAROL) + ",carol2:" + sha256(CAROL))), "same digest");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_KEYS", "carol:" + sha256(CAROL)),
        "--lockllm.gateway.scan-api-key=sc-key"), "scan-api-key");
    assertRefused(() -> Gateways.start(Map.of("LOCKLLM_GATEWAY_REDIS_KEYS", "true")), "no Redis");
  }

  static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable start, String says) {
    return assertThatThrownBy(start).as(says).hasRootCauseInstanceOf(GatewayConfigurationException.class)
        .rootCause().hasMessageContaining(says);
  }
}
