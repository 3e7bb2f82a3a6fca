package com.lockllm.scan;

import java.util.Map;

/**
 * Supplies a default {@link Scanner} through {@link java.util.ServiceLoader}, so that having
 * {@code lockllm-engine} on the class path is enough to scan with no key and no network.
 */
public interface ScannerProvider {
  /** A new scanner, ready to use. */
  Scanner create();

  /**
   * A new scanner configured by settings only this provider understands (the embedded engine reads
   * {@code policies.*} and {@code policy-similarity}); names are given without the {@code lockllm.}
   * prefix. With no settings, the same as {@link #create()}.
   *
   * @throws RuntimeException naming the setting when one is unknown to this provider or bad: a
   *     {@link com.lockllm.error.ConfigurationException}, or an {@link IllegalArgumentException}
   *     that the caller reports as one
   */
  default Scanner create(Map<String, String> settings) {
    if (!settings.isEmpty()) {
      throw new IllegalArgumentException(
          "The LockLLM scanner " + getClass().getName() + " takes no settings, got " + settings.keySet());
    }
    return create();
  }
}
