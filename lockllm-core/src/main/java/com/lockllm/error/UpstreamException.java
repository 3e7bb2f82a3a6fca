package com.lockllm.error;

/** The LLM provider behind a proxy failed or could not be reached (502). */
public final class UpstreamException extends LockLLMException {
  public static final String TYPE = "upstream_error";
  public static final String CODE = "provider_error";

  private final String provider;
  private final Integer upstreamStatus;

  public UpstreamException(String message, String provider, Integer upstreamStatus, String requestId) {
    super(message, TYPE, CODE, 502, requestId, null, false);
    this.provider = provider;
    this.upstreamStatus = upstreamStatus;
  }

  public String provider() {
    return provider;
  }

  public Integer upstreamStatus() {
    return upstreamStatus;
  }
}
