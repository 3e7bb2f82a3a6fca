package com.lockllm.engine.abuse;

import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The content abuse scores of one prompt (each 0–100), the measurements behind them, and spans
 * ({@code abuse:excessive_repetition} for the longest repeated run, {@code abuse:resource_exhaustion}
 * for the deepest nest or a giant token) where a signal has one.
 *
 * <p>{@link #confidence()} is the highest of the three scores; the prompt is abusive when it reaches
 * {@link #DETECTION_THRESHOLD}, and {@link #abuseTypes()} are the types whose score does.
 */
public record ContentAbuseReport(
    double botScore,
    double repetitionScore,
    double resourceScore,
    ContentSignals signals,
    List<Finding> findings) {
  /** Confidence from which content is reported as abuse. */
  public static final double DETECTION_THRESHOLD = 50;
  /** Category prefix of the findings. */
  public static final String FINDING_PREFIX = "abuse:";

  public ContentAbuseReport {
    findings = List.copyOf(findings);
  }

  /** The highest of the three scores. */
  public double confidence() {
    return Math.max(botScore, Math.max(repetitionScore, resourceScore));
  }

  public boolean detected() {
    return confidence() >= DETECTION_THRESHOLD;
  }

  /** {@code bot_generated}, {@code excessive_repetition}, {@code resource_exhaustion} at or above the threshold, highest score first. */
  public List<String> abuseTypes() {
    record Scored(String type, double score) {}
    List<Scored> scored = new ArrayList<>(List.of(
        new Scored(ContentAbuseDetector.BOT_GENERATED, botScore),
        new Scored(ContentAbuseDetector.EXCESSIVE_REPETITION, repetitionScore),
        new Scored(ContentAbuseDetector.RESOURCE_EXHAUSTION, resourceScore)));
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()); // stable: ties keep this order
    List<String> types = new ArrayList<>(3);
    for (Scored s : scored) {
      if (s.score() >= DETECTION_THRESHOLD) {
        types.add(s.type());
      }
    }
    return types;
  }

  /** The three indicators, keyed {@code bot_score}, {@code repetition_score}, {@code resource_score}. */
  public Map<String, Double> indicators() {
    return Map.of(
        ContentAbuseDetector.BOT_SCORE, botScore,
        ContentAbuseDetector.REPETITION_SCORE, repetitionScore,
        ContentAbuseDetector.RESOURCE_SCORE, resourceScore);
  }

  /** The LockLLM {@code abuse_warnings} object for this report, or {@code null} when not {@link #detected()}. */
  public AbuseWarning toWarning() {
    if (!detected()) {
      return null;
    }
    List<String> types = abuseTypes();
    return new AbuseWarning(true, confidence(), types, indicators(), recommendation(types.get(0)));
  }

  static String recommendation(String type) {
    return switch (type) {
      case ContentAbuseDetector.BOT_GENERATED ->
          "Verify that this client is human (CAPTCHA or rate limiting) and reject templated bot content";
      case ContentAbuseDetector.EXCESSIVE_REPETITION ->
          "Reject or truncate repetitive input before it reaches the model";
      default -> "Enforce limits on input size and nesting depth for this endpoint";
    };
  }
}
