package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.proxy.ProxyResponseHeaders;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanWarning;
import com.lockllm.scan.Sensitivity;
import com.lockllm.scan.ViolatedCategory;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reading the proxy's response headers, alone and after {@link ProxyResponseHeaders} wrote them. */
class ProxyResponseMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ScanResponse FULL =
      ScanResponse.builder()
          .safe(false)
          .label(1)
          .confidence(92.0)
          .injection(87.5)
          .sensitivity(Sensitivity.HIGH)
          .requestId("req_full")
          .policyConfidence(88.5)
          .policyWarnings(
              List.of(
                  new PolicyViolation(
                      "No medical advice",
                      List.of(new ViolatedCategory("S6", "Specialized advice")),
                      "asks for a dosage")))
          .scanWarning(new ScanWarning("Prompt injection detected", 87.5, 92.0, 1))
          .abuseWarnings(
              new AbuseWarning(
                  true, 75.0, List.of("bot_generated", "repetition"), Map.of("bot_score", 80.0),
                  "slow down"))
          .piiResult(new PiiResult(true, List.of("Email", "Phone Number"), 3, "[Email] [Phone Number]"))
          .compressionResult(new CompressionResult("toon", "a:1", 40, 20, 0.5))
          .routing(new RoutingInfo(true, "Code Generation", 0.7, "gpt-4o-mini", "simple task", 0.0012))
          .build();

  private static String b64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class RoundTrip {
    @Test
    void headersForThenParseGivesTheSameValues() {
      ScanOptions options = ScanOptions.builder().scanMode(ScanMode.POLICY_ONLY).piiAction(PiiAction.STRIP).build();

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(ProxyResponseHeaders.headersFor(FULL, options));

      assertThat(m.scanned()).isTrue();
      assertThat(m.safe()).isEqualTo(FULL.safe());
      assertThat(m.label()).isEqualTo(FULL.label());
      assertThat(m.injectionScore()).isEqualTo(FULL.injection());
      assertThat(m.confidence()).isEqualTo(FULL.confidence());
      assertThat(m.sensitivity()).isEqualTo("high");
      assertThat(m.scanMode()).isEqualTo("policy_only");
      assertThat(m.requestId()).isEqualTo("req_full");
      assertThat(m.policyConfidence()).isEqualTo(88.5);
      assertThat(m.blocked()).isFalse();

      assertThat(m.scanWarning().injectionScore()).isEqualTo(87.5);
      assertThat(m.scanWarning().confidence()).isEqualTo(92.0);
      assertThat(JSON.convertValue(m.scanWarning().decodedDetail(), ScanWarning.class))
          .isEqualTo(FULL.scanWarning());

      assertThat(m.policyWarnings().count()).isEqualTo(1);
      assertThat(m.policyWarnings().confidence()).isEqualTo(88.5);
      assertThat(JSON.convertValue(m.policyWarnings().decodedDetail(), PolicyViolation[].class))
          .containsExactlyElementsOf(FULL.policyWarnings());

      assertThat(m.abuse().confidence()).isEqualTo(75.0);
      assertThat(m.abuse().types()).isEqualTo(FULL.abuseWarnings().abuseTypes());
      assertThat(JSON.convertValue(m.abuse().decodedDetail(), AbuseWarning.class))
          .isEqualTo(FULL.abuseWarnings());

      assertThat(m.pii())
          .isEqualTo(new ProxyResponseMetadata.Pii(true, List.of("Email", "Phone Number"), 3, "strip"));
      assertThat(m.compression()).isEqualTo(new ProxyResponseMetadata.Compression("toon", true, 0.5));

      assertThat(m.routing().taskType()).isEqualTo("Code Generation");
      assertThat(m.routing().complexity()).isEqualTo(0.7);
      assertThat(m.routing().selectedModel()).isEqualTo("gpt-4o-mini");
      assertThat(m.routing().routingReason()).isEqualTo("simple task");
      assertThat(m.routing().estimatedRoutedCost()).isEqualTo(0.0012);
      assertThat(m.credits().estimatedRoutedCost()).isEqualTo(0.0012);
    }

    @Test
    void arbitraryScoresSurviveTheTrip() {
      for (double score : new double[] {0, 0.1, 0.88, 1.0 / 3, 12.345678901234, 99.99, 100}) {
        ScanResponse response = ScanResponse.builder().injection(score).confidence(100 - score).build();
        ProxyResponseMetadata m = ProxyResponseMetadata.parse(ProxyResponseHeaders.headersFor(response));
        assertThat(m.injectionScore()).isEqualTo(score);
        assertThat(m.confidence()).isEqualTo(100 - score);
      }
    }

    @Test
    void unscannedHeadersSayNotScanned() {
      assertThat(ProxyResponseMetadata.parse(ProxyResponseHeaders.unscannedHeaders()).scanned()).isFalse();
    }
  }

  @Nested
  class Parse {
    private Map<String, String> base(String requestId) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("x-request-id", requestId);
      h.put("x-lockllm-scanned", "true");
      h.put("x-lockllm-safe", "true");
      h.put("x-lockllm-provider", "openai");
      return h;
    }

    @Test
    void minimalHeaders() {
      ProxyResponseMetadata m = ProxyResponseMetadata.parse(base("req_123"));

      assertThat(m.requestId()).isEqualTo("req_123");
      assertThat(m.scanned()).isTrue();
      assertThat(m.safe()).isTrue();
      assertThat(m.provider()).isEqualTo("openai");
      assertThat(m.scanMode()).isEqualTo("combined");
      assertThat(m.creditsMode()).isEqualTo("byok");
      assertThat(m.scanWarning()).isNull();
      assertThat(m.credits()).isNull();
      assertThat(m.cache()).isNull();
    }

    @Test
    void emptyHeadersGiveDefaults() {
      ProxyResponseMetadata m = ProxyResponseMetadata.parse(Map.of());

      assertThat(m)
          .isEqualTo(
              new ProxyResponseMetadata(
                  "", false, false, "combined", "byok", "", null, null, null, null, null, null, false,
                  null, null, null, null, null, null, null, null));
    }

    @Test
    void unsafeResponse() {
      Map<String, String> h = base("req_456");
      h.put("x-lockllm-safe", "false");
      h.put("x-lockllm-label", "1");
      h.put("x-lockllm-model", "claude-3");
      h.put("x-lockllm-blocked", "true");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.safe()).isFalse();
      assertThat(m.label()).isEqualTo(1);
      assertThat(m.model()).isEqualTo("claude-3");
      assertThat(m.blocked()).isTrue();
    }

    @Test
    void unparsableNumbersAreNull() {
      Map<String, String> h = base("req_789");
      h.put("x-lockllm-label", "invalid");
      h.put("x-lockllm-policy-confidence", "high");
      h.put("x-lockllm-confidence", "NaN");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.label()).isNull();
      assertThat(m.policyConfidence()).isNull();
      assertThat(m.confidence()).isNull();
    }

    @Test
    void flagsAreTrueOnlyForExactlyTrue() {
      Map<String, String> h = base("r");
      h.put("x-lockllm-safe", "TRUE");
      h.put("x-lockllm-scan-warning", "yes");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.safe()).isFalse();
      assertThat(m.scanWarning()).isNull();
    }

    @Test
    void policyConfidence() {
      Map<String, String> h = base("req_abc");
      h.put("x-lockllm-policy-confidence", "87.5");

      assertThat(ProxyResponseMetadata.parse(h).policyConfidence()).isEqualTo(87.5);
    }

    @Test
    void scanWarning() {
      Map<String, String> h = base("req_warn");
      h.put("x-lockllm-safe", "false");
      h.put("x-lockllm-scan-warning", "true");
      h.put("x-lockllm-injection-score", "85.5");
      h.put("x-lockllm-confidence", "92.0");
      h.put("x-lockllm-scan-detail", "encoded_detail");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.scanWarning()).isEqualTo(new ProxyResponseMetadata.ScanWarning(85.5, 92.0, "encoded_detail"));
      assertThat(m.scanWarning().decodedDetail()).isNull();
    }

    @Test
    void scanWarningWithoutValuesHasNullNumbers() {
      Map<String, String> h = base("req_warn2");
      h.put("x-lockllm-scan-warning", "true");

      assertThat(ProxyResponseMetadata.parse(h).scanWarning())
          .isEqualTo(new ProxyResponseMetadata.ScanWarning(null, null, ""));
    }

    @Test
    void policyWarnings() {
      Map<String, String> h = base("req_policy");
      h.put("x-lockllm-policy-warnings", "true");
      h.put("x-lockllm-warning-count", "3");
      h.put("x-lockllm-policy-confidence", "90.0");
      h.put("x-lockllm-warning-detail", "detail_encoded");

      assertThat(ProxyResponseMetadata.parse(h).policyWarnings())
          .isEqualTo(new ProxyResponseMetadata.PolicyWarnings(3, 90.0, "detail_encoded"));
    }

    @Test
    void policyWarningsWithoutValues() {
      Map<String, String> h = base("req_policy2");
      h.put("x-lockllm-policy-warnings", "true");

      assertThat(ProxyResponseMetadata.parse(h).policyWarnings())
          .isEqualTo(new ProxyResponseMetadata.PolicyWarnings(null, null, ""));
    }

    @Test
    void abuseDetected() {
      Map<String, String> h = base("req_abuse");
      h.put("x-lockllm-abuse-detected", "true");
      h.put("x-lockllm-abuse-confidence", "88.0");
      h.put("x-lockllm-abuse-types", "bot_generated, rapid_requests");
      h.put("x-lockllm-abuse-detail", b64("{\"confidence\":88}"));

      ProxyResponseMetadata.Abuse abuse = ProxyResponseMetadata.parse(h).abuse();

      assertThat(abuse.confidence()).isEqualTo(88.0);
      assertThat(abuse.types()).containsExactly("bot_generated", "rapid_requests");
      assertThat(abuse.decodedDetail().get("confidence").asInt()).isEqualTo(88);
    }

    @Test
    void abuseWithoutValues() {
      Map<String, String> h = base("req_abuse2");
      h.put("x-lockllm-abuse-detected", "true");

      assertThat(ProxyResponseMetadata.parse(h).abuse())
          .isEqualTo(new ProxyResponseMetadata.Abuse(null, List.of(), ""));
    }

    @Test
    void routingWithValues() {
      Map<String, String> h = base("req_route");
      h.put("x-lockllm-route-enabled", "true");
      h.put("x-lockllm-task-type", "Code Generation");
      h.put("x-lockllm-complexity", "0.8");
      h.put("x-lockllm-selected-model", "gpt-4");
      h.put("x-lockllm-routing-reason", "complex task");
      h.put("x-lockllm-original-provider", "openai");
      h.put("x-lockllm-original-model", "gpt-3.5-turbo");
      h.put("x-lockllm-estimated-savings", "0.05");
      h.put("x-lockllm-estimated-original-cost", "0.10");
      h.put("x-lockllm-estimated-routed-cost", "0.05");
      h.put("x-lockllm-estimated-input-tokens", "500");
      h.put("x-lockllm-estimated-output-tokens", "200");
      h.put("x-lockllm-routing-fee-reason", "cost_savings");

      assertThat(ProxyResponseMetadata.parse(h).routing())
          .isEqualTo(
              new ProxyResponseMetadata.Routing(
                  "Code Generation", 0.8, "gpt-4", "complex task", "openai", "gpt-3.5-turbo", 0.05,
                  0.10, 0.05, 500, 200, "cost_savings"));
    }

    @Test
    void routingWithoutValues() {
      Map<String, String> h = base("req_route2");
      h.put("x-lockllm-route-enabled", "true");

      assertThat(ProxyResponseMetadata.parse(h).routing())
          .isEqualTo(
              new ProxyResponseMetadata.Routing(
                  "", null, "", "", "", "", null, null, null, null, null, null));
    }

    @Test
    void routingDisabledGivesNoRouting() {
      Map<String, String> h = base("r");
      h.put("x-lockllm-route-enabled", "false");
      h.put("x-lockllm-task-type", "Other");

      assertThat(ProxyResponseMetadata.parse(h).routing()).isNull();
    }

    @Test
    void creditTrackingAndCostEstimatesWithoutRouting() {
      Map<String, String> h = base("req_credits");
      h.put("x-lockllm-credits-mode", "lockllm_credits");
      h.put("x-lockllm-credits-reserved", "0.01");
      h.put("x-lockllm-routing-fee-reserved", "0.002");
      h.put("x-lockllm-routing-fee-reason", "no_savings");
      h.put("x-lockllm-credits-deducted", "0.008");
      h.put("x-lockllm-balance-after", "9.99");
      h.put("x-lockllm-estimated-original-cost", "0.1");
      h.put("x-lockllm-estimated-routed-cost", "0.05");
      h.put("x-lockllm-estimated-input-tokens", "100");
      h.put("x-lockllm-estimated-output-tokens", "50");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.creditsMode()).isEqualTo("lockllm_credits");
      assertThat(m.routing()).isNull();
      assertThat(m.credits())
          .isEqualTo(new ProxyResponseMetadata.Credits(0.01, 0.002, "no_savings", 0.008, 9.99, 0.1, 0.05, 100, 50));
    }

    @Test
    void cacheMetadata() {
      Map<String, String> h = base("req_cache");
      h.put("x-lockllm-cache-status", "HIT");
      h.put("x-lockllm-cache-age", "120");
      h.put("x-lockllm-tokens-saved", "1500");
      h.put("x-lockllm-cost-saved", "0.03");

      assertThat(ProxyResponseMetadata.parse(h).cache())
          .isEqualTo(new ProxyResponseMetadata.Cache("HIT", 120, 1500, 0.03));
    }

    @Test
    void caseInsensitiveKeys() {
      Map<String, String> h = new HashMap<>();
      h.put("X-Request-Id", "req_case");
      h.put("X-LOCKLLM-SCANNED", "true");
      h.put("x-LockLLM-Safe", "true");
      h.put("X-LockLLM-Provider", "anthropic");
      h.put("X-Scan-Mode", "normal");
      h.put("X-LockLLM-Sensitivity", "low");

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(h);

      assertThat(m.requestId()).isEqualTo("req_case");
      assertThat(m.scanned()).isTrue();
      assertThat(m.safe()).isTrue();
      assertThat(m.provider()).isEqualTo("anthropic");
      assertThat(m.scanMode()).isEqualTo("normal");
      assertThat(m.sensitivity()).isEqualTo("low");
    }

    @Test
    void piiDetectedAndNot() {
      Map<String, String> h = base("req_pii");
      h.put("x-lockllm-pii-detected", "true");
      h.put("x-lockllm-pii-types", "email,phone_number");
      h.put("x-lockllm-pii-count", "3");
      h.put("x-lockllm-pii-action", "strip");
      assertThat(ProxyResponseMetadata.parse(h).pii())
          .isEqualTo(new ProxyResponseMetadata.Pii(true, List.of("email", "phone_number"), 3, "strip"));

      Map<String, String> none = base("req_pii2");
      none.put("x-lockllm-pii-detected", "false");
      assertThat(ProxyResponseMetadata.parse(none).pii())
          .isEqualTo(new ProxyResponseMetadata.Pii(false, List.of(), null, ""));

      assertThat(ProxyResponseMetadata.parse(base("req_pii3")).pii()).isNull();
    }

    @Test
    void compressionAppliedAndNot() {
      Map<String, String> h = base("req_comp");
      h.put("x-lockllm-compression-method", "compact");
      h.put("x-lockllm-compression-applied", "true");
      h.put("x-lockllm-compression-ratio", "0.45");
      assertThat(ProxyResponseMetadata.parse(h).compression())
          .isEqualTo(new ProxyResponseMetadata.Compression("compact", true, 0.45));

      Map<String, String> notApplied = base("req_comp2");
      notApplied.put("x-lockllm-compression-method", "toon");
      notApplied.put("x-lockllm-compression-applied", "false");
      assertThat(ProxyResponseMetadata.parse(notApplied).compression())
          .isEqualTo(new ProxyResponseMetadata.Compression("toon", false, null));
    }

    @Test
    void multiValuedMapsAsFromHttpHeaders() {
      HttpHeaders headers =
          HttpHeaders.of(
              Map.of(
                  "x-lockllm-scanned", List.of("true"),
                  "x-lockllm-safe", List.of("false", "true"),
                  "x-request-id", List.of("req_multi")),
              (a, b) -> true);

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(headers);

      assertThat(m.scanned()).isTrue();
      assertThat(m.safe()).isFalse();
      assertThat(m.requestId()).isEqualTo("req_multi");
      assertThat(ProxyResponseMetadata.parse(headers.map())).isEqualTo(m);
    }

    @Test
    void nonStringValuesAreRejected() {
      assertThatThrownBy(() -> ProxyResponseMetadata.parse(Map.of("x-lockllm-label", 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x-lockllm-label");
    }
  }

  @Nested
  class DecodeDetailField {
    @Test
    void validJson() {
      JsonNode node = ProxyResponseMetadata.decodeDetailField(b64("{\"score\":95,\"label\":\"unsafe\"}"));

      assertThat(node.get("score").asInt()).isEqualTo(95);
      assertThat(node.get("label").asText()).isEqualTo("unsafe");
    }

    @Test
    void invalidBase64() {
      assertThat(ProxyResponseMetadata.decodeDetailField("not-valid-base64!!!")).isNull();
    }

    @Test
    void invalidJson() {
      assertThat(ProxyResponseMetadata.decodeDetailField(b64("not json"))).isNull();
      assertThat(ProxyResponseMetadata.decodeDetailField(b64("{\"a\":1} trailing"))).isNull();
    }

    @Test
    void emptyObject() {
      assertThat(ProxyResponseMetadata.decodeDetailField(b64("{}"))).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void emptyAndNull() {
      assertThat(ProxyResponseMetadata.decodeDetailField("")).isNull();
      assertThat(ProxyResponseMetadata.decodeDetailField(null)).isNull();
      assertThat(ProxyResponseMetadata.decodeDetailField(b64("null"))).isNull();
    }

    @Test
    void utf8AndArrays() {
      JsonNode node = ProxyResponseMetadata.decodeDetailField(b64("[{\"name\":\"日本語 ✓\"}]"));

      assertThat(node.get(0).get("name").asText()).isEqualTo("日本語 ✓");
    }

    @Test
    void invalidUtf8() {
      String bad = Base64.getEncoder().encodeToString(new byte[] {'"', (byte) 0xc3, (byte) 0x28, '"'});

      assertThat(ProxyResponseMetadata.decodeDetailField(bad)).isNull();
    }
  }
}
