package com.lockllm.scan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Scans prompt text for injection, jailbreaks, policy violations, abuse and personal data.
 *
 * <p>Implementations: the embedded engine ({@code lockllm-engine}, no network, no key) and the
 * remote LockLLM API ({@code RemoteScanner}, lockllm-client). A scanner reports what it found in the returned
 * {@link ScanResponse}; it throws a {@code LockLLMException} only when it could not scan (network,
 * authentication, configuration) or when the remote API itself rejected the request under a
 * {@code block} action. Deciding what to do with a verdict is the interceptor's job.
 */
public interface Scanner {

  ScanResponse scan(ScanRequest request);

  /**
   * Scans without blocking the calling thread. The default runs {@link #scan} on {@link
   * ScanExecutor#shared()}, never on the calling thread, so a caller can stop waiting when its
   * timeout expires; scanners with their own non-blocking I/O override it. An override must not
   * scan on the calling thread either: the interceptor bounds even its synchronous path with this
   * method and a timed wait.
   */
  default CompletionStage<ScanResponse> scanAsync(ScanRequest request) {
    return CompletableFuture.supplyAsync(() -> scan(request), ScanExecutor.shared());
  }
}
