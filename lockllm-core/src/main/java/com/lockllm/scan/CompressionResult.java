package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Prompt compression applied after the security checks passed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompressionResult(
    String method,
    String compressedInput,
    Integer originalLength,
    Integer compressedLength,
    Double compressionRatio) {
  boolean isEmpty() {
    return method == null && compressedInput == null && originalLength == null
        && compressedLength == null && compressionRatio == null;
  }
}
