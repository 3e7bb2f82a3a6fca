package com.lockllm.scan;

/**
 * Supplies a default {@link Scanner} through {@link java.util.ServiceLoader}, so that having
 * {@code lockllm-engine} on the class path is enough to scan with no key and no network.
 */
public interface ScannerProvider {
  /** A new scanner, ready to use. */
  Scanner create();

  /**
   * A new scanner built with {@code settings}; with {@link EngineSettings#DEFAULTS}, the same as
   * {@link #create()}.
   *
   * @throws RuntimeException naming the setting when one is bad or unsupported by this provider: a
   *     {@link com.lockllm.error.ConfigurationException}, or an {@link IllegalArgumentException}
   *     that the caller reports as one
   */
  default Scanner create(EngineSettings settings) {
    if (!settings.isDefault()) {
      throw new IllegalArgumentException(
          "The LockLLM scanner " + getClass().getName() + " takes no engine settings, got " + settings);
    }
    return create();
  }
}
