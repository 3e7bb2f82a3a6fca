package com.lockllm.scan;

import com.lockllm.error.ConfigurationException;
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
   * @throws ConfigurationException naming the setting when one is unknown to this provider or bad
   */
  default Scanner create(Map<String, String> settings) {
    if (!settings.isEmpty()) {
      throw new ConfigurationException(
          "The LockLLM scanner " + getClass().getName() + " takes no settings, got " + settings.keySet());
    }
    return create();
  }
}
