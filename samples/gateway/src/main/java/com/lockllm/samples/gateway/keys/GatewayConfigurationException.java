package com.lockllm.samples.gateway.keys;

/**
 * The gateway's access configuration is unsafe or inconsistent, so it does not start;
 * {@link GatewayFailureAnalyzer} prints {@link #getMessage()} and {@link #action()} instead of a stack trace.
 */
public final class GatewayConfigurationException extends RuntimeException {
  private final String action;

  GatewayConfigurationException(String message, String action) {
    super(message);
    this.action = action;
  }

  /** What to change. */
  public String action() {
    return action;
  }
}
