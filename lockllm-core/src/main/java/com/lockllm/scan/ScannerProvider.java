package com.lockllm.scan;

/**
 * Supplies a default {@link Scanner} through {@link java.util.ServiceLoader}, so that having
 * {@code lockllm-engine} on the class path is enough to scan with no key and no network.
 */
public interface ScannerProvider {
  /** A new scanner, ready to use. */
  Scanner create();
}
