package com.lockllm.error;

/**
 * The base of every error the library raises, carrying the LockLLM error fields: {@code type},
 * {@code code}, HTTP {@code status} (null when unknown, 0 for network failures) and the
 * {@code requestId} of the call that failed. The subclasses fix type, code and status as the
 * LockLLM SDKs do; an instance of this class itself stands for any other LockLLM error.
 *
 * <p>Errors that describe a verdict (a prompt was blocked) carry no stack trace: they are values,
 * and building one must cost nothing on the request path.
 */
public sealed class LockLLMException extends RuntimeException
    permits AuthenticationException,
        RateLimitException,
        PromptInjectionException,
        PolicyViolationException,
        AbuseDetectedException,
        PiiDetectedException,
        InsufficientCreditsException,
        UpstreamException,
        OutputBlockedException,
        ConfigurationException,
        NetworkException {

  public static final String DEFAULT_TYPE = "lockllm_error";
  /** Code of the 503 a guard answers when it cannot scan: the interceptor under fail-mode closed, the scan server. */
  public static final String SCANNER_UNAVAILABLE = "scanner_unavailable";

  private final String type;
  private final String code;
  private final Integer status;
  private final String requestId;

  public LockLLMException(String message, String type, String code, Integer status, String requestId) {
    this(message, type, code, status, requestId, null, true);
  }

  LockLLMException(
      String message,
      String type,
      String code,
      Integer status,
      String requestId,
      Throwable cause,
      boolean writableStackTrace) {
    super(message, cause, false, writableStackTrace);
    this.type = type == null ? DEFAULT_TYPE : type;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }

  /** The 503 {@link #SCANNER_UNAVAILABLE} error with {@code message}. */
  public static LockLLMException scannerUnavailable(String message) {
    return new LockLLMException(message, DEFAULT_TYPE, SCANNER_UNAVAILABLE, 503, null);
  }

  /**
   * Whether this error is a scanner's verdict on the prompt (an injection, a policy violation,
   * abuse, personal data it was told to block) rather than a failure to scan: a verdict is the
   * caller's answer, a failure is the guard's problem.
   */
  public boolean isVerdict() {
    return this instanceof PromptInjectionException || this instanceof PolicyViolationException
        || this instanceof AbuseDetectedException || this instanceof PiiDetectedException;
  }

  public String type() {
    return type;
  }

  /** The error code, or {@code null}. */
  public String code() {
    return code;
  }

  /** The HTTP status this error stands for, or {@code null} when unknown. */
  public Integer status() {
    return status;
  }

  /** The request id of the failed call, or {@code null}. */
  public String requestId() {
    return requestId;
  }

  /** As the Python SDK renders errors: {@code message (code: c) [request_id: r]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(getClass().getName()).append(": ").append(getMessage());
    if (code != null) {
      s.append(" (code: ").append(code).append(')');
    }
    if (requestId != null) {
      s.append(" [request_id: ").append(requestId).append(']');
    }
    return s.toString();
  }
}
