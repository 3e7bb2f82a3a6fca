package com.lockllm.testing;

import com.lockllm.engine.EmbeddedScanner;
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

  /** A scanner whose every scan throws, as a broken model or an unreachable API would. */
  public static Scanner failing() {
    return request -> {
      throw new IllegalStateException(FAILURE_MESSAGE);
    };
  }
}
