package com.lockllm.proxy;

import com.lockllm.scan.ScanOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP header names of the LockLLM API and proxy, in the Title-Case forms the Python SDK sends.
 * Header names are case-insensitive on the wire; compare them with
 * {@link String#equalsIgnoreCase(String)}. {@link #forOptions} renders scan options as request headers.
 */
public final class LockLLMHeaders {
  // Request headers: scan and proxy options.
  public static final String REQUEST_ID = "X-Request-Id";
  public static final String SCAN_MODE = "X-LockLLM-Scan-Mode";
  public static final String SCAN_ACTION = "X-LockLLM-Scan-Action";
  public static final String POLICY_ACTION = "X-LockLLM-Policy-Action";
  public static final String ABUSE_ACTION = "X-LockLLM-Abuse-Action";
  public static final String ROUTE_ACTION = "X-LockLLM-Route-Action";
  public static final String SENSITIVITY = "X-LockLLM-Sensitivity";
  public static final String CACHE_RESPONSE = "X-LockLLM-Cache-Response";
  public static final String CACHE_TTL = "X-LockLLM-Cache-TTL";
  public static final String CHUNK = "X-LockLLM-Chunk";
  public static final String PII_ACTION = "X-LockLLM-PII-Action";
  public static final String COMPRESSION = "X-LockLLM-Compression";
  public static final String COMPRESSION_RATE = "X-LockLLM-Compression-Rate";

  // Response headers: verdict.
  public static final String SCANNED = "X-LockLLM-Scanned";
  /**
   * The fields the model reads that were not scanned (fail-mode open only): comma-separated JSON
   * Pointers, each with its reason after a space, e.g. {@code /prompt token_ids}.
   */
  public static final String UNSCANNED = "X-LockLLM-Unscanned";
  public static final String SAFE = "X-LockLLM-Safe";
  public static final String LABEL = "X-LockLLM-Label";
  public static final String BLOCKED = "X-LockLLM-Blocked";
  /**
   * The request's {@code X-LockLLM-*} headers that asked for a looser policy than configured and
   * were ignored (comma-separated names); only untrusted clients' headers are ignored.
   */
  public static final String IGNORED_HEADERS = "X-LockLLM-Ignored-Headers";
  /** The scan mode used; the LockLLM proxy sends it without the {@code LockLLM} prefix. */
  public static final String RESPONSE_SCAN_MODE = "X-Scan-Mode";
  public static final String CREDITS_MODE = "X-LockLLM-Credits-Mode";
  public static final String PROVIDER = "X-LockLLM-Provider";
  public static final String MODEL = "X-LockLLM-Model";

  // Response headers: injection warning.
  public static final String SCAN_WARNING = "X-LockLLM-Scan-Warning";
  public static final String INJECTION_SCORE = "X-LockLLM-Injection-Score";
  public static final String CONFIDENCE = "X-LockLLM-Confidence";
  public static final String SCAN_DETAIL = "X-LockLLM-Scan-Detail";

  // Response headers: policy warnings.
  public static final String POLICY_WARNINGS = "X-LockLLM-Policy-Warnings";
  public static final String WARNING_COUNT = "X-LockLLM-Warning-Count";
  public static final String POLICY_CONFIDENCE = "X-LockLLM-Policy-Confidence";
  public static final String WARNING_DETAIL = "X-LockLLM-Warning-Detail";

  // Response headers: abuse.
  public static final String ABUSE_DETECTED = "X-LockLLM-Abuse-Detected";
  public static final String ABUSE_CONFIDENCE = "X-LockLLM-Abuse-Confidence";
  public static final String ABUSE_TYPES = "X-LockLLM-Abuse-Types";
  public static final String ABUSE_DETAIL = "X-LockLLM-Abuse-Detail";

  // Response headers: personal data (PII_ACTION names the action taken).
  public static final String PII_DETECTED = "X-LockLLM-PII-Detected";
  public static final String PII_TYPES = "X-LockLLM-PII-Types";
  public static final String PII_COUNT = "X-LockLLM-PII-Count";

  // Response headers: compression.
  public static final String COMPRESSION_METHOD = "X-LockLLM-Compression-Method";
  public static final String COMPRESSION_APPLIED = "X-LockLLM-Compression-Applied";
  public static final String COMPRESSION_RATIO = "X-LockLLM-Compression-Ratio";

  // Response headers: routing.
  public static final String ROUTE_ENABLED = "X-LockLLM-Route-Enabled";
  public static final String TASK_TYPE = "X-LockLLM-Task-Type";
  public static final String COMPLEXITY = "X-LockLLM-Complexity";
  public static final String SELECTED_MODEL = "X-LockLLM-Selected-Model";
  public static final String ROUTING_REASON = "X-LockLLM-Routing-Reason";
  public static final String ORIGINAL_PROVIDER = "X-LockLLM-Original-Provider";
  public static final String ORIGINAL_MODEL = "X-LockLLM-Original-Model";
  public static final String ESTIMATED_SAVINGS = "X-LockLLM-Estimated-Savings";
  public static final String ESTIMATED_ORIGINAL_COST = "X-LockLLM-Estimated-Original-Cost";
  public static final String ESTIMATED_ROUTED_COST = "X-LockLLM-Estimated-Routed-Cost";
  public static final String ESTIMATED_INPUT_TOKENS = "X-LockLLM-Estimated-Input-Tokens";
  public static final String ESTIMATED_OUTPUT_TOKENS = "X-LockLLM-Estimated-Output-Tokens";
  public static final String ROUTING_FEE_REASON = "X-LockLLM-Routing-Fee-Reason";

  // Response headers: credits.
  public static final String CREDITS_RESERVED = "X-LockLLM-Credits-Reserved";
  public static final String ROUTING_FEE_RESERVED = "X-LockLLM-Routing-Fee-Reserved";
  public static final String CREDITS_DEDUCTED = "X-LockLLM-Credits-Deducted";
  public static final String BALANCE_AFTER = "X-LockLLM-Balance-After";

  // Response headers: response cache.
  public static final String CACHE_STATUS = "X-LockLLM-Cache-Status";
  public static final String CACHE_AGE = "X-LockLLM-Cache-Age";
  public static final String TOKENS_SAVED = "X-LockLLM-Tokens-Saved";
  public static final String COST_SAVED = "X-LockLLM-Cost-Saved";

  // Response headers: the answer side (this library's; the LockLLM proxy has none).
  /** How the answer was checked: {@code buffered}, {@code streamed} or {@code unscanned}. */
  public static final String OUTPUT_SCAN = "X-LockLLM-Output-Scan";
  /** What the answer got: {@code none}, {@code warn}, {@code strip} or {@code block} (under shadow, would have got). */
  public static final String OUTPUT_ACTION = "X-LockLLM-Output-Action";
  public static final String OUTPUT_FINDINGS = "X-LockLLM-Output-Findings";
  public static final String OUTPUT_RESTORED = "X-LockLLM-Output-Restored";
  public static final String OUTPUT_ALLOWLISTED = "X-LockLLM-Output-Allowlisted";
  public static final String OUTPUT_SHADOW = "X-LockLLM-Output-Shadow";
  public static final String OUTPUT_UNSCANNED = "X-LockLLM-Output-Unscanned";

  private LockLLMHeaders() {}

  /**
   * The {@code X-LockLLM-*} request headers for the options that are set, in the Python SDK's
   * order; booleans as {@code "true"}/{@code "false"}, the compression rate as Python's
   * {@code str(float)} would write it.
   */
  public static Map<String, String> forOptions(ScanOptions options) {
    return forOptions(options, null, null);
  }

  static Map<String, String> forOptions(ScanOptions options, Boolean cacheResponse, Integer cacheTtl) {
    Map<String, String> h = new LinkedHashMap<>();
    if (options.scanMode() != null) h.put(SCAN_MODE, options.scanMode().wireName());
    if (options.scanAction() != null) h.put(SCAN_ACTION, options.scanAction().wireName());
    if (options.policyAction() != null) h.put(POLICY_ACTION, options.policyAction().wireName());
    if (options.abuseAction() != null) h.put(ABUSE_ACTION, options.abuseAction().wireName());
    if (options.routeAction() != null) h.put(ROUTE_ACTION, options.routeAction().wireName());
    if (options.sensitivity() != null) h.put(SENSITIVITY, options.sensitivity().wireName());
    if (cacheResponse != null) h.put(CACHE_RESPONSE, cacheResponse.toString());
    if (cacheTtl != null) h.put(CACHE_TTL, cacheTtl.toString());
    if (options.chunk() != null) h.put(CHUNK, options.chunk().toString());
    if (options.piiAction() != null) h.put(PII_ACTION, options.piiAction().wireName());
    if (options.compression() != null) h.put(COMPRESSION, options.compression().wireName());
    if (options.compressionRate() != null) h.put(COMPRESSION_RATE, options.compressionRate().toString());
    return Collections.unmodifiableMap(h);
  }
}
