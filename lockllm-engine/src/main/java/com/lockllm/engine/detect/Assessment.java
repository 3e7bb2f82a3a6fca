package com.lockllm.engine.detect;

import com.lockllm.scan.Finding;
import java.util.List;

/** The combined injection score (0–100) of a window or a whole input and its merged findings. */
public record Assessment(double injection, List<Finding> findings) {
  public Assessment {
    findings = List.copyOf(findings);
  }
}
