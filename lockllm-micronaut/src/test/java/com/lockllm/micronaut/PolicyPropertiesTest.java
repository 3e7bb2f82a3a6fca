package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.PolicyViolationException;
import com.lockllm.proxy.LockLLMHeaders;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application configured only by properties: a custom policy (a list of categories, bound the
 * way a YAML list binds) enforced by the embedded engine the factory builds, on the real server.
 */
class PolicyPropertiesTest {
  static final String SPEC = "PolicyPropertiesTest";
  static final String VIOLATING = Http.chat("Please diagnose my symptoms: a headache and a fever.");
  static final String COMPLIANT = Http.chat("What is the capital of France?");

  @Test
  void aPolicyFromPropertiesBlocksViolationsAndPassesCompliantPrompts() throws Exception {
    try (EmbeddedServer server = start(Map.of())) {
      HttpResponse<String> blocked = Http.post(server, "/chat", VIOLATING);
      assertThat(blocked.statusCode()).isEqualTo(403);
      JsonNode error = new ObjectMapper().readTree(blocked.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo(PolicyViolationException.CODE);
      JsonNode violated = error.get("violated_policies").get(0);
      assertThat(violated.get("policy_name").asText()).isEqualTo("No medical advice");
      assertThat(violated.get("violated_categories").get(0).get("name").asText()).isEqualTo("Diagnosis");

      HttpResponse<String> passed = Http.post(server, "/chat", COMPLIANT);
      assertThat(passed.statusCode()).isEqualTo(200);
      assertThat(passed.headers().firstValue(LockLLMHeaders.POLICY_CONFIDENCE)).isPresent();
    }
  }

  @Test
  void theSameApplicationStartsWithTheScanCacheAndAnswersTheSame() throws Exception {
    try (EmbeddedServer server = start(Map.of(
        "lockllm.cache.enabled", "true", "lockllm.cache.ttl", "1m", "lockllm.cache.max-entries", "100"))) {
      assertThat(server.getApplicationContext().getBean(LockLLMConfiguration.class).getCache().getEnabled()).isTrue();
      for (int i = 0; i < 2; i++) {
        assertThat(Http.post(server, "/chat", VIOLATING).statusCode()).isEqualTo(403);
        HttpResponse<String> passed = Http.post(server, "/chat", COMPLIANT);
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.headers().firstValue(LockLLMHeaders.POLICY_CONFIDENCE)).isPresent();
      }
    }
  }

  private static EmbeddedServer start(Map<String, Object> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spec.name", SPEC);
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1);
    properties.put("lockllm.scanner", "embedded");
    properties.put("lockllm.scan-mode", "combined");
    properties.put("lockllm.policy-action", "block");
    properties.put("lockllm.protected-paths", "/chat");
    properties.put("lockllm.policies.no-medical.name", "No medical advice");
    properties.put("lockllm.policies.no-medical.categories[0].name", "Diagnosis");
    properties.put("lockllm.policies.no-medical.categories[0].phrases[0]", "diagnose my symptoms");
    properties.put("lockllm.policies.no-medical.categories[0].phrases[1]", "what illness do I have");
    properties.putAll(extra);
    return ApplicationContext.run(EmbeddedServer.class, properties);
  }

  @Requires(property = "spec.name", value = SPEC)
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body String body) {
      return "ok";
    }
  }
}
