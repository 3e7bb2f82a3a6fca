package com.lockllm.engine.detect;

import com.lockllm.scan.Finding;
import java.util.ArrayList;
import java.util.List;

/** {@link Aggregator#noisyOr()}. Not API. */
final class NoisyOrAggregator implements Aggregator {
  static final NoisyOrAggregator INSTANCE = new NoisyOrAggregator();

  private NoisyOrAggregator() {}

  @Override
  public Assessment aggregate(List<Detection> detections) {
    if (detections.size() == 1) {
      Detection only = detections.get(0);
      return new Assessment(only.score(), Findings.merge(only.findings()));
    }
    double miss = 1;
    List<Finding> findings = new ArrayList<>();
    for (Detection d : detections) {
      miss *= 1 - d.score() / 100;
      findings.addAll(d.findings());
    }
    return new Assessment(100 * (1 - miss), Findings.merge(findings));
  }
}
