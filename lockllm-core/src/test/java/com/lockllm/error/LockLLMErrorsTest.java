package com.lockllm.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lockllm.internal.Json;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.ScanResult;
import com.lockllm.scan.Sensitivity;
import com.lockllm.scan.ViolatedCategory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Server side (exception -> error JSON + status) and the round trip back through the client side. */
class LockLLMErrorsTest {
  static Stream<LockLLMException> typedErrors() {
    return Stream.of(
        new AuthenticationException("Invalid API key", null),
        new RateLimitException("Rate limit exceeded", 2500L, "r2"),
        new PromptInjectionException("Malicious prompt detected by LockLLM",
            new ScanResult(false, 1, 95.0, 95.0, Sensitivity.MEDIUM), "r3"),
        new PolicyViolationException("Request blocked by custom policy",
            List.of(new PolicyViolation("Medical", List.of(new ViolatedCategory("S6", null)), "diagnosis")), "r4"),
        new AbuseDetectedException("Request blocked due to abuse detection",
            Map.of("confidence", 80, "abuse_types", List.of("bot_generated")), "r5"),
        new PiiDetectedException("Request blocked due to personal information detected", List.of("Email"), 2, "r6"),
        new InsufficientCreditsException("Insufficient credit balance", 0.5, 1.25, "r7"),
        new UpstreamException("Failed to forward request to provider", "openai", 503, "r8"),
        new ConfigurationException("No openai API key configured"));
  }

  @ParameterizedTest
  @MethodSource("typedErrors")
  void eachTypedErrorSurvivesTheRoundTrip(LockLLMException original) throws Exception {
    ErrorResponse response = LockLLMErrors.toResponse(original);
    JsonNode body = Json.mapper().readTree(response.body());

    LockLLMException parsed = LockLLMErrors.fromHttpResponse(
        response.status(), response.body(), original instanceof RateLimitException r ? r.retryAfter() : null, "fallback");

    assertThat(response.status()).isEqualTo(original.status());
    assertThat(body.get("error").get("type").asText()).isEqualTo(original.type());
    assertThat(body.get("error").get("code").asText()).isEqualTo(original.code());
    assertThat(parsed).isExactlyInstanceOf(original.getClass());
    assertThat(parsed.getMessage()).isEqualTo(original.getMessage());
    assertThat(parsed.status()).isEqualTo(original.status());
  }

  @Test
  void extrasAreWrittenWithTheirLockLLMNames() throws Exception {
    JsonNode pii = Json.mapper().readTree(LockLLMErrors.toJson(
        new PiiDetectedException("m", List.of("Email", "Phone Number"), 3, "r")));
    JsonNode credits = Json.mapper().readTree(LockLLMErrors.toJson(
        new InsufficientCreditsException("m", 0.5, 1.25, "r")));

    assertThat(pii.get("error").get("pii_details").get("entity_types")).hasSize(2);
    assertThat(pii.get("error").get("request_id").asText()).isEqualTo("r");
    assertThat(credits.get("error").get("current_balance").asDouble()).isEqualTo(0.5);
    assertThat(credits.get("error").get("estimated_cost").asDouble()).isEqualTo(1.25);
  }

  @Test
  void rateLimitsCarryRetryAfterInWholeSecondsRoundedUp() {
    ErrorResponse response = LockLLMErrors.toResponse(new RateLimitException("slow down", 2500L, null));

    assertThat(response.status()).isEqualTo(429);
    assertThat(response.headers()).containsEntry("Retry-After", "3").doesNotContainKey("X-Request-Id");
  }

  @Test
  void statuslessAndNetworkErrorsGetServerStatuses() {
    assertThat(LockLLMErrors.toResponse(new LockLLMException("boom", "x", "y", null, null)).status()).isEqualTo(500);
    assertThat(LockLLMErrors.toResponse(new NetworkException("down", null, "r")).status()).isEqualTo(503);
    assertThat(LockLLMErrors.toResponse(InvalidRequestErrors.payloadTooLarge(10)).status()).isEqualTo(413);
  }

  @Test
  void toStringFollowsThePythonSdk() {
    assertThat(new AuthenticationException("Invalid API key", "r1").toString())
        .endsWith("Invalid API key (code: unauthorized) [request_id: r1]");
  }

  @Test
  void verdictsAreTheFourDetectionsAndNothingElse() {
    assertThat(new PromptInjectionException("x", null, null).isVerdict()).isTrue();
    assertThat(LockLLMException.scannerUnavailable("down").isVerdict()).isFalse();
    assertThat(LockLLMException.scannerUnavailable("down").status()).isEqualTo(503);
    assertThat(LockLLMException.scannerUnavailable("down").code()).isEqualTo(LockLLMException.SCANNER_UNAVAILABLE);
    assertThat(new ConfigurationException("bad").isVerdict()).isFalse();
  }
}
