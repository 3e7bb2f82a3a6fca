package com.lockllm.remote;

import java.time.Duration;
import java.util.Locale;

/**
 * Observes the calls of the LockLLM API client (lockllm-client's {@code LockLLMClient}), for
 * metrics: how each call ended and how long it took, each retry, and each circuit breaker
 * transition. Defined here so that adapters can listen through {@link RemoteSettings} without
 * naming the client. Methods run on the thread that saw the event (the caller's, the HTTP client's
 * or a timer's), so they must return quickly; what they throw is logged and ignored.
 */
public interface ClientListener {
  /** Listens to nothing. */
  ClientListener NONE = new ClientListener() {};

  /** How a call ended, or why an attempt is retried. A small, fixed set: safe as a metric tag. */
  enum Outcome {
    SUCCESS,
    /** A 4xx answer other than 429 (bad key, bad request, ...): the API is up. */
    CLIENT_ERROR,
    RATE_LIMITED,
    SERVER_ERROR,
    /** A 2xx whose body is not a scan result. */
    INVALID_RESPONSE,
    /** A timeout, refused or reset connection, or the total timeout reached. */
    NETWORK_ERROR,
    /** Refused without a request: the circuit breaker is open. */
    CIRCUIT_OPEN,
    /** Interrupted or cancelled by the caller. */
    CANCELLED;

    /** The lower-case name, for a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The circuit breaker's states. */
  enum CircuitState {
    CLOSED,
    OPEN,
    HALF_OPEN;

    /** The lower-case name, for a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A call ended with {@code outcome} after {@code took}, all attempts and waits included. */
  default void callEnded(Outcome outcome, Duration took) {}

  /** An attempt ended with {@code cause} and the call will try again. */
  default void retrying(Outcome cause) {}

  /** The circuit breaker moved to {@code state}. */
  default void circuitChanged(CircuitState state) {}
}
