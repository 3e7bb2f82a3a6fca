package com.lockllm.error;

import com.lockllm.scan.PolicyViolation;
import java.util.List;

/** The prompt violates a content policy under {@code policy_action=block} (403). */
public final class PolicyViolationException extends LockLLMException {
  public static final String TYPE = "lockllm_policy_error";
  public static final String CODE = "policy_violation";

  private final List<PolicyViolation> violatedPolicies;

  public PolicyViolationException(String message, List<PolicyViolation> violatedPolicies, String requestId) {
    super(message, TYPE, CODE, 403, requestId, null, false);
    this.violatedPolicies = violatedPolicies == null ? List.of() : List.copyOf(violatedPolicies);
  }

  public List<PolicyViolation> violatedPolicies() {
    return violatedPolicies;
  }
}
