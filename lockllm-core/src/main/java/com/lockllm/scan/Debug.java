package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Timing of one scan; {@code mode} is {@code single} or {@code chunked} (long input split into windows). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Debug(Long durationMs, Long inferenceMs, String mode) {
  public static final String MODE_SINGLE = "single";
  public static final String MODE_CHUNKED = "chunked";
}
