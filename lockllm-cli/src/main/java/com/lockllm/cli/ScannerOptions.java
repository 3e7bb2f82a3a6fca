package com.lockllm.cli;

import com.lockllm.Scanners;
import com.lockllm.client.LockLLMClient;
import com.lockllm.client.RemoteScanner;
import com.lockllm.scan.Scanner;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where scans go: the embedded engine, or a LockLLM-compatible server with {@code --base-url}. */
final class ScannerOptions {
  @Option(names = "--base-url", paramLabel = "URL",
      description = "Scan with the LockLLM API (or a compatible server) at URL instead of the embedded engine.")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "API key for --base-url (default: $LOCKLLM_API_KEY).")
  String apiKey;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Per-request timeout for --base-url, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--max-retries", paramLabel = "N", defaultValue = "3",
      description = "Retries per request for --base-url (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  Scanner scanner() {
    if (baseUrl == null) {
      return Scanners.embedded();
    }
    String key = apiKey != null ? apiKey : System.getenv(Scanners.API_KEY_ENV);
    return RemoteScanner.create(LockLLMClient.builder()
        .apiKey(key)
        .baseUrl(baseUrl)
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .maxRetries(maxRetries)
        .build());
  }
}
