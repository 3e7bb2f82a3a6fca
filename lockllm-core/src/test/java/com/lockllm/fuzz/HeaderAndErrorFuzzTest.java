package com.lockllm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.RateLimitException;
import com.lockllm.proxy.ProxyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsers of what the LockLLM API and clients send: request option headers ({@link
 * ProxyOptions#fromHeaders}) and error bodies ({@link LockLLMErrors}), each against properties:
 * accepted request options write back to the same options, and an error's JSON reads back to the
 * same message and request id and is stable after one reading. Headers come as {@code name: value}
 * lines so that the seeds under {@code HeaderAndErrorFuzzTestInputs/} stay readable. The response
 * headers' parser is fuzzed in lockllm-client ({@code ProxyResponseMetadataFuzzTest}).
 */
class HeaderAndErrorFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @FuzzTest(maxDuration = "30s")
  void requestHeaders(byte[] input) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(headers(input));
    ProxyOptions options;
    try {
      options = ProxyOptions.fromHeaders(headers::get);
    } catch (ConfigurationException expected) {
      assertThat(expected.status()).isEqualTo(400);
      return;
    }
    // what was accepted writes back to headers that read as the same options
    Map<String, String> written = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    written.putAll(options.toHeaders());
    assertThat(ProxyOptions.fromHeaders(written::get)).isEqualTo(options);
  }

  @FuzzTest(maxDuration = "30s")
  void errorBody(FuzzedDataProvider data) throws IOException {
    int status = data.consumeInt(100, 599);
    Long retryAfter = data.consumeBoolean() ? data.consumeLong() : null;
    String requestId = data.consumeBoolean() ? data.consumeString(40) : null;
    byte[] body = data.consumeRemainingAsBytes();
    LockLLMException fromResponse = LockLLMErrors.fromHttpResponse(status, body, retryAfter, requestId);
    if (status == 429) {
      assertThat(fromResponse).isInstanceOf(RateLimitException.class);
      assertThat(((RateLimitException) fromResponse).retryAfter()).isEqualTo(retryAfter);
    }
    checkRoundTrip(fromResponse);
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return;
    }
    checkRoundTrip(LockLLMErrors.fromJson(json, requestId));
  }

  /**
   * What an adapter answers for {@code e} is the LockLLM error JSON with a status it may send, and
   * reading that JSON back gives the same message and request id; after that one reading (which
   * settles a raw type or code into its exception class) writing and reading again changes nothing.
   */
  private static void checkRoundTrip(LockLLMException e) throws IOException {
    ErrorResponse response = LockLLMErrors.toResponse(e);
    assertThat(response.status()).isEqualTo(LockLLMErrors.statusOf(e)).isBetween(400, 599);
    byte[] written = LockLLMErrors.toJson(e);
    assertThat(response.body()).isEqualTo(written);
    LockLLMException read = LockLLMErrors.fromJson(MAPPER.readTree(written), e.requestId());
    assertThat(read.getMessage()).isEqualTo(e.getMessage());
    if (!(read instanceof ConfigurationException)) { // a configuration error carries no request id
      assertThat(read.requestId()).isEqualTo(e.requestId());
    }
    byte[] settled = LockLLMErrors.toJson(read);
    LockLLMException again = LockLLMErrors.fromJson(MAPPER.readTree(settled), read.requestId());
    assertThat(again.getClass()).isEqualTo(read.getClass());
    assertThat(LockLLMErrors.toJson(again)).isEqualTo(settled);
  }

  /** {@code name: value} lines of UTF-8 (malformed bytes replaced); later duplicates are dropped. */
  private static Map<String, String> headers(byte[] input) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }
}
