package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A custom or built-in policy that a prompt violated, as in {@code policy_warnings} and {@code violated_policies}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyViolation(
    String policyName, List<ViolatedCategory> violatedCategories, String violationDetails) {
  public PolicyViolation {
    violatedCategories = violatedCategories == null ? List.of() : List.copyOf(violatedCategories);
  }
}
