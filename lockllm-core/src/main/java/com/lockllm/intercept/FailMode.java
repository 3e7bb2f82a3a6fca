package com.lockllm.intercept;

import java.util.Locale;

/** What the interceptor does when the scanner fails or times out. */
public enum FailMode {
  /** Let the request through unscanned, marked {@code X-LockLLM-Scanned: false}. */
  OPEN,
  /** Reject the request with 503 {@code scanner_unavailable}. The default: a guard that cannot look does not wave through. */
  CLOSED;

  public static FailMode fromWire(String value) {
    String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (FailMode mode : values()) {
      if (mode.name().equals(v)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("fail-mode must be one of [open, closed], got '" + value + "'");
  }
}
