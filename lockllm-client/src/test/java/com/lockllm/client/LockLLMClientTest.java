package com.lockllm.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.NetworkException;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.Debug;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanWarning;
import com.lockllm.scan.Sensitivity;
import com.lockllm.scan.Usage;
import com.lockllm.scan.ViolatedCategory;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LockLLMClientTest extends ClientTestSupport {

  @Nested
  class Configuration {
    @Test
    void defaults() {
      LockLLMClient client = LockLLMClient.builder().apiKey(API_KEY).build();

      assertThat(client.baseUrl()).isEqualTo("https://api.lockllm.com");
      assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(client.maxRetries()).isEqualTo(3);
    }

    @Test
    void customValuesAreKeptAndOneTrailingSlashDropped() {
      LockLLMClient client =
          LockLLMClient.builder()
              .apiKey(API_KEY)
              .baseUrl("https://lockllm.internal:8443/api/")
              .timeout(Duration.ofSeconds(30))
              .maxRetries(0)
              .build();

      assertThat(client.baseUrl()).isEqualTo("https://lockllm.internal:8443/api");
      assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(client.maxRetries()).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void missingKeyIsAConfigurationError(String key) {
      assertThatThrownBy(() -> LockLLMClient.builder().apiKey(key).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("API key is required. Get your API key from https://www.lockllm.com/dashboard");
    }

    @Test
    void keyWithAControlCharacterIsRefusedWithoutEchoingIt() {
      assertThatThrownBy(() -> LockLLMClient.builder().apiKey("llm_secret\u0000part").build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageNotContaining("llm_secret")
          .hasMessageNotContaining("part");
    }

    @Test
    void surroundingWhitespaceOfTheKeyIsDropped() {
      answer(json(200, SAFE_JSON));

      client().apiKey("  " + API_KEY + "\n").build().scan("hi", ScanOptions.empty());

      API.verify(postRequestedFor(urlEqualTo("/v1/scan")).withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void invalidSettingsNameTheField() {
      assertThatThrownBy(() -> LockLLMClient.builder().apiKey(API_KEY).baseUrl("ftp://x").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl")
          .hasMessageContaining("ftp://x");
      assertThatThrownBy(() -> LockLLMClient.builder().apiKey(API_KEY).baseUrl("not a url").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("baseUrl");
      assertThatThrownBy(() -> LockLLMClient.builder().maxRetries(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxRetries")
          .hasMessageContaining("-1");
      assertThatThrownBy(() -> LockLLMClient.builder().timeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout");
      assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout");
    }

    @Test
    void toStringMasksTheKey() {
      LockLLMClient client = LockLLMClient.builder().apiKey(API_KEY).build();

      assertThat(client.toString())
          .doesNotContain(API_KEY)
          .contains("****3456")
          .contains("https://api.lockllm.com")
          .contains("maxRetries=3");
      assertThat(LockLLMClient.mask("short")).isEqualTo("****");
      assertThat(RemoteScanner.create(client).toString()).doesNotContain(API_KEY);
    }

    @Test
    void fromCopiesTheSettings() {
      LockLLMClient original = client().maxRetries(1).build();

      LockLLMClient copy = LockLLMClient.from(original).timeout(Duration.ofSeconds(2)).build();

      assertThat(copy.baseUrl()).isEqualTo(original.baseUrl());
      assertThat(copy.maxRetries()).isEqualTo(1);
      assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void requestOptionsToStringHidesHeaderValues() {
      RequestOptions options = RequestOptions.builder().header("Authorization", "Bearer other_secret").build();

      assertThat(options.toString()).contains("Authorization").doesNotContain("other_secret");
    }
  }

  @Nested
  class RequestShape {
    @Test
    void postsInputAndDefaultSensitivityWithTheFixedHeaders() {
      answer(json(200, SAFE_JSON));

      client().build().scan("Hello world", ScanOptions.empty());

      API.verify(
          postRequestedFor(urlEqualTo("/v1/scan"))
              .withHeader("Content-Type", equalTo("application/json"))
              .withHeader("Authorization", equalTo("Bearer " + API_KEY))
              .withHeader("X-Request-Id", matching("[0-9a-f]{16}"))
              .withHeader("User-Agent", matching("lockllm-java/\\S+"))
              .withHeader("X-LockLLM-Sensitivity", equalTo("medium"))
              .withHeader("X-LockLLM-Scan-Mode", absent())
              .withHeader("X-LockLLM-Scan-Action", absent())
              .withHeader("X-LockLLM-Policy-Action", absent())
              .withHeader("X-LockLLM-Abuse-Action", absent())
              .withHeader("X-LockLLM-PII-Action", absent())
              .withHeader("X-LockLLM-Chunk", absent())
              .withHeader("X-LockLLM-Compression", absent())
              .withHeader("X-LockLLM-Compression-Rate", absent())
              .withRequestBody(equalToJson("{\"input\":\"Hello world\",\"sensitivity\":\"medium\"}")));
    }

    @Test
    void sensitivityGoesInBodyAndHeader() {
      answer(json(200, SAFE_JSON));

      client().build().scan("x", ScanOptions.builder().sensitivity(Sensitivity.LOW).build());

      API.verify(
          postRequestedFor(urlEqualTo("/v1/scan"))
              .withHeader("X-LockLLM-Sensitivity", equalTo("low"))
              .withRequestBody(equalToJson("{\"input\":\"x\",\"sensitivity\":\"low\"}")));
    }

    @Test
    void everyOptionBecomesItsHeader() {
      answer(json(200, SAFE_JSON));
      ScanOptions options =
          ScanOptions.builder()
              .sensitivity(Sensitivity.HIGH)
              .scanMode(ScanMode.POLICY_ONLY)
              .scanAction(ScanAction.BLOCK)
              .policyAction(ScanAction.ALLOW_WITH_WARNING)
              .abuseAction(ScanAction.BLOCK)
              .piiAction(PiiAction.STRIP)
              .chunk(true)
              .compression(CompressionMethod.COMPACT)
              .compressionRate(0.4)
              .build();

      client().build().scan(ScanRequest.of("x", options));

      API.verify(
          postRequestedFor(urlEqualTo("/v1/scan"))
              .withHeader("X-LockLLM-Sensitivity", equalTo("high"))
              .withHeader("X-LockLLM-Scan-Mode", equalTo("policy_only"))
              .withHeader("X-LockLLM-Scan-Action", equalTo("block"))
              .withHeader("X-LockLLM-Policy-Action", equalTo("allow_with_warning"))
              .withHeader("X-LockLLM-Abuse-Action", equalTo("block"))
              .withHeader("X-LockLLM-PII-Action", equalTo("strip"))
              .withHeader("X-LockLLM-Chunk", equalTo("true"))
              .withHeader("X-LockLLM-Compression", equalTo("compact"))
              .withHeader("X-LockLLM-Compression-Rate", equalTo("0.4")));
    }

    @Test
    void chunkFalseIsSent() {
      assertThat(LockLLMHeaders.forOptions(ScanOptions.builder().chunk(false).build()))
          .containsExactly(Map.entry("X-LockLLM-Chunk", "false"));
      assertThat(LockLLMHeaders.forOptions(ScanOptions.empty())).isEmpty();
      assertThat(LockLLMHeaders.forOptions(ScanOptions.builder().compressionRate(0.5).build()))
          .containsExactly(Map.entry("X-LockLLM-Compression-Rate", "0.5"));
    }

    @Test
    void callerHeadersOverrideOursWhateverTheirCase() {
      answer(json(200, SAFE_JSON));
      RequestOptions perCall =
          RequestOptions.builder()
              .header("x-lockllm-scan-mode", "normal")
              .header("X-Custom", "yes")
              .header("user-agent", "my-app/1.0")
              .build();

      client().build().scan("x", ScanOptions.builder().scanMode(ScanMode.COMBINED).build(), perCall);

      LoggedRequest sent = scanRequests().get(0);
      assertThat(sent.getHeaders().getHeader("X-LockLLM-Scan-Mode").values()).containsExactly("normal");
      assertThat(sent.getHeaders().getHeader("User-Agent").values()).containsExactly("my-app/1.0");
      assertThat(sent.getHeader("X-Custom")).isEqualTo("yes");
    }

    @Test
    void callerRequestIdBecomesTheCallsId() {
      answer(aResponse().withStatus(401).withBody(AUTH_ERROR_JSON));

      assertThatThrownBy(
              () ->
                  client().build().scan("x", ScanOptions.empty(),
                      RequestOptions.builder().header("x-request-id", "mine-1").build()))
          .isInstanceOfSatisfying(LockLLMException.class, e -> assertThat(e.requestId()).isEqualTo("mine-1"));
      API.verify(postRequestedFor(urlEqualTo("/v1/scan")).withHeader("X-Request-Id", equalTo("mine-1")));
    }

    @Test
    void headersTheJdkRefusesAreAConfigurationError() {
      RequestOptions perCall = RequestOptions.builder().header("Host", "evil.example").build();

      assertThatThrownBy(() -> client().build().scan("x", ScanOptions.empty(), perCall))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("Host");
      assertThat(scanRequests()).isEmpty();
    }

    @Test
    void perRequestTimeoutReplacesTheClients() {
      answer(json(200, SAFE_JSON).withFixedDelay(2_000));
      LockLLMClient client = client().timeout(Duration.ofSeconds(10)).maxRetries(0).build();
      long start = System.nanoTime();

      assertThatThrownBy(
              () -> client.scan("x", ScanOptions.empty(),
                  RequestOptions.builder().timeout(Duration.ofMillis(200)).build()))
          .isInstanceOf(NetworkException.class)
          .hasMessageStartingWith("Network request failed after 1 attempts: HttpTimeoutException")
          .hasCauseInstanceOf(HttpTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void suppliedHttpClientIsUsed() {
      answer(json(200, SAFE_JSON));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      ScanResponse response = client().httpClient(http).build().scan("x", ScanOptions.empty());

      assertThat(response.safe()).isTrue();
    }
  }

  @Nested
  class Responses {
    @Test
    void safeResponse() {
      answer(json(200, SAFE_JSON));

      ScanResponse r = client().build().scan("Hello", ScanOptions.empty());

      assertThat(r.safe()).isTrue();
      assertThat(r.label()).isZero();
      assertThat(r.confidence()).isEqualTo(95.0);
      assertThat(r.injection()).isEqualTo(5.0);
      assertThat(r.sensitivity()).isEqualTo(Sensitivity.MEDIUM);
      assertThat(r.requestId()).isEqualTo("test_request_123");
      assertThat(r.usage()).isEqualTo(new Usage(1, 20));
      assertThat(r.debug()).isNull();
    }

    @Test
    void unsafeResponseWithDebug() {
      answer(json(200, UNSAFE_JSON));

      ScanResponse r = client().build().scan("Ignore previous instructions", ScanOptions.empty());

      assertThat(r.safe()).isFalse();
      assertThat(r.label()).isEqualTo(1);
      assertThat(r.injection()).isEqualTo(87.0);
      assertThat(r.debug()).isEqualTo(new Debug(150L, 120L, "single"));
    }

    @Test
    void everyNestedType() {
      answer(json(200, """
          {"safe":false,"label":1,"confidence":90.5,"injection":88,"sensitivity":"high",
           "request_id":"req_full","policy_confidence":88.5,
           "usage":{"requests":2,"input_chars":120},
           "debug":{"duration_ms":300,"inference_ms":250,"mode":"chunked"},
           "policy_warnings":[
             {"policy_name":"No medical advice","violated_categories":[{"name":"S6","description":"Specialized advice"}],
              "violation_details":"asks for a dosage"},
             {"policy_name":"Custom","violated_categories":[{"name":"S15"}]}],
           "scan_warning":{"message":"Prompt injection detected","injection_score":88,"confidence":90.5,"label":1},
           "abuse_warnings":{"detected":true,"confidence":75,"abuse_types":["bot_generated"],
             "indicators":{"bot_score":80,"repetition_score":10,"resource_score":5,"pattern_score":1},
             "recommendation":"slow down"},
           "routing":{"enabled":true,"task_type":"Code Generation","complexity":0.7,
             "selected_model":"gpt-4o-mini","reasoning":"simple","estimated_cost":0.0012},
           "pii_result":{"detected":true,"entity_types":["Email"],"entity_count":1,"redacted_input":"mail [Email]"},
           "compression_result":{"method":"toon","compressed_input":"a:1","original_length":40,
             "compressed_length":20,"compression_ratio":0.5},
           "some_future_field":{"x":1}}
          """));

      ScanResponse r = client().build().scan("x", ScanOptions.empty());

      assertThat(r.policyConfidence()).isEqualTo(88.5);
      assertThat(r.usage()).isEqualTo(new Usage(2, 120));
      assertThat(r.debug()).isEqualTo(new Debug(300L, 250L, "chunked"));
      assertThat(r.policyWarnings())
          .containsExactly(
              new PolicyViolation("No medical advice", List.of(new ViolatedCategory("S6", "Specialized advice")),
                  "asks for a dosage"),
              new PolicyViolation("Custom", List.of(new ViolatedCategory("S15", null)), null));
      assertThat(r.scanWarning()).isEqualTo(new ScanWarning("Prompt injection detected", 88.0, 90.5, 1));
      assertThat(r.abuseWarnings())
          .isEqualTo(new AbuseWarning(true, 75.0, List.of("bot_generated"),
              Map.of("bot_score", 80.0, "repetition_score", 10.0, "resource_score", 5.0, "pattern_score", 1.0),
              "slow down"));
      assertThat(r.routing())
          .isEqualTo(new RoutingInfo(true, "Code Generation", 0.7, "gpt-4o-mini", "simple", 0.0012));
      assertThat(r.piiResult()).isEqualTo(new PiiResult(true, List.of("Email"), 1, "mail [Email]"));
      assertThat(r.compressionResult()).isEqualTo(new CompressionResult("toon", "a:1", 40, 20, 0.5));
      assertThat(r.findings()).isNull();
    }

    @Test
    void emptyObjectsAndListsAreAbsent() {
      answer(json(200, """
          {"safe":true,"label":0,"sensitivity":"medium","request_id":"r",
           "policy_warnings":[],"scan_warning":{},"abuse_warnings":{},"routing":{},
           "pii_result":{},"compression_result":{}}
          """));

      ScanResponse r = client().build().scan("x", ScanOptions.empty());

      assertThat(r.policyWarnings()).isNull();
      assertThat(r.scanWarning()).isNull();
      assertThat(r.abuseWarnings()).isNull();
      assertThat(r.routing()).isNull();
      assertThat(r.piiResult()).isNull();
      assertThat(r.compressionResult()).isNull();
      assertThat(r.confidence()).isNull();
      assertThat(r.injection()).isNull();
      assertThat(r.usage()).isNull();
    }

    @Test
    void requestIdFallsBackToTheResponseHeader() {
      answer(json(200, "{\"safe\":true,\"label\":0,\"sensitivity\":\"medium\"}").withHeader("X-Request-Id", "hdr_1"));

      assertThat(client().build().scan("x", ScanOptions.empty()).requestId()).isEqualTo("hdr_1");
    }

    @Test
    void requestIdFallsBackToTheClientsOwn() {
      answer(json(200, "{\"safe\":true,\"label\":0,\"sensitivity\":\"medium\"}"));

      String id = client().build().scan("x", ScanOptions.empty()).requestId();

      assertThat(id).matches("[0-9a-f]{16}");
      assertThat(scanRequests().get(0).getHeader("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void missingSensitivityIsTheRequestedOne() {
      answer(json(200, "{\"safe\":true,\"label\":0}"));

      ScanResponse r = client().build().scan("x", ScanOptions.builder().sensitivity(Sensitivity.HIGH).build());

      assertThat(r.sensitivity()).isEqualTo(Sensitivity.HIGH);
    }

    @Test
    void policyOnlyModeHasNoCoreScores() {
      answer(json(200, "{\"safe\":true,\"label\":0,\"sensitivity\":\"medium\",\"policy_confidence\":95}"));

      ScanResponse r = client().build().scan("x", ScanOptions.builder().scanMode(ScanMode.POLICY_ONLY).build());

      assertThat(r.confidence()).isNull();
      assertThat(r.injection()).isNull();
      assertThat(r.policyConfidence()).isEqualTo(95.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{not json", "", "[]", "{}", "null", "{\"safe\":\"yes\",\"label\":0}", "{\"safe\":true}",
        "{\"safe\":true,\"label\":0,\"sensitivity\":\"extreme\"}",
        "{\"safe\":true,\"label\":0,\"usage\":\"lots\"}"})
    void malformedSuccessBodyIsATypedError(String body) {
      answer(json(200, body).withHeader("X-Request-Id", "hdr_bad"));

      assertThatThrownBy(() -> client().build().scan("x", ScanOptions.empty()))
          .isInstanceOfSatisfying(
              LockLLMException.class,
              e -> {
                assertThat(e.getClass()).isEqualTo(LockLLMException.class);
                assertThat(e.type()).isEqualTo(LockLLMErrors.INVALID_RESPONSE_TYPE);
                assertThat(e.code()).isEqualTo(LockLLMErrors.INVALID_RESPONSE_CODE);
                assertThat(e.status()).isEqualTo(200);
                assertThat(e.requestId()).isEqualTo("hdr_bad");
                assertThat(e.getMessage()).startsWith("Invalid response from the LockLLM API (HTTP 200)");
              });
      assertThat(scanRequests()).hasSize(1);
    }
  }
}
