package com.lockllm.engine.policy;

import com.lockllm.scan.PolicyViolation;
import java.util.List;

/**
 * What a {@link PolicySet} found in one prompt: the violated policies in the LockLLM shape (empty
 * when compliant) and how sure the verdict is, 0–100 ({@code policy_confidence}).
 *
 * @param violations the violated policies, in the order the set declares them
 * @param confidence how sure the verdict (violated or compliant) is: 50 at the similarity
 *     threshold, rising to 100 for an exact phrase or pattern hit, or for a prompt with no
 *     similarity to any example
 */
public record PolicyResult(List<PolicyViolation> violations, double confidence) {
  public PolicyResult {
    violations = List.copyOf(violations);
  }

  public boolean violated() {
    return !violations.isEmpty();
  }
}
