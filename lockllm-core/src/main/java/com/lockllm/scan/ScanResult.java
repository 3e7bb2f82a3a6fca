package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The core verdict of a scan: {@code safe}, {@code label} (1 = attack), {@code confidence} and
 * {@code injection} scores on the 0–100 scale (absent in {@code policy_only} mode), and the
 * sensitivity the verdict was reached at. This is also the {@code scan_result} of a
 * prompt-injection error.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResult(
    boolean safe, int label, Double confidence, Double injection, Sensitivity sensitivity) {

  /**
   * The request attribute (servlet, Spring, Micronaut, Vert.x context key) under which adapters
   * hand the {@link ScanResponse} of a scanned request to downstream code.
   */
  public static final String ATTRIBUTE = "com.lockllm.ScanResponse";
}
