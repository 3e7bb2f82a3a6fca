package com.lockllm.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Combines the responses of scans over parts of one input (prompt segments, or windows of a long
 * text) into the response for the whole, by one rule: the whole is as bad as its worst part.
 */
public final class ScanResponses {
  /** Mildest to worst: unsafe beats safe, then label, injection score and policy confidence decide. */
  private static final Comparator<ScanResponse> SEVERITY =
      Comparator.comparing((ScanResponse r) -> !r.safe())
          .thenComparingInt(ScanResponse::label)
          .thenComparing(ScanResponse::injection, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ScanResponse::policyConfidence, Comparator.nullsFirst(Comparator.naturalOrder()));

  private ScanResponses() {}

  /**
   * The response for the whole input: unsafe if any part is; label, injection, confidence,
   * sensitivity and request id of the worst part; the highest policy confidence; every policy
   * warning (duplicates dropped); the scan warning with the highest injection score; abuse and PII
   * merged (union of types, summed PII counts, highest abuse confidence); usage summed; findings
   * concatenated as they are (offset them first with {@link #withFindingsOffset}).
   *
   * <p>{@code redactedInput} and {@code redactedSegments} are left unset: only the caller knows how
   * the parts' texts make up the whole. Compression is merged only when every part has one.
   *
   * @throws IllegalArgumentException if {@code parts} is empty
   */
  public static ScanResponse worstOf(List<ScanResponse> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("worstOf needs at least one response");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    // On a tie the earliest part wins, so the result does not depend on scheduling.
    ScanResponse worst = parts.stream().max(SEVERITY).orElseThrow();
    return ScanResponse.builder()
        .safe(parts.stream().allMatch(ScanResponse::safe))
        .label(worst.label())
        .confidence(worst.confidence())
        .injection(worst.injection())
        .sensitivity(worst.sensitivity())
        .requestId(worst.requestId())
        .usage(usage(parts))
        .debug(debug(parts))
        .policyConfidence(max(parts.stream().map(ScanResponse::policyConfidence).toList()))
        .policyWarnings(policyWarnings(parts))
        .scanWarning(scanWarning(parts))
        .abuseWarnings(abuse(parts))
        .routing(parts.stream().map(ScanResponse::routing).filter(Objects::nonNull).findFirst().orElse(null))
        .piiResult(pii(parts))
        .compressionResult(compression(parts))
        .findings(findings(parts))
        .build();
  }

  /**
   * {@code response} with each finding moved {@code offset} characters right, for a part that
   * starts at {@code offset} in the whole input.
   */
  public static ScanResponse withFindingsOffset(ScanResponse response, int offset) {
    if (offset == 0 || response.findings() == null || response.findings().isEmpty()) {
      return response;
    }
    List<Finding> moved = new ArrayList<>(response.findings().size());
    for (Finding f : response.findings()) {
      moved.add(new Finding(f.start() + offset, f.end() + offset, f.category(), f.score()));
    }
    return response.toBuilder().findings(moved).build();
  }

  private static Usage usage(List<ScanResponse> parts) {
    int requests = 0;
    int chars = 0;
    boolean any = false;
    for (ScanResponse r : parts) {
      if (r.usage() != null) {
        any = true;
        requests += r.usage().requests();
        chars += r.usage().inputChars();
      }
    }
    return any ? new Usage(requests, chars) : null;
  }

  /** Parts may run in parallel, so the duration is the longest; inference time adds up. */
  private static Debug debug(List<ScanResponse> parts) {
    Long duration = null;
    Long inference = null;
    boolean any = false;
    for (ScanResponse r : parts) {
      Debug d = r.debug();
      if (d != null) {
        any = true;
        if (d.durationMs() != null) {
          duration = duration == null ? d.durationMs() : Math.max(duration, d.durationMs());
        }
        if (d.inferenceMs() != null) {
          inference = inference == null ? d.inferenceMs() : inference + d.inferenceMs();
        }
      }
    }
    return any ? new Debug(duration, inference, Debug.MODE_CHUNKED) : null;
  }

  private static List<PolicyViolation> policyWarnings(List<ScanResponse> parts) {
    Set<PolicyViolation> all = new LinkedHashSet<>();
    for (ScanResponse r : parts) {
      if (r.policyWarnings() != null) {
        all.addAll(r.policyWarnings());
      }
    }
    return all.isEmpty() ? null : List.copyOf(all);
  }

  private static ScanWarning scanWarning(List<ScanResponse> parts) {
    ScanWarning best = null;
    for (ScanResponse r : parts) {
      ScanWarning w = r.scanWarning();
      if (w != null && (best == null || score(w.injectionScore()) > score(best.injectionScore()))) {
        best = w;
      }
    }
    return best;
  }

  private static AbuseWarning abuse(List<ScanResponse> parts) {
    AbuseWarning strongest = null;
    Boolean detected = null;
    Set<String> types = new LinkedHashSet<>();
    boolean anyTypes = false;
    Map<String, Double> indicators = new LinkedHashMap<>();
    boolean anyIndicators = false;
    for (ScanResponse r : parts) {
      AbuseWarning a = r.abuseWarnings();
      if (a == null) {
        continue;
      }
      if (a.detected() != null) {
        detected = Boolean.TRUE.equals(detected) || a.detected();
      }
      if (a.abuseTypes() != null) {
        anyTypes = true;
        types.addAll(a.abuseTypes());
      }
      if (a.indicators() != null) {
        anyIndicators = true;
        a.indicators().forEach((k, v) -> indicators.merge(k, v, Math::max));
      }
      if (strongest == null || score(a.confidence()) > score(strongest.confidence())) {
        strongest = a;
      }
    }
    if (strongest == null) {
      return null;
    }
    return new AbuseWarning(
        detected,
        strongest.confidence(),
        anyTypes ? List.copyOf(types) : null,
        anyIndicators ? indicators : null,
        strongest.recommendation());
  }

  private static PiiResult pii(List<ScanResponse> parts) {
    Boolean detected = null;
    Set<String> types = new LinkedHashSet<>();
    boolean anyTypes = false;
    Integer count = null;
    boolean any = false;
    for (ScanResponse r : parts) {
      PiiResult p = r.piiResult();
      if (p == null) {
        continue;
      }
      any = true;
      if (p.detected() != null) {
        detected = Boolean.TRUE.equals(detected) || p.detected();
      }
      if (p.entityTypes() != null) {
        anyTypes = true;
        types.addAll(p.entityTypes());
      }
      if (p.entityCount() != null) {
        count = count == null ? p.entityCount() : count + p.entityCount();
      }
    }
    return any ? new PiiResult(detected, anyTypes ? List.copyOf(types) : null, count, null) : null;
  }

  private static CompressionResult compression(List<ScanResponse> parts) {
    List<String> inputs = new ArrayList<>();
    long original = 0;
    long compressed = 0;
    boolean lengthsKnown = true;
    for (ScanResponse r : parts) {
      CompressionResult c = r.compressionResult();
      if (c == null || c.compressedInput() == null) {
        return null;
      }
      inputs.add(c.compressedInput());
      if (c.originalLength() == null || c.compressedLength() == null) {
        lengthsKnown = false;
      } else {
        original += c.originalLength();
        compressed += c.compressedLength();
      }
    }
    CompressionResult first = parts.get(0).compressionResult();
    return new CompressionResult(
        first.method(),
        String.join(ScanRequest.SEPARATOR, inputs),
        lengthsKnown ? Math.toIntExact(original) : null,
        lengthsKnown ? Math.toIntExact(compressed) : null,
        lengthsKnown && original > 0 ? (double) compressed / original : null);
  }

  private static List<Finding> findings(List<ScanResponse> parts) {
    List<Finding> all = null;
    for (ScanResponse r : parts) {
      if (r.findings() != null) {
        if (all == null) {
          all = new ArrayList<>();
        }
        all.addAll(r.findings());
      }
    }
    return all;
  }

  private static Double max(List<Double> values) {
    Double max = null;
    for (Double v : values) {
      if (v != null && (max == null || v > max)) {
        max = v;
      }
    }
    return max;
  }

  private static double score(Double value) {
    return value == null ? Double.NEGATIVE_INFINITY : value;
  }
}
