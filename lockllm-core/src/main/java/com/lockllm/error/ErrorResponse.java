package com.lockllm.error;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error as an HTTP answer: status, the LockLLM error JSON ({@code {"error":{...}}}) and extra
 * headers such as {@code Retry-After}. Built by {@link LockLLMErrors#toResponse}.
 */
public record ErrorResponse(int status, byte[] body, Map<String, String> headers) {
  public static final String CONTENT_TYPE = "application/json";

  public ErrorResponse {
    headers = Map.copyOf(headers);
  }

  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
