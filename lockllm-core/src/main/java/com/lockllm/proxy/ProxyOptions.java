package com.lockllm.proxy;

import com.lockllm.scan.ScanOptions;
import java.util.Map;
import java.util.Objects;

/**
 * How the LockLLM proxy should scan, route and cache the requests sent through it: the
 * {@link ScanOptions} plus the proxy's response cache, sent as {@code X-LockLLM-*} request headers
 * ({@link #toHeaders()}) to add to a vendor SDK's default headers. Unset ({@code null}) options send
 * no header and leave the server default. Immutable.
 */
public final class ProxyOptions {
  /** The longest cache TTL the proxy accepts, in seconds (24 hours). */
  public static final int MAX_CACHE_TTL = 86_400;

  private static final ProxyOptions EMPTY = builder().build();

  private final ScanOptions scan;
  private final Boolean cacheResponse;
  private final Integer cacheTtl;

  private ProxyOptions(Builder b) {
    this.scan = b.scan;
    this.cacheResponse = b.cacheResponse;
    this.cacheTtl = b.cacheTtl;
  }

  /** Options with nothing set: no headers. */
  public static ProxyOptions empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding {@code prototype}'s fields. */
  public static Builder from(ProxyOptions prototype) {
    Objects.requireNonNull(prototype, "prototype");
    return new Builder().scan(prototype.scan).cacheResponse(prototype.cacheResponse).cacheTtl(prototype.cacheTtl);
  }

  /** The request headers for the set options, in the Python SDK's order. Unmodifiable. */
  public Map<String, String> toHeaders() {
    return LockLLMHeaders.forOptions(scan, cacheResponse, cacheTtl);
  }

  /** The scan options; every field may be unset. */
  public ScanOptions scan() {
    return scan;
  }

  /** Whether the proxy may answer from its response cache, or {@code null} for the server default (true). */
  public Boolean cacheResponse() {
    return cacheResponse;
  }

  /** Cache TTL in seconds, or {@code null} for the server default (3600). */
  public Integer cacheTtl() {
    return cacheTtl;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProxyOptions that && scan.equals(that.scan)
        && Objects.equals(cacheResponse, that.cacheResponse) && Objects.equals(cacheTtl, that.cacheTtl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scan, cacheResponse, cacheTtl);
  }

  @Override
  public String toString() {
    return "ProxyOptions" + toHeaders();
  }

  /** Builds {@link ProxyOptions}; {@code null} unsets a field. */
  public static final class Builder {
    private ScanOptions scan = ScanOptions.empty();
    private Boolean cacheResponse;
    private Integer cacheTtl;

    Builder() {}

    /** Scan mode, actions, sensitivity, PII, compression, chunking and routing. */
    public Builder scan(ScanOptions scan) {
      this.scan = scan == null ? ScanOptions.empty() : scan;
      return this;
    }

    public Builder cacheResponse(Boolean cacheResponse) {
      this.cacheResponse = cacheResponse;
      return this;
    }

    /** Seconds a cached response lives, 0 to {@value #MAX_CACHE_TTL}. */
    public Builder cacheTtl(Integer cacheTtl) {
      if (cacheTtl != null && (cacheTtl < 0 || cacheTtl > MAX_CACHE_TTL)) {
        throw new IllegalArgumentException(
            "cacheTtl must be between 0 and " + MAX_CACHE_TTL + " seconds, got " + cacheTtl);
      }
      this.cacheTtl = cacheTtl;
      return this;
    }

    public ProxyOptions build() {
      return new ProxyOptions(this);
    }
  }
}
