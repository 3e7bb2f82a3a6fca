package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Span-level evidence for a verdict: characters {@code [start, end)} of the scanned input (UTF-16
 * indices into {@link ScanRequest#input()}), the category that matched there (such as
 * {@code instruction_override} or {@code pii:Email}) and its score 0–100. Not part of the LockLLM
 * wire format; the embedded engine fills it, the remote API does not.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(int start, int end, String category, double score) {
  public Finding {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("finding span must satisfy 0 <= start <= end, got [" + start + ", " + end + ")");
    }
  }
}
