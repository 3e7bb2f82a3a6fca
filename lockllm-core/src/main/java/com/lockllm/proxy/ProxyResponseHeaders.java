package com.lockllm.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.lockllm.internal.Json;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.CompressionResult;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.RoutingInfo;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code X-LockLLM-*} response headers that carry a scan verdict, in the LockLLM proxy's format:
 * what every adapter attaches to a request it lets through, and what lockllm-client's
 * {@code ProxyResponseMetadata} reads back.
 */
public final class ProxyResponseHeaders {
  private static final String TRUE = "true";
  private static final String FALSE = "false";
  private static final Map<String, String> UNSCANNED = Map.of(LockLLMHeaders.SCANNED, FALSE);

  private ProxyResponseHeaders() {}

  /**
   * The response headers for a request that was scanned and let through, in a stable order:
   * scanned, verdict, scores, request id, then the warning, policy, abuse, PII, compression and
   * routing groups that the response carries. Detail headers hold the base64 of the group's JSON.
   */
  public static Map<String, String> headersFor(ScanResponse response) {
    return headersFor(response, null);
  }

  /**
   * As {@link #headersFor(ScanResponse)}, adding what only the options tell: the scan mode
   * ({@code X-Scan-Mode}) and the PII action taken ({@code X-LockLLM-PII-Action}).
   */
  public static Map<String, String> headersFor(ScanResponse response, ScanOptions options) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(LockLLMHeaders.SCANNED, TRUE);
    h.put(LockLLMHeaders.SAFE, Boolean.toString(response.safe()));
    h.put(LockLLMHeaders.LABEL, Integer.toString(response.label()));
    var warning = response.scanWarning();
    putNumber(h, LockLLMHeaders.INJECTION_SCORE,
        response.injection() != null || warning == null ? response.injection() : warning.injectionScore());
    putNumber(h, LockLLMHeaders.CONFIDENCE,
        response.confidence() != null || warning == null ? response.confidence() : warning.confidence());
    if (response.sensitivity() != null) {
      h.put(LockLLMHeaders.SENSITIVITY, response.sensitivity().wireName());
    }
    if (options != null && options.scanMode() != null) {
      h.put(LockLLMHeaders.RESPONSE_SCAN_MODE, options.scanMode().wireName());
    }
    putText(h, LockLLMHeaders.REQUEST_ID, response.requestId());
    if (warning != null) {
      h.put(LockLLMHeaders.SCAN_WARNING, TRUE);
      h.put(LockLLMHeaders.SCAN_DETAIL, encodeDetail(warning));
    }
    if (response.policyWarnings() != null) {
      h.put(LockLLMHeaders.POLICY_WARNINGS, TRUE);
      h.put(LockLLMHeaders.WARNING_COUNT, Integer.toString(response.policyWarnings().size()));
    }
    // Read at the top level by the SDKs, so sent even when no policy was violated.
    putNumber(h, LockLLMHeaders.POLICY_CONFIDENCE, response.policyConfidence());
    if (response.policyWarnings() != null) {
      h.put(LockLLMHeaders.WARNING_DETAIL, encodeDetail(response.policyWarnings()));
    }
    AbuseWarning abuse = response.abuseWarnings();
    if (abuse != null && !Boolean.FALSE.equals(abuse.detected())) {
      h.put(LockLLMHeaders.ABUSE_DETECTED, TRUE);
      putNumber(h, LockLLMHeaders.ABUSE_CONFIDENCE, abuse.confidence());
      putList(h, LockLLMHeaders.ABUSE_TYPES, abuse.abuseTypes());
      h.put(LockLLMHeaders.ABUSE_DETAIL, encodeDetail(abuse));
    }
    PiiResult pii = response.piiResult();
    if (pii != null) {
      h.put(LockLLMHeaders.PII_DETECTED, Boolean.toString(Boolean.TRUE.equals(pii.detected())));
      putList(h, LockLLMHeaders.PII_TYPES, pii.entityTypes());
      if (pii.entityCount() != null) {
        h.put(LockLLMHeaders.PII_COUNT, Integer.toString(pii.entityCount()));
      }
      if (options != null && options.piiAction() != null) {
        h.put(LockLLMHeaders.PII_ACTION, options.piiAction().wireName());
      }
    }
    CompressionResult compression = response.compressionResult();
    if (compression != null && compression.method() != null) {
      putText(h, LockLLMHeaders.COMPRESSION_METHOD, compression.method());
      h.put(LockLLMHeaders.COMPRESSION_APPLIED, Boolean.toString(compression.compressedInput() != null));
      putNumber(h, LockLLMHeaders.COMPRESSION_RATIO, compression.compressionRatio());
    }
    RoutingInfo routing = response.routing();
    if (routing != null) {
      h.put(LockLLMHeaders.ROUTE_ENABLED, Boolean.toString(!Boolean.FALSE.equals(routing.enabled())));
      putText(h, LockLLMHeaders.TASK_TYPE, routing.taskType());
      putNumber(h, LockLLMHeaders.COMPLEXITY, routing.complexity());
      putText(h, LockLLMHeaders.SELECTED_MODEL, routing.selectedModel());
      putText(h, LockLLMHeaders.ROUTING_REASON, routing.reasoning());
      putNumber(h, LockLLMHeaders.ESTIMATED_ROUTED_COST, routing.estimatedCost());
    }
    return Collections.unmodifiableMap(h);
  }

  /** The headers for a request let through without a scan (fail-open): {@code X-LockLLM-Scanned: false}. */
  public static Map<String, String> unscannedHeaders() {
    return UNSCANNED;
  }

  /**
   * The value of {@link LockLLMHeaders#UNSCANNED} for fields that could not be scanned, each
   * {@code "<pointer> <reason>"}: at most 10 of them (then {@code ...}), reduced to printable
   * ASCII without commas, since pointers hold client-chosen member names.
   */
  public static String unscannedFields(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (String field : fields) {
      if (n == 10) {
        sb.append(",...");
        break;
      }
      if (n++ > 0) {
        sb.append(',');
      }
      int len = Math.min(field.length(), 128);
      for (int i = 0; i < len; i++) {
        char c = field.charAt(i);
        sb.append(c >= 0x20 && c < 0x7f && c != ',' ? c : '?');
      }
      if (len < field.length()) {
        sb.append("...");
      }
    }
    return sb.toString();
  }

  /**
   * {@code headers} plus {@link LockLLMHeaders#UNSCANNED} naming {@code fields}; with
   * {@code X-LockLLM-Scanned: false} when nothing else was scanned.
   */
  public static Map<String, String> withUnscanned(Map<String, String> headers, List<String> fields) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putIfAbsent(LockLLMHeaders.SCANNED, FALSE);
    h.put(LockLLMHeaders.UNSCANNED, unscannedFields(fields));
    return Collections.unmodifiableMap(h);
  }

  private static void putNumber(Map<String, String> h, String name, Double value) {
    if (value != null && Double.isFinite(value)) {
      h.put(name, formatNumber(value));
    }
  }

  /** {@code 95.0 -> "95"}, {@code 0.88 -> "0.88"}, never an exponent, so every SDK parses it back. */
  static String formatNumber(double value) {
    if (value == 0) {
      return "0";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void putText(Map<String, String> h, String name, String value) {
    if (value != null && !value.isEmpty()) {
      h.put(name, headerSafe(value));
    }
  }

  private static void putList(Map<String, String> h, String name, List<String> values) {
    if (values != null && !values.isEmpty()) {
      h.put(name, headerSafe(String.join(",", values)));
    }
  }

  /**
   * Free text from a scan (routing reasons, model names) may hold line breaks or non-ASCII
   * characters, which would split or break a header; they become spaces and {@code ?}.
   */
  static String headerSafe(String value) {
    StringBuilder s = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char replacement = c < 0x20 || c == 0x7f ? ' ' : c > 0x7e ? '?' : c;
      if (replacement != c && s == null) {
        s = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (s != null) {
        s.append(replacement);
      }
    }
    return s == null ? value : s.toString();
  }

  private static String encodeDetail(Object detail) {
    try {
      return Base64.getEncoder().encodeToString(Json.mapper().writeValueAsBytes(detail));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
