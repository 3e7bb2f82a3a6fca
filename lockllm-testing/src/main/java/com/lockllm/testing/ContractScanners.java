package com.lockllm.testing;

import com.lockllm.engine.EmbeddedScanner;
import com.lockllm.engine.policy.Policy;
import com.lockllm.engine.policy.PolicyCategory;
import com.lockllm.engine.policy.PolicySet;
import com.lockllm.scan.Scanner;

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
}
