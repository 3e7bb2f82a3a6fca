package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Personal data found in a prompt. {@code redactedInput} is set only under {@code strip}, with each
 * entity replaced by its {@code [Type]} placeholder.
 *
 * <p>{@code redactedSegments} is not part of the wire format: it holds the redacted text of each
 * {@link ScanRequest#segments() segment} in order, so the interceptor can rewrite a request body
 * at each prompt field. Scanners set it under {@code strip}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PiiResult(
    Boolean detected,
    List<String> entityTypes,
    Integer entityCount,
    String redactedInput,
    @JsonIgnore List<String> redactedSegments) {
  public PiiResult {
    entityTypes = entityTypes == null ? null : List.copyOf(entityTypes);
    redactedSegments = redactedSegments == null ? null : List.copyOf(redactedSegments);
  }

  /** A result as it comes over the wire, without per-segment redactions. */
  public PiiResult(Boolean detected, List<String> entityTypes, Integer entityCount, String redactedInput) {
    this(detected, entityTypes, entityCount, redactedInput, null);
  }

  boolean isEmpty() {
    return detected == null && entityTypes == null && entityCount == null && redactedInput == null;
  }
}
