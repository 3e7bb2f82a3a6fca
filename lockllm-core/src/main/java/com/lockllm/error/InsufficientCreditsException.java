package com.lockllm.error;

/** The LockLLM account lacks the balance for this call (402). */
public final class InsufficientCreditsException extends LockLLMException {
  public static final String TYPE = "lockllm_balance_error";
  public static final String CODE = "insufficient_credits";

  private final Double currentBalance;
  private final Double estimatedCost;

  public InsufficientCreditsException(
      String message, Double currentBalance, Double estimatedCost, String requestId) {
    super(message, TYPE, CODE, 402, requestId, null, false);
    this.currentBalance = currentBalance;
    this.estimatedCost = estimatedCost;
  }

  /** The balance, or {@code null} when the server did not say. */
  public Double currentBalance() {
    return currentBalance;
  }

  /** The estimated cost of the call, or {@code null} when the server did not say. */
  public Double estimatedCost() {
    return estimatedCost;
  }
}
