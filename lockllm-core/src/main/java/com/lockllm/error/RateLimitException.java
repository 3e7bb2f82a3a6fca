package com.lockllm.error;

/** Too many requests (429); {@code retryAfter} is how long to wait, in milliseconds, when known. */
public final class RateLimitException extends LockLLMException {
  public static final String TYPE = "rate_limit_error";
  public static final String CODE = "rate_limited";

  private final Long retryAfter;

  public RateLimitException(String message, Long retryAfter, String requestId) {
    super(message, TYPE, CODE, 429, requestId, null, false);
    this.retryAfter = retryAfter;
  }

  /** Milliseconds to wait before retrying, or {@code null} when the server did not say. */
  public Long retryAfter() {
    return retryAfter;
  }
}
