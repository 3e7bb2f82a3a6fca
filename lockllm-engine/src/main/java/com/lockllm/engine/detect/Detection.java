package com.lockllm.engine.detect;

import com.lockllm.scan.Finding;
import java.util.List;

/**
 * What one {@link Detector} made of one window: a score from 0 (no sign of an attack) to 100
 * (certain), read as a probability in percent, and the evidence behind it.
 */
public record Detection(double score, List<Finding> findings) {
  private static final Detection NONE = new Detection(0, List.of());

  public Detection {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("score must be within [0, 100], got " + score);
    }
    findings = List.copyOf(findings);
  }

  /** Nothing found. */
  public static Detection none() {
    return NONE;
  }
}
