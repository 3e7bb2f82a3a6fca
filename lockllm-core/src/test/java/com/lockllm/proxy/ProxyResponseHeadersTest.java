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
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the interceptor writes: a verdict as the LockLLM proxy's response headers. */
class ProxyResponseHeadersTest {

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

  /** A detail header's JSON: base64 of UTF-8. */
  private static JsonNode decode(String detail) throws IOException {
    return Json.mapper().readTree(Base64.getDecoder().decode(detail));
  }

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

    assertThat(ProxyResponseHeaders.headersFor(safe))
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

    assertThat(ProxyResponseHeaders.headersFor(policyOnly))
        .containsOnlyKeys("X-LockLLM-Scanned", "X-LockLLM-Safe", "X-LockLLM-Label");
  }

  @Test
  void everyGroupInOrder() {
    Map<String, String> headers =
        ProxyResponseHeaders.headersFor(
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
    Map<String, String> headers = ProxyResponseHeaders.headersFor(FULL);

    assertThat(decode(headers.get("X-LockLLM-Scan-Detail")))
        .isEqualTo(Json.mapper().readTree(
            "{\"message\":\"Prompt injection detected\",\"injection_score\":87.5,\"confidence\":92.0,\"label\":1}"));
    JsonNode policies = decode(headers.get("X-LockLLM-Warning-Detail"));
    assertThat(policies.get(0).get("policy_name").asText()).isEqualTo("No medical advice");
    assertThat(policies.get(0).get("violated_categories").get(0).get("name").asText()).isEqualTo("S6");
    JsonNode abuse = decode(headers.get("X-LockLLM-Abuse-Detail"));
    assertThat(abuse.get("indicators").get("bot_score").asDouble()).isEqualTo(80.0);
    assertThat(abuse.get("recommendation").asText()).isEqualTo("slow down");
  }

  @Test
  void scanWarningScoresFillInMissingTopLevelScores() {
    ScanResponse response =
        ScanResponse.builder().safe(false).label(1).scanWarning(new ScanWarning("m", 70.0, 80.0, 1)).build();

    assertThat(ProxyResponseHeaders.headersFor(response))
        .containsEntry("X-LockLLM-Injection-Score", "70")
        .containsEntry("X-LockLLM-Confidence", "80");
  }

  @Test
  void abuseExplicitlyNotDetectedGivesNoAbuseHeaders() {
    ScanResponse response =
        ScanResponse.builder().abuseWarnings(new AbuseWarning(false, 10.0, List.of(), null, null)).build();

    assertThat(ProxyResponseHeaders.headersFor(response)).doesNotContainKey("X-LockLLM-Abuse-Detected");
  }

  @Test
  void piiNotDetectedIsSaid() {
    ScanResponse response = ScanResponse.builder().piiResult(new PiiResult(false, List.of(), 0, null)).build();

    assertThat(ProxyResponseHeaders.headersFor(response))
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

    Map<String, String> headers = ProxyResponseHeaders.headersFor(response);

    assertThat(headers)
        .containsEntry("X-Request-Id", "req  X-Evil: 1")
        .containsEntry("X-LockLLM-Task-Type", "R?sum?")
        .containsEntry("X-LockLLM-Routing-Reason", "line one line two");
    assertThat(headers.values()).allSatisfy(v -> assertThat(v).matches("[\\x20-\\x7e]*"));
  }

  @Test
  void numbersHaveNoExponentAndNoTrailingZero() {
    assertThat(ProxyResponseHeaders.formatNumber(95.0)).isEqualTo("95");
    assertThat(ProxyResponseHeaders.formatNumber(0.0)).isEqualTo("0");
    assertThat(ProxyResponseHeaders.formatNumber(-0.0)).isEqualTo("0");
    assertThat(ProxyResponseHeaders.formatNumber(0.88)).isEqualTo("0.88");
    assertThat(ProxyResponseHeaders.formatNumber(1e-7)).isEqualTo("0.0000001");
    assertThat(ProxyResponseHeaders.formatNumber(1.5e20)).isEqualTo("150000000000000000000");
    assertThat(Double.parseDouble(ProxyResponseHeaders.formatNumber(1.0 / 3))).isEqualTo(1.0 / 3);
  }

  @Test
  void nonFiniteNumbersAreLeftOut() {
    ScanResponse response = ScanResponse.builder().confidence(Double.NaN).injection(Double.POSITIVE_INFINITY).build();

    assertThat(ProxyResponseHeaders.headersFor(response))
        .doesNotContainKeys("X-LockLLM-Confidence", "X-LockLLM-Injection-Score");
  }

  @Test
  void resultIsUnmodifiable() {
    assertThatThrownBy(() -> ProxyResponseHeaders.headersFor(FULL).put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unscannedHeaders() {
    assertThat(ProxyResponseHeaders.unscannedHeaders()).containsExactly(Map.entry("X-LockLLM-Scanned", "false"));
  }
}
