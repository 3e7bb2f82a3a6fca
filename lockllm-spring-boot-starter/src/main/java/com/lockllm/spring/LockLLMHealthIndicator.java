package com.lockllm.spring;

import com.lockllm.client.RemoteScanner;
import com.lockllm.scan.Scanner;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health {@code lockllm}: UP with the scanner in use once it is built (the embedded engine
 * loads its models when built), UNKNOWN for the remote API, which is not called from a health check
 * so that probes cost no credits and no latency. Not API.
 */
final class LockLLMHealthIndicator extends AbstractHealthIndicator {
  private final Scanner scanner;

  LockLLMHealthIndicator(Scanner scanner) {
    super("LockLLM health check failed");
    this.scanner = scanner;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (scanner instanceof RemoteScanner) {
      builder.unknown().withDetail("scanner", "remote");
    } else {
      builder.up().withDetail("scanner", scanner.getClass().getName().startsWith("com.lockllm.engine.")
          ? "embedded" : scanner.getClass().getName());
    }
  }
}
