package com.lockllm.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WireMock server speaking the LockLLM scan API, and a client pointed at it that never waits. */
abstract class ClientTestSupport {
  static final String API_KEY = "llm_test_key_123456";

  static final String SAFE_JSON =
      "{\"safe\":true,\"label\":0,\"confidence\":95,\"injection\":5,\"sensitivity\":\"medium\","
          + "\"request_id\":\"test_request_123\",\"usage\":{\"requests\":1,\"input_chars\":20}}";
  static final String UNSAFE_JSON =
      "{\"safe\":false,\"label\":1,\"confidence\":92,\"injection\":87,\"sensitivity\":\"medium\","
          + "\"request_id\":\"test_request_456\",\"usage\":{\"requests\":1,\"input_chars\":50},"
          + "\"debug\":{\"duration_ms\":150,\"inference_ms\":120,\"mode\":\"single\"}}";
  static final String AUTH_ERROR_JSON =
      "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\",\"code\":\"unauthorized\"}}";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  RecordingDelayer delayer;

  @BeforeEach
  void newDelayer() {
    delayer = new RecordingDelayer();
  }

  /**
   * A client on the mock server with no jitter and a delayer that only records. Its total timeout
   * is a minute so that the recorded (never waited) delays do not meet it; tests of the budget set
   * their own.
   */
  LockLLMClient.Builder client() {
    return LockLLMClient.builder()
        .apiKey(API_KEY)
        .baseUrl(API.baseUrl())
        .timeout(Duration.ofSeconds(5))
        .totalTimeout(Duration.ofMinutes(1))
        .delayer(delayer)
        .jitter(() -> 0.0);
  }

  static void answer(ResponseDefinitionBuilder response) {
    API.stubFor(post(urlEqualTo("/v1/scan")).willReturn(response));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  static List<LoggedRequest> scanRequests() {
    return API.findAll(postRequestedFor(urlEqualTo("/v1/scan")));
  }
}
