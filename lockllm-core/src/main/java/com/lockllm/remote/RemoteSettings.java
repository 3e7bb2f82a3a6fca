package com.lockllm.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * What the core hands a {@link RemoteScannerProvider}: the LockLLM API options of the settings,
 * with the API key and base URL resolved against the environment, and the listener an adapter
 * wants told of the client's calls. A {@code null} option leaves the client's default.
 *
 * @param apiKey the LockLLM API key; {@code null} when none is set, which the client refuses
 * @param baseUrl the API base URL
 * @param timeout the timeout of one attempt
 * @param maxRetries retries after the first attempt
 * @param totalTimeout the bound on one call across its attempts and waits
 * @param circuitBreakerFailures failed calls in a row that open the circuit breaker; 0 turns it off
 * @param circuitBreakerOpenFor how long the circuit breaker stays open
 * @param listener told of each call, retry and breaker transition; {@link ClientListener#NONE} for none
 */
public record RemoteSettings(
    String apiKey,
    String baseUrl,
    Duration timeout,
    Integer maxRetries,
    Duration totalTimeout,
    Integer circuitBreakerFailures,
    Duration circuitBreakerOpenFor,
    ClientListener listener) {

  public RemoteSettings {
    Objects.requireNonNull(listener, "listener");
  }

  /** Every setting but the API key, which is only said to be set. */
  @Override
  public String toString() {
    return "RemoteSettings[apiKey=" + (apiKey == null ? null : "(set)") + ", baseUrl=" + baseUrl
        + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", totalTimeout=" + totalTimeout
        + ", circuitBreakerFailures=" + circuitBreakerFailures + ", circuitBreakerOpenFor=" + circuitBreakerOpenFor
        + ", listener=" + listener + ']';
  }
}
