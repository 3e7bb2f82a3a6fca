package com.lockllm.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call settings of a {@link LockLLMClient} request: extra HTTP headers, which override the
 * client's own (names compared case-insensitively, as the Python SDK does), and a timeout that
 * replaces the client's for this call. Immutable.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = builder().build();

  private final Map<String, String> headers;
  private final Duration timeout;

  private RequestOptions(Builder b) {
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.timeout = b.timeout;
  }

  /** No extra headers, the client's timeout. */
  public static RequestOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Extra headers, in the order given; unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The timeout of this call, or {@code null} for the client's. */
  public Duration timeout() {
    return timeout;
  }

  /** Names the headers but never prints their values, which may hold credentials. */
  @Override
  public String toString() {
    return "RequestOptions{headers=" + headers.keySet() + ", timeout=" + timeout + '}';
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout;

    Builder() {}

    /** Adds or replaces one header. */
    public Builder header(String name, String value) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("header name must not be blank, got '" + name + "'");
      }
      Objects.requireNonNull(value, () -> "value of header '" + name + "'");
      headers.put(name, value);
      return this;
    }

    /** Adds or replaces each of {@code headers}. */
    public Builder headers(Map<String, String> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** This call's timeout, positive; {@code null} uses the client's. */
    public Builder timeout(Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
