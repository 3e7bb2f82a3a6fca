package com.lockllm.spring;

import com.lockllm.client.RemoteScanner;
import com.lockllm.remote.ClientListener.CircuitState;
import com.lockllm.scan.Scanner;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health {@code lockllm}: UP with the scanner in use once it is built (the embedded engine
 * loads its models when built). For the remote API, which is not called from a health check so that
 * probes cost no credits and no latency: DOWN while its client's circuit breaker is open (recent
 * calls failed and scans fail fast), UNKNOWN otherwise, with the breaker's state. Not API.
 */
final class LockLLMHealthIndicator extends AbstractHealthIndicator {
  private final Scanner scanner;

  LockLLMHealthIndicator(Scanner scanner) {
    super("LockLLM health check failed");
    this.scanner = scanner;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (scanner instanceof RemoteScanner remote) {
      CircuitState circuit = remote.client().circuitState();
      (circuit == CircuitState.OPEN ? builder.down() : builder.unknown())
          .withDetail("scanner", "remote")
          .withDetail("circuit", circuit.tag());
    } else {
      builder.up().withDetail("scanner", scanner.getClass().getName().startsWith("com.lockllm.engine.")
          ? "embedded" : scanner.getClass().getName());
    }
  }
}
