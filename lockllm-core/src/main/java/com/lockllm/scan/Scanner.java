package com.lockllm.scan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Scans prompt text for injection, jailbreaks, policy violations, abuse and personal data.
 *
 * <p>Implementations: the embedded engine ({@code lockllm-engine}, no network, no key) and the
 * remote LockLLM API ({@code RemoteScanner}). A scanner reports what it found in the returned
 * {@link ScanResponse}; it throws a {@code LockLLMException} only when it could not scan (network,
 * authentication, configuration) or when the remote API itself rejected the request under a
 * {@code block} action. Deciding what to do with a verdict is the interceptor's job.
 */
public interface Scanner {

  ScanResponse scan(ScanRequest request);

  /**
   * Scans without blocking the calling thread. The default runs {@link #scan} on the common
   * fork-join pool; scanners with their own non-blocking I/O override it.
   */
  default CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    return CompletableFuture.supplyAsync(() -> scan(request));
  }
}
