package com.lockllm.engine.detect;

import java.util.List;

/**
 * Combines the {@link Detection}s of several detectors over one window into one {@link Assessment}.
 * Replaceable, so that a later learned combiner (stacking) can take over from {@link #noisyOr()}.
 */
public interface Aggregator {
  Assessment aggregate(List<Detection> detections);

  /**
   * Noisy-OR: each detector's score is read as an independent probability of attack, so
   * {@code injection = 100 * (1 - Π (1 - score_i / 100))}. One confident detector decides on its
   * own; two lukewarm ones reinforce each other. Findings are merged with {@link Findings#merge}.
   */
  static Aggregator noisyOr() {
    return NoisyOrAggregator.INSTANCE;
  }
}
