package com.lockllm.decision;

import com.lockllm.output.OutputReport;

/**
 * Told of every decision on a protected request ({@code LockLLMInterceptor.Builder#listener}), for
 * metrics, tracing and the {@link DecisionLog}, and of what the answer side did with its answer. It
 * runs on the thread that completed the decision (the request's, or the scanner's) or closed the
 * answer, so it must return quickly; what it throws is logged and ignored, and never changes a
 * decision.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(Decision decision);

  /**
   * The answer to the request {@code request} decided on was checked ({@code ResponseGuard}) and
   * {@code answer} says what was found and done; counts only. Not called for answers that were not
   * checked.
   */
  default void answered(Decision request, OutputReport answer) {}
}
