package com.lockllm.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lockllm.proxy.LockLLMHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parser of the LockLLM proxy's response headers ({@link ProxyResponseMetadata#parse}) against
 * properties: headers read the same whatever the case of their names and follow the documented
 * flag rules, and decoded details encode back to themselves. Headers come as {@code name: value}
 * lines so that the seeds under {@code ProxyResponseMetadataFuzzTestInputs/} stay readable.
 */
class ProxyResponseMetadataFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @FuzzTest(maxDuration = "30s")
  void responseHeaders(byte[] input) throws IOException {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers(input).forEach((name, value) -> headers.put(name, value.contains(",") ? List.of(value.split(",")) : value));
    ProxyResponseMetadata metadata = ProxyResponseMetadata.parse(headers);
    // names match case-insensitively: the same headers with every name's case swapped read the same
    Map<String, Object> swapped = new LinkedHashMap<>();
    headers.forEach((name, value) -> swapped.put(swapAsciiCase(name), value));
    assertThat(ProxyResponseMetadata.parse(swapped)).isEqualTo(metadata);
    // a flag is true, and a group present, only when its header's first value is exactly "true"
    assertThat(metadata.scanned()).isEqualTo("true".equals(first(headers, LockLLMHeaders.SCANNED)));
    assertThat(metadata.safe()).isEqualTo("true".equals(first(headers, LockLLMHeaders.SAFE)));
    assertThat(metadata.blocked()).isEqualTo("true".equals(first(headers, LockLLMHeaders.BLOCKED)));
    assertThat(metadata.scanWarning() != null).isEqualTo("true".equals(first(headers, LockLLMHeaders.SCAN_WARNING)));
    assertThat(metadata.policyWarnings() != null)
        .isEqualTo("true".equals(first(headers, LockLLMHeaders.POLICY_WARNINGS)));
    assertThat(metadata.abuse() != null).isEqualTo("true".equals(first(headers, LockLLMHeaders.ABUSE_DETECTED)));
    assertThat(metadata.routing() != null).isEqualTo("true".equals(first(headers, LockLLMHeaders.ROUTE_ENABLED)));
    String requestId = first(headers, LockLLMHeaders.REQUEST_ID);
    assertThat(metadata.requestId()).isEqualTo(requestId == null ? "" : requestId);
    // numbers that do not parse are absent, never NaN or infinite
    for (Double d : new Double[] {metadata.injectionScore(), metadata.confidence(), metadata.policyConfidence()}) {
      assertThat(d == null || Double.isFinite(d)).as("finite or absent: %s", d).isTrue();
    }
    // a detail that decodes is base64 of JSON: encoded again, it decodes to the same document
    List<String> details = new ArrayList<>();
    headers.values().forEach(v -> details.add(String.valueOf(v)));
    if (metadata.scanWarning() != null) {
      details.add(metadata.scanWarning().detail());
      assertThat(metadata.scanWarning().decodedDetail())
          .isEqualTo(ProxyResponseMetadata.decodeDetailField(metadata.scanWarning().detail()));
    }
    if (metadata.policyWarnings() != null) {
      details.add(metadata.policyWarnings().detail());
    }
    if (metadata.abuse() != null) {
      details.add(metadata.abuse().detail());
    }
    for (String detail : details) {
      JsonNode decoded = ProxyResponseMetadata.decodeDetailField(detail);
      if (decoded != null) {
        String again = Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(decoded));
        assertThat(ProxyResponseMetadata.decodeDetailField(again)).isEqualTo(decoded);
      }
    }
  }

  private static String first(Map<String, Object> headers, String name) {
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        Object v = e.getValue();
        if (!(v instanceof List<?> list)) {
          return (String) v;
        }
        if (!list.isEmpty()) { // an empty list (a value of only commas) counts as absent
          return String.valueOf(list.get(0));
        }
      }
    }
    return null;
  }

  private static String swapAsciiCase(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return sb.toString();
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
