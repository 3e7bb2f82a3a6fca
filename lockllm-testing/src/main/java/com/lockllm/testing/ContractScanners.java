package com.lockllm.testing;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.policy.Policy;
import com.lockllm.engine.policy.PolicyCategory;
import com.lockllm.engine.policy.PolicySet;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Scanners the contract configures adapters with. */
public final class ContractScanners {
  /** Text a failing scanner's exception carries; it must never reach a client. */
  public static final String FAILURE_MESSAGE = "contract scanner is down (secret-detail)";

  private ContractScanners() {}

  /** The embedded engine, as users get it by default. */
  public static Scanner embedded() {
    return EmbeddedScanner.create();
  }

  /** The policy {@link #withPolicy()} enforces. */
  public static final String POLICY_NAME = "No medical advice";
  /** A phrase that violates it. */
  public static final String POLICY_PHRASE = "diagnose my symptoms";

  /** The embedded engine with one custom policy, configured in code as users do with the builder. */
  public static Scanner withPolicy() {
    return EmbeddedScanner.builder()
        .policies(PolicySet.of(Policy.builder(POLICY_NAME)
            .description("No diagnosis or treatment advice")
            .category(PolicyCategory.builder("diagnosis").phrases(POLICY_PHRASE).build())
            .build()))
        .build();
  }

  /** A scanner whose every scan throws, as a broken model or an unreachable API would. */
  public static Scanner failing() {
    return request -> {
      throw new IllegalStateException(FAILURE_MESSAGE);
    };
  }

  /** How long {@link #sleeping()} takes per scan: far beyond any fixture's {@code scan-timeout}. */
  public static final Duration SLEEP = Duration.ofSeconds(30);

  /** Threads of the sleeping scanner, so its sleeps never hold the shared scan pool other fixtures scan on. */
  private static final ExecutorService SLEEPERS = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "contract-sleeping-scanner");
    t.setDaemon(true);
    return t;
  });

  /**
   * A scanner that takes {@link #SLEEP} for every scan, as a stuck model or an API that accepts the
   * connection and never answers would, then answers like the embedded engine.
   */
  public static Scanner sleeping() {
    Scanner engine = embedded();
    return new Scanner() {
      @Override
      public ScanResponse scan(ScanRequest request) {
        try {
          Thread.sleep(SLEEP.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return engine.scan(request);
      }

      @Override
      public CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
        return CompletableFuture.supplyAsync(() -> scan(request), SLEEPERS);
      }
    };
  }
}
