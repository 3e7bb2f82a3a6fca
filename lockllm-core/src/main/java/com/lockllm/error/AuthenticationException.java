package com.lockllm.error;

/** The API key is missing, wrong or revoked (401). */
public final class AuthenticationException extends LockLLMException {
  public static final String TYPE = "authentication_error";
  public static final String CODE = "unauthorized";

  public AuthenticationException(String message, String requestId) {
    this(message, CODE, requestId);
  }

  /** With a code of its own, e.g. {@code invalid_api_key} as the OpenAI API names a wrong key. */
  public AuthenticationException(String message, String code, String requestId) {
    super(message, TYPE, code, 401, requestId, null, false);
  }
}
