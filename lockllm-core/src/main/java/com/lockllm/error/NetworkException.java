package com.lockllm.error;

/** The LockLLM API could not be reached or did not answer in time (status 0). */
public final class NetworkException extends LockLLMException {
  public static final String TYPE = "network_error";
  public static final String CODE = "connection_failed";

  public NetworkException(String message, Throwable cause, String requestId) {
    super(message, TYPE, CODE, 0, requestId, cause, true);
  }
}
