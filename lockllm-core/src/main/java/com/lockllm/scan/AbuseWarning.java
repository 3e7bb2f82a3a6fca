package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Abuse found in a request (bot-like text, repetition, resource exhaustion, request patterns).
 * {@code indicators} holds scores such as {@code bot_score} and {@code repetition_score}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbuseWarning(
    Boolean detected,
    Double confidence,
    List<String> abuseTypes,
    Map<String, Double> indicators,
    String recommendation) {
  public AbuseWarning {
    abuseTypes = abuseTypes == null ? null : List.copyOf(abuseTypes);
    indicators = indicators == null ? null : Map.copyOf(indicators);
  }

  boolean isEmpty() {
    return detected == null && confidence == null && abuseTypes == null && indicators == null
        && recommendation == null;
  }
}
