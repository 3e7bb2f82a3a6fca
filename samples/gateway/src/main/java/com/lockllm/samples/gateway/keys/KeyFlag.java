package com.lockllm.samples.gateway.keys;

import java.util.Locale;

/** What a gateway key allows beyond using the gateway. */
public enum KeyFlag {
  /**
   * The client may send {@code X-LockLLM-*} headers that loosen the gateway's policy for its own
   * requests (warn instead of block, a lower sensitivity, no PII action); without it such headers
   * can only tighten the policy.
   */
  TRUSTED,
  /**
   * The client may read the gateway's operational data: {@code /actuator/**} beyond the health
   * probes ({@code /actuator/prometheus}, health details) and the dashboard's {@code /dashboard/stats},
   * which name client keys and categories (never prompt text).
   */
  ADMIN;

  /** The flag as configured ({@code trusted}, {@code admin}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The flag named {@code name} (case-insensitive); an {@link IllegalArgumentException} for any other. */
  public static KeyFlag fromWire(String name) {
    for (KeyFlag flag : values()) {
      if (flag.wire().equalsIgnoreCase(name.strip())) {
        return flag;
      }
    }
    throw new IllegalArgumentException("unknown flag");
  }
}
