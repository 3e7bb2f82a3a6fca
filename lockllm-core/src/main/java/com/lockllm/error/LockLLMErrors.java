package com.lockllm.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lockllm.internal.Json;
import com.lockllm.scan.PolicyViolation;
import com.lockllm.scan.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one mapping between LockLLM error JSON and {@link LockLLMException}s, both ways.
 *
 * <p>Client side, {@link #fromHttpResponse} and {@link #fromJson} follow the Python SDK's
 * {@code parse_error}: the class is chosen from the body's {@code code} and {@code type} (never
 * from the HTTP status, except 429), first match wins, and typed errors keep their fixed
 * type/code/status. Server side, {@link #toResponse} renders any exception as the LockLLM error body
 * with its status, which is what every adapter writes for a rejection.
 */
public final class LockLLMErrors {
  static final String UNKNOWN_TYPE = "unknown_error";
  /** Type of the error for a success answer that is not a readable scan response. */
  public static final String INVALID_RESPONSE_TYPE = "api_error";
  /** Code of the error for a success answer that is not a readable scan response. */
  public static final String INVALID_RESPONSE_CODE = "invalid_response";

  private static final Set<String> BALANCE_CODES =
      Set.of("insufficient_credits", "no_balance", "insufficient_routing_credits",
          "balance_check_failed", "credits_unavailable");
  private static final Set<String> CONFIG_TYPES = Set.of("configuration_error", "lockllm_config_error");
  private static final Set<String> CONFIG_CODES =
      Set.of("no_upstream_key", "no_byok_key", "invalid_provider_for_credits_mode");
  private static final TypeReference<List<PolicyViolation>> POLICIES = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private LockLLMErrors() {}

  /**
   * The exception for a non-2xx answer of the LockLLM API. A 429 always becomes a
   * {@link RateLimitException} carrying {@code retryAfterMillis}; a body that is not JSON becomes a
   * generic error whose message names the status and the start of the body.
   */
  public static LockLLMException fromHttpResponse(
      int status, byte[] body, Long retryAfterMillis, String requestId) {
    JsonNode json = readOrNull(body);
    if (status == 429) {
      String message = text(json == null ? null : json.path("error"), "message");
      return new RateLimitException(
          message == null ? "Rate limit exceeded" : message, retryAfterMillis, requestId);
    }
    if (json == null || !json.isObject()) {
      String start = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      if (start.length() > 100) {
        start = start.substring(0, 100);
      }
      return new LockLLMException("HTTP " + status + ": " + start, UNKNOWN_TYPE, null, status, requestId);
    }
    LockLLMException e = fromJson(json, requestId);
    if (e.getClass() == LockLLMException.class && e.status() == null) {
      return new LockLLMException(e.getMessage(), e.type(), e.code(), status, e.requestId());
    }
    return e;
  }

  /**
   * The exception for a success answer of the LockLLM API whose body is not the expected JSON;
   * {@code cause} (the parser's complaint) is kept for diagnosis.
   */
  public static LockLLMException invalidResponse(
      int status, String detail, Throwable cause, String requestId) {
    return new LockLLMException(
        "Invalid response from the LockLLM API (HTTP " + status + "): " + detail,
        INVALID_RESPONSE_TYPE, INVALID_RESPONSE_CODE, status, requestId, cause, true);
  }

  /** The exception an error body stands for, {@code fallbackRequestId} used where the body has none. */
  public static LockLLMException fromJson(JsonNode body, String fallbackRequestId) {
    JsonNode error = body == null ? null : body.get("error");
    if (error != null && error.isTextual() && !error.asText().isEmpty()) {
      String flat = error.asText();
      String message = text(body, "message");
      String requestId = text(body, "request_id");
      return new LockLLMException(
          message == null ? flat : message, flat, flat, null,
          requestId == null ? fallbackRequestId : requestId);
    }
    if (error == null || !error.isObject() || error.isEmpty()) {
      return new LockLLMException("Unknown error occurred", UNKNOWN_TYPE, null, null, fallbackRequestId);
    }
    String message = text(error, "message");
    if (message == null) {
      message = "An error occurred";
    }
    String type = text(error, "type");
    String code = text(error, "code");
    String bodyRequestId = text(error, "request_id");
    String requestId = bodyRequestId == null ? fallbackRequestId : bodyRequestId;
    ObjectMapper mapper = Json.mapper();

    if (PromptInjectionException.CODE.equals(code) && error.hasNonNull("scan_result")) {
      ScanResult result = mapper.convertValue(error.get("scan_result"), ScanResult.class);
      return new PromptInjectionException(message, result, requestId);
    }
    if (PolicyViolationException.CODE.equals(code)) {
      JsonNode policies = error.get("violated_policies");
      List<PolicyViolation> list =
          policies == null || !policies.isArray() ? List.of() : mapper.convertValue(policies, POLICIES);
      return new PolicyViolationException(message, list, requestId);
    }
    if (AbuseDetectedException.CODE.equals(code)) {
      JsonNode details = error.get("abuse_details");
      Map<String, Object> map =
          details == null || !details.isObject() ? Map.of() : mapper.convertValue(details, OBJECT);
      return new AbuseDetectedException(message, map, requestId);
    }
    if (PiiDetectedException.CODE.equals(code)) {
      JsonNode details = error.path("pii_details");
      List<String> types = new ArrayList<>();
      details.path("entity_types").forEach(t -> types.add(t.asText()));
      return new PiiDetectedException(message, types, details.path("entity_count").asInt(0), requestId);
    }
    if ((code != null && BALANCE_CODES.contains(code)) || InsufficientCreditsException.TYPE.equals(type)) {
      return new InsufficientCreditsException(
          message, number(error, "current_balance"), number(error, "estimated_cost"), requestId);
    }
    if (AuthenticationException.TYPE.equals(type) || AuthenticationException.CODE.equals(code)) {
      return new AuthenticationException(message, fallbackRequestId);
    }
    if (RateLimitException.TYPE.equals(type) || RateLimitException.CODE.equals(code)) {
      return new RateLimitException(message, null, requestId);
    }
    if (UpstreamException.TYPE.equals(type) || UpstreamException.CODE.equals(code)) {
      return new UpstreamException(message, text(error, "provider"), integer(error, "upstream_status"), requestId);
    }
    if ((type != null && CONFIG_TYPES.contains(type)) || (code != null && CONFIG_CODES.contains(code))) {
      return new ConfigurationException(message);
    }
    return new LockLLMException(message, type == null ? UNKNOWN_TYPE : type, code, null, requestId);
  }

  /**
   * The HTTP answer for an exception: its status (500 when it has none; 503 for a
   * {@link NetworkException}), the LockLLM error JSON with the class's extra fields, and
   * {@code Retry-After} (whole seconds, rounded up) for a {@link RateLimitException} that knows it.
   */
  public static ErrorResponse toResponse(LockLLMException e) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", ErrorResponse.CONTENT_TYPE);
    if (e instanceof RateLimitException rate && rate.retryAfter() != null) {
      headers.put("Retry-After", Long.toString((rate.retryAfter() + 999) / 1000));
    }
    if (e.requestId() != null) {
      headers.put("X-Request-Id", e.requestId());
    }
    return new ErrorResponse(statusOf(e), toJson(e), headers);
  }

  /** The HTTP status {@link #toResponse} uses for {@code e}. */
  public static int statusOf(LockLLMException e) {
    if (e instanceof NetworkException) {
      return 503;
    }
    Integer status = e.status();
    return status == null || status < 400 || status > 599 ? 500 : status;
  }

  /** The LockLLM error body for {@code e}: {@code {"error":{"message","type","code",...,"request_id"}}}. */
  public static byte[] toJson(LockLLMException e) {
    ObjectMapper mapper = Json.mapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", e.getMessage());
    error.put("type", e.type());
    if (e.code() != null) {
      error.put("code", e.code());
    }
    if (e instanceof PromptInjectionException p && p.scanResult() != null) {
      error.set("scan_result", mapper.valueToTree(p.scanResult()));
    } else if (e instanceof PolicyViolationException p) {
      error.set("violated_policies", mapper.valueToTree(p.violatedPolicies()));
    } else if (e instanceof AbuseDetectedException a) {
      error.set("abuse_details", mapper.valueToTree(a.abuseDetails()));
    } else if (e instanceof PiiDetectedException p) {
      ObjectNode details = error.putObject("pii_details");
      details.set("entity_types", mapper.valueToTree(p.entityTypes()));
      details.put("entity_count", p.entityCount());
    } else if (e instanceof InsufficientCreditsException c) {
      if (c.currentBalance() != null) error.put("current_balance", c.currentBalance());
      if (c.estimatedCost() != null) error.put("estimated_cost", c.estimatedCost());
    } else if (e instanceof OutputBlockedException o) {
      error.putObject("output_details").set("finding_types", mapper.valueToTree(o.findingTypes()));
    } else if (e instanceof UpstreamException u) {
      if (u.provider() != null) error.put("provider", u.provider());
      if (u.upstreamStatus() != null) error.put("upstream_status", u.upstreamStatus());
    } else if (e instanceof RateLimitException r && r.retryAfter() != null) {
      error.put("retry_after", r.retryAfter());
    }
    if (e.requestId() != null) {
      error.put("request_id", e.requestId());
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static JsonNode readOrNull(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.doubleValue() : null;
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.canConvertToInt() ? value.intValue() : null;
  }
}
