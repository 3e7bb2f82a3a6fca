package com.lockllm.decision;

/**
 * Told of every decision on a protected request ({@code LockLLMInterceptor.Builder#listener}), for
 * metrics, tracing and the {@link DecisionLog}. It runs on the thread that completed the decision
 * (the request's, or the scanner's), so it must return quickly; what it throws is logged and
 * ignored, and never changes the decision.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(Decision decision);
}
