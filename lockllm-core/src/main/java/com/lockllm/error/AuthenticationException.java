package com.lockllm.error;

/** The API key is missing, wrong or revoked (401). */
public final class AuthenticationException extends LockLLMException {
  public static final String TYPE = "authentication_error";
  public static final String CODE = "unauthorized";

  public AuthenticationException(String message, String requestId) {
    super(message, TYPE, CODE, 401, requestId, null, false);
  }
}
