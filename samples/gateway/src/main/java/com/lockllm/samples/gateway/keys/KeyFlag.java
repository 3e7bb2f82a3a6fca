package com.lockllm.samples.gateway.keys;

import java.util.Locale;

/** What a gateway key allows beyond using the gateway. */
public enum KeyFlag {
  /**
   * The client may send {@code X-LockLLM-*} headers that loosen the gateway's policy for its own
   * requests (warn instead of block, a lower sensitivity, no PII action); without it such headers
   * can only tighten the policy.
   */
  TRUSTED;

  /** The flag as configured ({@code trusted}). */
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
