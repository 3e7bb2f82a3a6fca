package com.lockllm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.PolicyViolationException;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.testing.AdapterContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An application configured only by properties: a custom policy (a list of categories, bound the
 * way a YAML list binds) enforced by the embedded engine the starter builds.
 */
@SpringBootTest(classes = EchoApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "lockllm.scanner=embedded",
        "lockllm.scan-mode=combined",
        "lockllm.policy-action=block",
        "lockllm.protected-paths=" + AdapterContract.PROTECTED_PATH,
        "lockllm.policies.no-medical.name=No medical advice",
        "lockllm.policies.no-medical.categories[0].name=Diagnosis",
        "lockllm.policies.no-medical.categories[0].phrases[0]=diagnose my symptoms",
        "lockllm.policies.no-medical.categories[0].phrases[1]=what illness do I have"})
class PolicyPropertiesTest {
  static final String VIOLATING = "Please diagnose my symptoms: a headache and a fever.";
  static final String COMPLIANT = "What is the capital of France?";

  @LocalServerPort
  int port;

  @Test
  void aPromptHittingThePolicyIsBlockedWithTheViolatedPolicy() throws Exception {
    HttpResponse<String> response = post(port, VIOLATING);
    assertThat(response.statusCode()).isEqualTo(403);
    JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(PolicyViolationException.CODE);
    assertThat(error.get("violated_policies").get(0).get("policy_name").asText()).isEqualTo("No medical advice");
    assertThat(error.get("violated_policies").get(0).get("violated_categories").get(0).get("name").asText())
        .isEqualTo("Diagnosis");
  }

  @Test
  void aCompliantPromptPassesWithThePolicyConfidence() throws Exception {
    HttpResponse<String> response = post(port, COMPLIANT);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(LockLLMHeaders.POLICY_CONFIDENCE)).isPresent();
  }

  /** The same application with the scan cache on: it starts, and cached scans give the same answers. */
  @Nested
  @SpringBootTest(classes = EchoApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
          "lockllm.scanner=embedded",
          "lockllm.scan-mode=combined",
          "lockllm.policy-action=block",
          "lockllm.protected-paths=" + AdapterContract.PROTECTED_PATH,
          "lockllm.policies.no-medical.name=No medical advice",
          "lockllm.policies.no-medical.categories.diagnosis.phrases=diagnose my symptoms, what illness do I have",
          "lockllm.cache.enabled=true",
          "lockllm.cache.ttl=1m",
          "lockllm.cache.max-entries=100"})
  class WithTheCache {
    @LocalServerPort
    int cachedPort;

    @Autowired
    LockLLMProperties properties;

    @Test
    void repeatedPromptsGetTheSameAnswers() throws Exception {
      assertThat(properties.getCache().isEnabled()).isTrue();
      for (int i = 0; i < 2; i++) {
        assertThat(post(cachedPort, VIOLATING).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = post(cachedPort, COMPLIANT);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue(LockLLMHeaders.POLICY_CONFIDENCE)).isPresent();
      }
    }
  }

  static HttpResponse<String> post(int port, String prompt) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + AdapterContract.PROTECTED_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(AnnotatedEndpointTest.chat(prompt)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
