package com.lockllm.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the answer side found in one answer and did, or under shadow mode would have done: counts
 * only, never the text. Finding types carry their family ({@code pii:EMAIL}, {@code
 * secret:OPENAI_API_KEY}, {@code canary:CANARY}).
 *
 * @param findings each finding type, to how many times it was found (allowlisted ones included)
 * @param stripped findings redacted (or that would have been)
 * @param warned findings passed and reported
 * @param allowlisted findings passed by the allowlist
 * @param restored masked placeholders put back
 * @param blockedBy the finding type that ended the answer (or would have), or {@code null}
 * @param shadow whether the actions were only reported
 * @param unscanned why the answer could not be read ({@code content-encoding}, {@code too-large},
 *     {@code malformed}...), or {@code null} when it was read
 */
public record OutputReport(Map<String, Integer> findings, int stripped, int warned, int allowlisted, int restored,
    String blockedBy, boolean shadow, String unscanned) {
  public OutputReport {
    findings = Map.copyOf(findings);
  }

  /** Nothing found. */
  public static OutputReport empty(boolean shadow) {
    return new OutputReport(Map.of(), 0, 0, 0, 0, null, shadow, null);
  }

  /** The action the answer got, or would have got: {@code block}, {@code strip}, {@code warn} or {@code none}. */
  public String action() {
    if (blockedBy != null) {
      return "block";
    }
    return stripped > 0 ? "strip" : warned > 0 || allowlisted > 0 ? "warn" : "none";
  }

  /** {@code type=count} pairs, in the order found, comma-separated (a header value). */
  public String findingsHeader() {
    StringBuilder out = new StringBuilder();
    findings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(e.getKey()).append('=').append(e.getValue());
    });
    return out.toString();
  }

  /** A mutable tally, one per answer. Thread-safe: a buffered answer and its stream share no thread, but a disconnect may race a write. */
  static final class Tally {
    private final boolean shadow;
    private final Map<String, Integer> findings = new LinkedHashMap<>();
    private int stripped;
    private int warned;
    private int allowlisted;
    private int restored;
    private String blockedBy;
    private String unscanned;

    Tally(boolean shadow) {
      this.shadow = shadow;
    }

    synchronized void found(String type, OutputAction action, boolean allowlistedFinding) {
      findings.merge(type, 1, Integer::sum);
      if (allowlistedFinding) {
        allowlisted++;
        return;
      }
      switch (action) {
        case STRIP -> stripped++;
        case WARN -> warned++;
        case BLOCK -> {
          if (blockedBy == null) {
            blockedBy = type;
          }
        }
      }
    }

    synchronized void restored() {
      restored++;
    }

    synchronized void unscanned(String reason) {
      unscanned = Objects.requireNonNull(reason, "reason");
    }

    synchronized Map<String, Integer> findings() {
      return new LinkedHashMap<>(findings);
    }

    synchronized OutputReport report() {
      return new OutputReport(findings, stripped, warned, allowlisted, restored, blockedBy, shadow, unscanned);
    }
  }
}
