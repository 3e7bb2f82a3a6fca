package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Prompt compression applied after the security checks passed. {@code compressedInput} is {@code
 * null} when nothing could be compressed.
 *
 * <p>{@code compressedSegments} is not part of the wire format: like {@link
 * PiiResult#redactedSegments()}, it holds the compressed text of each {@link ScanRequest#segments()
 * segment} in order (personal data already redacted under {@code strip}), so the interceptor can
 * rewrite a request body at each prompt field.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompressionResult(
    String method,
    String compressedInput,
    Integer originalLength,
    Integer compressedLength,
    Double compressionRatio,
    @JsonIgnore List<String> compressedSegments) {
  public CompressionResult {
    compressedSegments = compressedSegments == null ? null : List.copyOf(compressedSegments);
  }

  /** A result as it comes over the wire, without per-segment texts. */
  public CompressionResult(String method, String compressedInput, Integer originalLength, Integer compressedLength,
      Double compressionRatio) {
    this(method, compressedInput, originalLength, compressedLength, compressionRatio, null);
  }

  boolean isEmpty() {
    return method == null && compressedInput == null && originalLength == null
        && compressedLength == null && compressionRatio == null;
  }
}
