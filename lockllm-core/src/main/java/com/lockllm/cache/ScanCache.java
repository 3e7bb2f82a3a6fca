package com.lockllm.cache;

import com.lockllm.scan.ScanResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stored scan responses by {@link CachingScanner#key key}. {@link CaffeineScanCache} keeps them in
 * this JVM; lockllm-redis shares them between instances. Implementations bound how long a call may
 * wait; a failing cache is treated as a miss by {@link CachingScanner}, never as a failed scan.
 */
public interface ScanCache {
  /** The response stored under {@code key}, or {@code null}. */
  ScanResponse get(String key);

  /** Stores {@code response} under {@code key} for the cache's time to live. */
  void put(String key, ScanResponse response);

  /** As {@link #get} without blocking, when the cache can; by default it runs {@code get} in place. */
  default CompletionStage<ScanResponse> getAsync(String key) {
    try {
      return CompletableFuture.completedFuture(get(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** As {@link #put} without blocking, when the cache can. */
  default CompletionStage<Void> putAsync(String key, ScanResponse response) {
    try {
      put(key, response);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
