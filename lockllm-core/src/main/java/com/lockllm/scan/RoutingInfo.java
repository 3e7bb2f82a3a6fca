package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Model routing decided for a request: task type, complexity 0–1 and the model chosen. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingInfo(
    Boolean enabled,
    String taskType,
    Double complexity,
    String selectedModel,
    String reasoning,
    Double estimatedCost) {
  boolean isEmpty() {
    return enabled == null && taskType == null && complexity == null && selectedModel == null
        && reasoning == null && estimatedCost == null;
  }
}
