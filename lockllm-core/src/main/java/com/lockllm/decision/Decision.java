package com.lockllm.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the interceptor decided on one protected request, as metrics and the {@link DecisionLog}
 * see it: who, which route, the verdict, the categories and personal-data types found, what was
 * done and how long each part took. It never holds prompt or answer text, so a listener may ship
 * it anywhere.
 *
 * @param timestamp when the decision was made
 * @param requestId the scan's request id (as in the response's {@code X-Request-Id}), else the
 *     client's own {@code X-Request-Id}, else {@code null}
 * @param route the patterns of the protected route the request matched, comma-separated
 * @param clientKey the client as the interceptor's {@code ClientKeyResolver} names it ({@code
 *     key:<name>}, {@code user:<name>}, a remote address), or {@code null} when unknown
 * @param outcome the verdict
 * @param action what was done to the request
 * @param error the error code of a refused request ({@code prompt_injection_detected}, {@code
 *     request_too_large}, ...), else {@code null}
 * @param status the HTTP status a refused request was answered with, else 0
 * @param categories each category found, with its highest score as the scanner reports it (0-100
 *     for the embedded engine's spans, 0-1 for confidences); personal data is in {@code pii}
 * @param pii each personal-data type found, with how many entities of it; a count is 0 when the
 *     scanner names types without counting them (the LockLLM API)
 * @param failure the class of what failed when fail-mode open let the request through, else
 *     {@code null} (never its message, which may quote input)
 * @param bodyRead reading the body
 * @param scan from the body read to the verdict: extraction, scan, abuse counters, rewriting
 * @param total the whole decision
 */
public record Decision(
    Instant timestamp,
    String requestId,
    String route,
    String clientKey,
    Outcome outcome,
    Action action,
    String error,
    int status,
    Map<String, Double> categories,
    Map<String, Integer> pii,
    String failure,
    Duration bodyRead,
    Duration scan,
    Duration total) {
  public Decision {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(action, "action");
    categories = Collections.unmodifiableMap(new TreeMap<>(categories));
    pii = Collections.unmodifiableMap(new TreeMap<>(pii));
    Objects.requireNonNull(bodyRead, "bodyRead");
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(total, "total");
  }

  /** The verdict on a request. A small, fixed set: safe as a metric tag. */
  public enum Outcome {
    /** Scanned and found nothing to act on. */
    ALLOWED,
    /** Scanned, flagged, and let through under a {@code warn} action. */
    WARNED,
    /** Refused for what it says: injection, policy, personal data under {@code block}, abuse. */
    BLOCKED,
    /** Refused for its form: malformed, too large, a field that cannot be scanned, a bad header. */
    INVALID,
    /** Refused because scanning failed under fail-mode closed. */
    ERROR,
    /** Let through unscanned, or without abuse counting, because fail-mode open forgave a failure. */
    FAIL_OPEN,
    /** Let through with nothing to scan (an empty body on a route that does not require one, no prompt text). */
    UNSCANNED;

    /** The lower-case name, for a metric tag or a log field. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What was done with the request. */
  public enum Action {
    /** Forwarded as received (a canary added to its system prompt does not count). */
    FORWARD,
    /** Forwarded with personal data replaced by type labels ({@code strip}), or compressed or re-routed. */
    REWRITE,
    /** Forwarded with personal data replaced by placeholders the answer restores ({@code mask}). */
    MASK,
    /** Answered with an error and not forwarded. */
    REFUSE;

    /** The lower-case name, for a metric tag or a log field. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether the request went on to the application or the model. */
  public boolean proceeded() {
    return action != Action.REFUSE;
  }
}
