package com.lockllm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
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

class ProxyResponseMetadataTest {

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
  class HeadersFor {
    @Test
    void minimalSafeVerdict() {
      ScanResponse safe =
          ScanResponse.builder()
              .safe(true)
              .label(0)
              .confidence(99.0)
              .injection(1.5)
              .sensitivity(Sensitivity.MEDIUM)
              .requestId("req_1")
              .build();

      assertThat(ProxyResponseMetadata.headersFor(safe))
          .containsExactly(
              Map.entry("X-LockLLM-Scanned", "true"),
              Map.entry("X-LockLLM-Safe", "true"),
              Map.entry("X-LockLLM-Label", "0"),
              Map.entry("X-LockLLM-Injection-Score", "1.5"),
              Map.entry("X-LockLLM-Confidence", "99"),
              Map.entry("X-LockLLM-Sensitivity", "medium"),
              Map.entry("X-Request-Id", "req_1"));
    }

    @Test
    void absentFieldsGiveNoHeader() {
      ScanResponse policyOnly = ScanResponse.builder().safe(true).label(0).build();

      assertThat(ProxyResponseMetadata.headersFor(policyOnly))
          .containsOnlyKeys("X-LockLLM-Scanned", "X-LockLLM-Safe", "X-LockLLM-Label");
    }

    @Test
    void everyGroupInOrder() {
      Map<String, String> headers =
          ProxyResponseMetadata.headersFor(
              FULL, ScanOptions.builder().scanMode(ScanMode.COMBINED).piiAction(PiiAction.STRIP).build());

      assertThat(headers.keySet())
          .containsExactly(
              "X-LockLLM-Scanned", "X-LockLLM-Safe", "X-LockLLM-Label", "X-LockLLM-Injection-Score",
              "X-LockLLM-Confidence", "X-LockLLM-Sensitivity", "X-Scan-Mode", "X-Request-Id",
              "X-LockLLM-Scan-Warning", "X-LockLLM-Scan-Detail", "X-LockLLM-Policy-Warnings",
              "X-LockLLM-Warning-Count", "X-LockLLM-Policy-Confidence", "X-LockLLM-Warning-Detail",
              "X-LockLLM-Abuse-Detected", "X-LockLLM-Abuse-Confidence", "X-LockLLM-Abuse-Types",
              "X-LockLLM-Abuse-Detail", "X-LockLLM-PII-Detected", "X-LockLLM-PII-Types",
              "X-LockLLM-PII-Count", "X-LockLLM-PII-Action", "X-LockLLM-Compression-Method",
              "X-LockLLM-Compression-Applied", "X-LockLLM-Compression-Ratio",
              "X-LockLLM-Route-Enabled", "X-LockLLM-Task-Type", "X-LockLLM-Complexity",
              "X-LockLLM-Selected-Model", "X-LockLLM-Routing-Reason",
              "X-LockLLM-Estimated-Routed-Cost");
      assertThat(headers)
          .containsEntry("X-LockLLM-Safe", "false")
          .containsEntry("X-LockLLM-Label", "1")
          .containsEntry("X-LockLLM-Injection-Score", "87.5")
          .containsEntry("X-LockLLM-Confidence", "92")
          .containsEntry("X-Scan-Mode", "combined")
          .containsEntry("X-LockLLM-Warning-Count", "1")
          .containsEntry("X-LockLLM-Policy-Confidence", "88.5")
          .containsEntry("X-LockLLM-Abuse-Types", "bot_generated,repetition")
          .containsEntry("X-LockLLM-PII-Detected", "true")
          .containsEntry("X-LockLLM-PII-Types", "Email,Phone Number")
          .containsEntry("X-LockLLM-PII-Count", "3")
          .containsEntry("X-LockLLM-PII-Action", "strip")
          .containsEntry("X-LockLLM-Compression-Method", "toon")
          .containsEntry("X-LockLLM-Compression-Applied", "true")
          .containsEntry("X-LockLLM-Compression-Ratio", "0.5")
          .containsEntry("X-LockLLM-Route-Enabled", "true")
          .containsEntry("X-LockLLM-Complexity", "0.7")
          .containsEntry("X-LockLLM-Estimated-Routed-Cost", "0.0012");
    }

    @Test
    void detailHeadersAreBase64OfTheGroupJson() throws Exception {
      Map<String, String> headers = ProxyResponseMetadata.headersFor(FULL);

      assertThat(ProxyResponseMetadata.decodeDetailField(headers.get("X-LockLLM-Scan-Detail")))
          .isEqualTo(Json.mapper().readTree(
              "{\"message\":\"Prompt injection detected\",\"injection_score\":87.5,\"confidence\":92.0,\"label\":1}"));
      JsonNode policies = ProxyResponseMetadata.decodeDetailField(headers.get("X-LockLLM-Warning-Detail"));
      assertThat(policies.get(0).get("policy_name").asText()).isEqualTo("No medical advice");
      assertThat(policies.get(0).get("violated_categories").get(0).get("name").asText()).isEqualTo("S6");
      JsonNode abuse = ProxyResponseMetadata.decodeDetailField(headers.get("X-LockLLM-Abuse-Detail"));
      assertThat(abuse.get("indicators").get("bot_score").asDouble()).isEqualTo(80.0);
      assertThat(abuse.get("recommendation").asText()).isEqualTo("slow down");
    }

    @Test
    void scanWarningScoresFillInMissingTopLevelScores() {
      ScanResponse response =
          ScanResponse.builder().safe(false).label(1).scanWarning(new ScanWarning("m", 70.0, 80.0, 1)).build();

      assertThat(ProxyResponseMetadata.headersFor(response))
          .containsEntry("X-LockLLM-Injection-Score", "70")
          .containsEntry("X-LockLLM-Confidence", "80");
    }

    @Test
    void abuseExplicitlyNotDetectedGivesNoAbuseHeaders() {
      ScanResponse response =
          ScanResponse.builder().abuseWarnings(new AbuseWarning(false, 10.0, List.of(), null, null)).build();

      assertThat(ProxyResponseMetadata.headersFor(response)).doesNotContainKey("X-LockLLM-Abuse-Detected");
    }

    @Test
    void piiNotDetectedIsSaid() {
      ScanResponse response = ScanResponse.builder().piiResult(new PiiResult(false, List.of(), 0, null)).build();

      assertThat(ProxyResponseMetadata.headersFor(response))
          .containsEntry("X-LockLLM-PII-Detected", "false")
          .containsEntry("X-LockLLM-PII-Count", "0")
          .doesNotContainKeys("X-LockLLM-PII-Types", "X-LockLLM-PII-Action");
    }

    @Test
    void freeTextIsMadeHeaderSafe() {
      ScanResponse response =
          ScanResponse.builder()
              .requestId("req\r\nX-Evil: 1")
              .routing(new RoutingInfo(true, "Résumé", null, null, "line one\nline two", null))
              .build();

      Map<String, String> headers = ProxyResponseMetadata.headersFor(response);

      assertThat(headers)
          .containsEntry("X-Request-Id", "req  X-Evil: 1")
          .containsEntry("X-LockLLM-Task-Type", "R?sum?")
          .containsEntry("X-LockLLM-Routing-Reason", "line one line two");
      assertThat(headers.values()).allSatisfy(v -> assertThat(v).matches("[\\x20-\\x7e]*"));
    }

    @Test
    void numbersHaveNoExponentAndNoTrailingZero() {
      assertThat(ProxyResponseMetadata.formatNumber(95.0)).isEqualTo("95");
      assertThat(ProxyResponseMetadata.formatNumber(0.0)).isEqualTo("0");
      assertThat(ProxyResponseMetadata.formatNumber(-0.0)).isEqualTo("0");
      assertThat(ProxyResponseMetadata.formatNumber(0.88)).isEqualTo("0.88");
      assertThat(ProxyResponseMetadata.formatNumber(1e-7)).isEqualTo("0.0000001");
      assertThat(ProxyResponseMetadata.formatNumber(1.5e20)).isEqualTo("150000000000000000000");
      assertThat(Double.parseDouble(ProxyResponseMetadata.formatNumber(1.0 / 3))).isEqualTo(1.0 / 3);
    }

    @Test
    void nonFiniteNumbersAreLeftOut() {
      ScanResponse response = ScanResponse.builder().confidence(Double.NaN).injection(Double.POSITIVE_INFINITY).build();

      assertThat(ProxyResponseMetadata.headersFor(response))
          .doesNotContainKeys("X-LockLLM-Confidence", "X-LockLLM-Injection-Score");
    }

    @Test
    void resultIsUnmodifiable() {
      assertThatThrownBy(() -> ProxyResponseMetadata.headersFor(FULL).put("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unscannedHeaders() {
      assertThat(ProxyResponseMetadata.unscannedHeaders()).containsExactly(Map.entry("X-LockLLM-Scanned", "false"));
      assertThat(ProxyResponseMetadata.parse(ProxyResponseMetadata.unscannedHeaders()).scanned()).isFalse();
    }
  }

  @Nested
  class RoundTrip {
    @Test
    void headersForThenParseGivesTheSameValues() {
      ScanOptions options = ScanOptions.builder().scanMode(ScanMode.POLICY_ONLY).piiAction(PiiAction.STRIP).build();

      ProxyResponseMetadata m = ProxyResponseMetadata.parse(ProxyResponseMetadata.headersFor(FULL, options));

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
      assertThat(Json.mapper().convertValue(m.scanWarning().decodedDetail(), ScanWarning.class))
          .isEqualTo(FULL.scanWarning());

      assertThat(m.policyWarnings().count()).isEqualTo(1);
      assertThat(m.policyWarnings().confidence()).isEqualTo(88.5);
      assertThat(Json.mapper().convertValue(m.policyWarnings().decodedDetail(), PolicyViolation[].class))
          .containsExactlyElementsOf(FULL.policyWarnings());

      assertThat(m.abuse().confidence()).isEqualTo(75.0);
      assertThat(m.abuse().types()).isEqualTo(FULL.abuseWarnings().abuseTypes());
      assertThat(Json.mapper().convertValue(m.abuse().decodedDetail(), AbuseWarning.class))
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
        ProxyResponseMetadata m = ProxyResponseMetadata.parse(ProxyResponseMetadata.headersFor(response));
        assertThat(m.injectionScore()).isEqualTo(score);
        assertThat(m.confidence()).isEqualTo(100 - score);
      }
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
      assertThat(ProxyResponseMetadata.decodeDetailField(b64("{}"))).isEqualTo(Json.mapper().createObjectNode());
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
