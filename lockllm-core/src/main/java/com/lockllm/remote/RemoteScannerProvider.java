package com.lockllm.remote;

import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.Scanner;

/**
 * Supplies the scanner that calls the LockLLM API, found through {@link java.util.ServiceLoader}
 * when the settings select the API ({@code LockLLMSettings.remote}). lockllm-client provides it, so
 * the core holds no HTTP client, retry policy or circuit breaker of its own.
 */
public interface RemoteScannerProvider {
  /**
   * A scanner calling the LockLLM API with {@code settings}.
   *
   * @throws ConfigurationException when the API key is missing or cannot be sent
   * @throws IllegalArgumentException naming a setting the client refuses (a malformed base URL, say)
   */
  Scanner create(RemoteSettings settings);
}
