package com.lockllm.client;

import com.lockllm.remote.RemoteScannerProvider;
import com.lockllm.remote.RemoteSettings;
import com.lockllm.scan.Scanner;
import java.time.Duration;

/**
 * Makes {@link RemoteScanner} the scanner the core builds when its settings select the LockLLM API;
 * found through {@link java.util.ServiceLoader}. Not API.
 */
public final class ClientScannerProvider implements RemoteScannerProvider {
  @Override
  public Scanner create(RemoteSettings settings) {
    LockLLMClient.Builder client = LockLLMClient.builder().apiKey(settings.apiKey()).listener(settings.listener());
    if (settings.baseUrl() != null) {
      client.baseUrl(settings.baseUrl());
    }
    if (settings.timeout() != null) {
      client.timeout(settings.timeout());
    }
    if (settings.maxRetries() != null) {
      client.maxRetries(settings.maxRetries());
    }
    if (settings.totalTimeout() != null) {
      client.totalTimeout(settings.totalTimeout());
    }
    Integer failures = settings.circuitBreakerFailures();
    Duration openFor = settings.circuitBreakerOpenFor();
    if (failures != null && failures == 0) {
      client.noCircuitBreaker();
    } else if (failures != null || openFor != null) {
      client.circuitBreaker(failures != null ? failures : LockLLMClient.DEFAULT_BREAKER_FAILURES,
          openFor != null ? openFor : LockLLMClient.DEFAULT_BREAKER_OPEN);
    }
    return RemoteScanner.create(client.build());
  }
}
