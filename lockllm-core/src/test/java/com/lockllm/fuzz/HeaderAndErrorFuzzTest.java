package com.lockllm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.error.ConfigurationException;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import com.lockllm.proxy.ProxyOptions;
import com.lockllm.proxy.ProxyResponseMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsers of what the LockLLM API and clients send: response headers
 * ({@link ProxyResponseMetadata#parse}), request option headers ({@link ProxyOptions#fromHeaders})
 * and error bodies ({@link LockLLMErrors}). Headers come as {@code name: value} lines so that the
 * seeds under {@code HeaderAndErrorFuzzTestInputs/} stay readable.
 */
class HeaderAndErrorFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @FuzzTest(maxDuration = "30s")
  void responseHeaders(byte[] input) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers(input).forEach((name, value) -> headers.put(name, value.contains(",") ? List.of(value.split(",")) : value));
    ProxyResponseMetadata metadata = ProxyResponseMetadata.parse(headers);
    assertThat(metadata).isNotNull();
    // the detail decoders return null for anything that is not base64 of UTF-8 JSON
    if (metadata.scanWarning() != null) {
      metadata.scanWarning().decodedDetail();
    }
    if (metadata.policyWarnings() != null) {
      metadata.policyWarnings().decodedDetail();
    }
    if (metadata.abuse() != null) {
      metadata.abuse().decodedDetail();
    }
    headers.values().forEach(v -> ProxyResponseMetadata.decodeDetailField(String.valueOf(v)));
  }

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
  void errorBody(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    Long retryAfter = data.consumeBoolean() ? data.consumeLong() : null;
    String requestId = data.consumeBoolean() ? data.consumeString(40) : null;
    byte[] body = data.consumeRemainingAsBytes();
    LockLLMException fromResponse = LockLLMErrors.fromHttpResponse(status, body, retryAfter, requestId);
    assertThat(fromResponse).isNotNull();
    LockLLMErrors.toJson(fromResponse);
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return;
    }
    LockLLMException fromJson = LockLLMErrors.fromJson(json, requestId);
    assertThat(fromJson).isNotNull();
    LockLLMErrors.toResponse(fromJson);
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
