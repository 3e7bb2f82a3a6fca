package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Abuse found in a request (bot-like text, repetition, resource exhaustion, request patterns).
 * {@code indicators} holds scores such as {@code bot_score} and {@code repetition_score}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbuseWarning(
    Boolean detected,
    Double confidence,
    List<String> abuseTypes,
    Map<String, Double> indicators,
    String recommendation) {
  public AbuseWarning {
    abuseTypes = abuseTypes == null ? null : List.copyOf(abuseTypes);
    indicators = indicators == null ? null : Map.copyOf(indicators);
  }

  /** Whether abuse was found ({@code detected} missing counts as found, as in the LockLLM SDKs). */
  public boolean isDetected() {
    return !Boolean.FALSE.equals(detected) && !isEmpty();
  }

  /**
   * One warning from two views of the same request (the scanner's content signals and the
   * client's behaviour): types in order without repeats, the higher score per indicator, the
   * higher confidence of the detecting parts and that part's recommendation. {@code null} when
   * neither detected abuse; either argument may be {@code null}.
   */
  public static AbuseWarning combine(AbuseWarning a, AbuseWarning b) {
    boolean aFound = a != null && a.isDetected();
    boolean bFound = b != null && b.isDetected();
    if (!aFound && !bFound) {
      return null;
    }
    Set<String> types = new LinkedHashSet<>();
    Map<String, Double> indicators = new LinkedHashMap<>();
    for (AbuseWarning w : new AbuseWarning[] {a, b}) {
      if (w == null) {
        continue;
      }
      if (w.isDetected() && w.abuseTypes() != null) {
        types.addAll(w.abuseTypes());
      }
      if (w.indicators() != null) {
        w.indicators().forEach((k, v) -> indicators.merge(k, v, Math::max));
      }
    }
    double ca = aFound && a.confidence() != null ? a.confidence() : 0;
    double cb = bFound && b.confidence() != null ? b.confidence() : 0;
    AbuseWarning lead = !bFound || (aFound && ca >= cb) ? a : b;
    return new AbuseWarning(true, Math.max(ca, cb), new ArrayList<>(types), indicators, lead.recommendation());
  }

  boolean isEmpty() {
    return detected == null && confidence == null && abuseTypes == null && indicators == null
        && recommendation == null;
  }
}
