package com.lockllm.micronaut;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMException;
import com.lockllm.intercept.InterceptDecision;
import java.util.Objects;

/**
 * A request LockLLM rejected, as the filter hands it to Micronaut's error handling: an {@code
 * ExceptionHandler<LockLLMRejection, ?>} bean answers it ({@link LockLLMRejectionHandler}, the
 * LockLLM error JSON, unless the application replaces it with {@code @Replaces}).
 */
public final class LockLLMRejection extends RuntimeException {
  private final transient InterceptDecision.Reject reject;

  LockLLMRejection(InterceptDecision.Reject reject) {
    super(reject.error().getMessage(), reject.error(), false, false);
    this.reject = Objects.requireNonNull(reject, "reject");
  }

  /** Why: the typed error ({@code PromptInjectionException}, {@code PiiDetectedException}, ...). */
  public LockLLMException error() {
    return reject.error();
  }

  /** The LockLLM error response: status, headers and JSON body. */
  public ErrorResponse response() {
    return reject.response();
  }
}
