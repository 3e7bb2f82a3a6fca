package com.lockllm.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.lockllm.proxy.LockLLMHeaders;
import com.lockllm.proxy.ProxyResponseHeaders;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code X-LockLLM-*} metadata of a response that passed through the LockLLM proxy or one of
 * our interceptors (which write it with {@link ProxyResponseHeaders}).
 *
 * <p>{@link #parse(Map)} reads it from response headers (names matched case-insensitively) with
 * the Python SDK's rules: a flag is true only when its header is exactly {@code "true"}, a group
 * (scan warning, policy warnings, abuse, ...) is present only when its flag header says so, absent
 * strings are {@code ""} and absent or unparsable numbers are {@code null}.
 *
 * <p>{@code injectionScore} and {@code confidence} at the top level are a lockllm-java addition: the
 * SDKs read those headers only inside the scan-warning group.
 */
public record ProxyResponseMetadata(
    String requestId,
    boolean scanned,
    boolean safe,
    String scanMode,
    String creditsMode,
    String provider,
    String model,
    String sensitivity,
    Integer label,
    Double injectionScore,
    Double confidence,
    Double policyConfidence,
    boolean blocked,
    ScanWarning scanWarning,
    PolicyWarnings policyWarnings,
    Abuse abuse,
    Pii pii,
    Compression compression,
    Routing routing,
    Credits credits,
    Cache cache) {

  /** {@code X-Scan-Mode} when the header is absent: the service default. */
  public static final String DEFAULT_SCAN_MODE = "combined";
  /** {@code X-LockLLM-Credits-Mode} when absent; the other value is {@code lockllm_credits}. */
  public static final String DEFAULT_CREDITS_MODE = "byok";

  private static final String TRUE = "true";
  private static final ObjectReader STRICT_READER =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** An injection found under {@code allow_with_warning}; {@code detail} is base64 JSON. */
  public record ScanWarning(Double injectionScore, Double confidence, String detail) {
    /** The decoded {@code detail}, or {@code null}. */
    public JsonNode decodedDetail() {
      return decodeDetailField(detail);
    }
  }

  /** Policy violations under {@code allow_with_warning}; {@code detail} is base64 JSON. */
  public record PolicyWarnings(Integer count, Double confidence, String detail) {
    /** The decoded {@code detail}, or {@code null}. */
    public JsonNode decodedDetail() {
      return decodeDetailField(detail);
    }
  }

  /** Abuse found under {@code allow_with_warning}; {@code detail} is base64 JSON. */
  public record Abuse(Double confidence, List<String> types, String detail) {
    public Abuse {
      types = List.copyOf(types);
    }

    /** The decoded {@code detail}, or {@code null}. */
    public JsonNode decodedDetail() {
      return decodeDetailField(detail);
    }
  }

  /** Personal-data detection; {@code action} is the PII action taken, or {@code ""}. */
  public record Pii(boolean detected, List<String> entityTypes, Integer entityCount, String action) {
    public Pii {
      entityTypes = List.copyOf(entityTypes);
    }
  }

  /** Prompt compression; {@code ratio} is compressed/original length, when applied. */
  public record Compression(String method, boolean applied, Double ratio) {}

  /** Model routing, present only when routing was enabled. */
  public record Routing(
      String taskType,
      Double complexity,
      String selectedModel,
      String routingReason,
      String originalProvider,
      String originalModel,
      Double estimatedSavings,
      Double estimatedOriginalCost,
      Double estimatedRoutedCost,
      Integer estimatedInputTokens,
      Integer estimatedOutputTokens,
      String routingFeeReason) {}

  /**
   * Credit accounting. The estimates are read whether or not routing was enabled; deductions are
   * asynchronous on the LockLLM side, so {@code deducted} and {@code balanceAfter} may be absent.
   */
  public record Credits(
      Double reserved,
      Double routingFeeReserved,
      String routingFeeReason,
      Double deducted,
      Double balanceAfter,
      Double estimatedOriginalCost,
      Double estimatedRoutedCost,
      Integer estimatedInputTokens,
      Integer estimatedOutputTokens) {}

  /** Response cache; {@code status} is {@code HIT} or {@code MISS}, {@code age} in seconds. */
  public record Cache(String status, Integer age, Integer tokensSaved, Double costSaved) {}

  /**
   * Reads the metadata from response headers. Values may be {@code String}s or collections of
   * them (as in {@link HttpHeaders#map()} and most frameworks' multi-value maps), of which the
   * first is used; keys are matched case-insensitively.
   *
   * @throws IllegalArgumentException if a value is neither a string nor a collection
   */
  public static ProxyResponseMetadata parse(Map<String, ?> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue;
      }
      String value = firstValue(e.getKey(), e.getValue());
      if (value != null) {
        lower.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), value);
      }
    }
    return new Reader(lower).read();
  }

  /** Reads the metadata from the headers of a {@link java.net.http.HttpResponse}. */
  public static ProxyResponseMetadata parse(HttpHeaders headers) {
    return parse(headers.map());
  }

  /**
   * Decodes a detail header: standard base64 of a UTF-8 JSON document. Returns {@code null} when
   * the value is {@code null} or empty, not base64, not UTF-8 or not one complete JSON document.
   */
  public static JsonNode decodeDetailField(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(detail.trim());
      String json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      JsonNode node = STRICT_READER.readTree(json);
      return node == null || node.isMissingNode() || node.isNull() ? null : node;
    } catch (IllegalArgumentException | IOException notBase64Utf8Json) {
      return null;
    }
  }

  private static String firstValue(String name, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Collection<?> values) {
      for (Object v : values) {
        if (v != null) {
          return v.toString();
        }
      }
      return null;
    }
    throw new IllegalArgumentException(
        "header '" + name + "' must map to a String or a Collection of Strings, got "
            + value.getClass().getName());
  }

  /** One pass over lower-cased headers; numbers that do not parse are read as absent. */
  private static final class Reader {
    private final Map<String, String> headers;

    Reader(Map<String, String> headers) {
      this.headers = headers;
    }

    ProxyResponseMetadata read() {
      ScanWarning scanWarning = null;
      if (flag(LockLLMHeaders.SCAN_WARNING)) {
        scanWarning =
            new ScanWarning(
                decimal(LockLLMHeaders.INJECTION_SCORE),
                decimal(LockLLMHeaders.CONFIDENCE),
                text(LockLLMHeaders.SCAN_DETAIL));
      }
      PolicyWarnings policyWarnings = null;
      if (flag(LockLLMHeaders.POLICY_WARNINGS)) {
        policyWarnings =
            new PolicyWarnings(
                integer(LockLLMHeaders.WARNING_COUNT),
                decimal(LockLLMHeaders.POLICY_CONFIDENCE),
                text(LockLLMHeaders.WARNING_DETAIL));
      }
      Abuse abuse = null;
      if (flag(LockLLMHeaders.ABUSE_DETECTED)) {
        abuse =
            new Abuse(
                decimal(LockLLMHeaders.ABUSE_CONFIDENCE),
                list(LockLLMHeaders.ABUSE_TYPES),
                text(LockLLMHeaders.ABUSE_DETAIL));
      }
      Pii pii = null;
      String piiDetected = get(LockLLMHeaders.PII_DETECTED);
      if (piiDetected != null && !piiDetected.isEmpty()) {
        pii =
            new Pii(
                TRUE.equals(piiDetected),
                list(LockLLMHeaders.PII_TYPES),
                integer(LockLLMHeaders.PII_COUNT),
                text(LockLLMHeaders.PII_ACTION));
      }
      Compression compression = null;
      String method = get(LockLLMHeaders.COMPRESSION_METHOD);
      if (method != null && !method.isEmpty()) {
        compression =
            new Compression(
                method, flag(LockLLMHeaders.COMPRESSION_APPLIED), decimal(LockLLMHeaders.COMPRESSION_RATIO));
      }
      Routing routing = null;
      if (flag(LockLLMHeaders.ROUTE_ENABLED)) {
        routing =
            new Routing(
                text(LockLLMHeaders.TASK_TYPE),
                decimal(LockLLMHeaders.COMPLEXITY),
                text(LockLLMHeaders.SELECTED_MODEL),
                text(LockLLMHeaders.ROUTING_REASON),
                text(LockLLMHeaders.ORIGINAL_PROVIDER),
                text(LockLLMHeaders.ORIGINAL_MODEL),
                decimal(LockLLMHeaders.ESTIMATED_SAVINGS),
                decimal(LockLLMHeaders.ESTIMATED_ORIGINAL_COST),
                decimal(LockLLMHeaders.ESTIMATED_ROUTED_COST),
                integer(LockLLMHeaders.ESTIMATED_INPUT_TOKENS),
                integer(LockLLMHeaders.ESTIMATED_OUTPUT_TOKENS),
                optionalText(LockLLMHeaders.ROUTING_FEE_REASON));
      }
      Credits credits =
          new Credits(
              decimal(LockLLMHeaders.CREDITS_RESERVED),
              decimal(LockLLMHeaders.ROUTING_FEE_RESERVED),
              optionalText(LockLLMHeaders.ROUTING_FEE_REASON),
              decimal(LockLLMHeaders.CREDITS_DEDUCTED),
              decimal(LockLLMHeaders.BALANCE_AFTER),
              decimal(LockLLMHeaders.ESTIMATED_ORIGINAL_COST),
              decimal(LockLLMHeaders.ESTIMATED_ROUTED_COST),
              integer(LockLLMHeaders.ESTIMATED_INPUT_TOKENS),
              integer(LockLLMHeaders.ESTIMATED_OUTPUT_TOKENS));
      if (credits.equals(new Credits(null, null, null, null, null, null, null, null, null))) {
        credits = null;
      }
      Cache cache =
          new Cache(
              optionalText(LockLLMHeaders.CACHE_STATUS),
              integer(LockLLMHeaders.CACHE_AGE),
              integer(LockLLMHeaders.TOKENS_SAVED),
              decimal(LockLLMHeaders.COST_SAVED));
      if (cache.equals(new Cache(null, null, null, null))) {
        cache = null;
      }
      String scanMode = optionalText(LockLLMHeaders.RESPONSE_SCAN_MODE);
      String creditsMode = optionalText(LockLLMHeaders.CREDITS_MODE);
      return new ProxyResponseMetadata(
          text(LockLLMHeaders.REQUEST_ID),
          flag(LockLLMHeaders.SCANNED),
          flag(LockLLMHeaders.SAFE),
          scanMode == null ? DEFAULT_SCAN_MODE : scanMode,
          creditsMode == null ? DEFAULT_CREDITS_MODE : creditsMode,
          text(LockLLMHeaders.PROVIDER),
          optionalText(LockLLMHeaders.MODEL),
          optionalText(LockLLMHeaders.SENSITIVITY),
          integer(LockLLMHeaders.LABEL),
          decimal(LockLLMHeaders.INJECTION_SCORE),
          decimal(LockLLMHeaders.CONFIDENCE),
          decimal(LockLLMHeaders.POLICY_CONFIDENCE),
          flag(LockLLMHeaders.BLOCKED),
          scanWarning,
          policyWarnings,
          abuse,
          pii,
          compression,
          routing,
          credits,
          cache);
    }

    private String get(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private boolean flag(String name) {
      return TRUE.equals(get(name));
    }

    /** The value, or {@code ""} when absent. */
    private String text(String name) {
      String value = get(name);
      return value == null ? "" : value;
    }

    /** The value, or {@code null} when absent or empty. */
    private String optionalText(String name) {
      String value = get(name);
      return value == null || value.isEmpty() ? null : value;
    }

    private List<String> list(String name) {
      String value = get(name);
      if (value == null || value.isBlank()) {
        return List.of();
      }
      List<String> items = new ArrayList<>();
      for (String item : value.split(",")) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
          items.add(trimmed);
        }
      }
      return items;
    }

    private Double decimal(String name) {
      String value = get(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        double d = Double.parseDouble(value.trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private Integer integer(String name) {
      String value = get(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
