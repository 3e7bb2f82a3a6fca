package com.lockllm.samples.gateway.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** "APPLICATION FAILED TO START" with what is wrong and what to do, for a {@link GatewayConfigurationException}. */
final class GatewayFailureAnalyzer extends AbstractFailureAnalyzer<GatewayConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, GatewayConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
