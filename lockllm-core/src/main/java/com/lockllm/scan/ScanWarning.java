package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Present when a threat was found under {@code allow_with_warning}: the request went on, flagged. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanWarning(String message, Double injectionScore, Double confidence, Integer label) {
  boolean isEmpty() {
    return message == null && injectionScore == null && confidence == null && label == null;
  }
}
