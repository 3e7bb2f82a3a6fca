package com.lockllm.proxy;

import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the LockLLM proxy should scan, route and cache requests sent through it, sent as
 * {@code X-LockLLM-*} request headers ({@link #toHeaders()}); add them to a vendor SDK's default
 * headers. Unset ({@code null}) options send no header and leave the server default. Immutable.
 */
public final class ProxyOptions {
  /** The longest cache TTL the proxy accepts, in seconds (24 hours). */
  public static final int MAX_CACHE_TTL = 86_400;

  private static final ProxyOptions EMPTY = builder().build();

  private final ScanMode scanMode;
  private final ScanAction scanAction;
  private final ScanAction policyAction;
  private final ScanAction abuseAction;
  private final RouteAction routeAction;
  private final Sensitivity sensitivity;
  private final Boolean cacheResponse;
  private final Integer cacheTtl;
  private final Boolean chunk;
  private final PiiAction piiAction;
  private final CompressionMethod compression;
  private final Double compressionRate;

  private ProxyOptions(Builder b) {
    this.scanMode = b.scanMode;
    this.scanAction = b.scanAction;
    this.policyAction = b.policyAction;
    this.abuseAction = b.abuseAction;
    this.routeAction = b.routeAction;
    this.sensitivity = b.sensitivity;
    this.cacheResponse = b.cacheResponse;
    this.cacheTtl = b.cacheTtl;
    this.chunk = b.chunk;
    this.piiAction = b.piiAction;
    this.compression = b.compression;
    this.compressionRate = b.compressionRate;
  }

  /** Options with nothing set: no headers. */
  public static ProxyOptions empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding a copy of {@code prototype}'s fields. */
  public static Builder from(ProxyOptions prototype) {
    return new Builder(prototype);
  }

  /**
   * The request headers for the set options, in the Python SDK's order; booleans as
   * {@code "true"}/{@code "false"}, the compression rate as Python's {@code str(float)} would
   * write it. An unmodifiable, insertion-ordered map.
   */
  public Map<String, String> toHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    if (scanMode != null) h.put(LockLLMHeaders.SCAN_MODE, scanMode.wireName());
    if (scanAction != null) h.put(LockLLMHeaders.SCAN_ACTION, scanAction.wireName());
    if (policyAction != null) h.put(LockLLMHeaders.POLICY_ACTION, policyAction.wireName());
    if (abuseAction != null) h.put(LockLLMHeaders.ABUSE_ACTION, abuseAction.wireName());
    if (routeAction != null) h.put(LockLLMHeaders.ROUTE_ACTION, routeAction.wireName());
    if (sensitivity != null) h.put(LockLLMHeaders.SENSITIVITY, sensitivity.wireName());
    if (cacheResponse != null) h.put(LockLLMHeaders.CACHE_RESPONSE, cacheResponse.toString());
    if (cacheTtl != null) h.put(LockLLMHeaders.CACHE_TTL, cacheTtl.toString());
    if (chunk != null) h.put(LockLLMHeaders.CHUNK, chunk.toString());
    if (piiAction != null) h.put(LockLLMHeaders.PII_ACTION, piiAction.wireName());
    if (compression != null) h.put(LockLLMHeaders.COMPRESSION, compression.wireName());
    if (compressionRate != null) h.put(LockLLMHeaders.COMPRESSION_RATE, compressionRate.toString());
    return Collections.unmodifiableMap(h);
  }

  public ScanMode scanMode() {
    return scanMode;
  }

  public ScanAction scanAction() {
    return scanAction;
  }

  public ScanAction policyAction() {
    return policyAction;
  }

  public ScanAction abuseAction() {
    return abuseAction;
  }

  public RouteAction routeAction() {
    return routeAction;
  }

  public Sensitivity sensitivity() {
    return sensitivity;
  }

  public Boolean cacheResponse() {
    return cacheResponse;
  }

  /** Cache TTL in seconds, or {@code null} for the server default (3600). */
  public Integer cacheTtl() {
    return cacheTtl;
  }

  public Boolean chunk() {
    return chunk;
  }

  public PiiAction piiAction() {
    return piiAction;
  }

  public CompressionMethod compression() {
    return compression;
  }

  public Double compressionRate() {
    return compressionRate;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ProxyOptions)) return false;
    return toHeaders().equals(((ProxyOptions) o).toHeaders());
  }

  @Override
  public int hashCode() {
    return toHeaders().hashCode();
  }

  @Override
  public String toString() {
    return "ProxyOptions" + toHeaders();
  }

  /** Builds {@link ProxyOptions}; {@code null} unsets a field. */
  public static final class Builder {
    private ScanMode scanMode;
    private ScanAction scanAction;
    private ScanAction policyAction;
    private ScanAction abuseAction;
    private RouteAction routeAction;
    private Sensitivity sensitivity;
    private Boolean cacheResponse;
    private Integer cacheTtl;
    private Boolean chunk;
    private PiiAction piiAction;
    private CompressionMethod compression;
    private Double compressionRate;

    Builder() {}

    Builder(ProxyOptions p) {
      Objects.requireNonNull(p, "prototype");
      this.scanMode = p.scanMode;
      this.scanAction = p.scanAction;
      this.policyAction = p.policyAction;
      this.abuseAction = p.abuseAction;
      this.routeAction = p.routeAction;
      this.sensitivity = p.sensitivity;
      this.cacheResponse = p.cacheResponse;
      this.cacheTtl = p.cacheTtl;
      this.chunk = p.chunk;
      this.piiAction = p.piiAction;
      this.compression = p.compression;
      this.compressionRate = p.compressionRate;
    }

    public Builder scanMode(ScanMode scanMode) {
      this.scanMode = scanMode;
      return this;
    }

    public Builder scanAction(ScanAction scanAction) {
      this.scanAction = scanAction;
      return this;
    }

    public Builder policyAction(ScanAction policyAction) {
      this.policyAction = policyAction;
      return this;
    }

    /** Opt-in abuse detection; {@code null} leaves it off. */
    public Builder abuseAction(ScanAction abuseAction) {
      this.abuseAction = abuseAction;
      return this;
    }

    public Builder routeAction(RouteAction routeAction) {
      this.routeAction = routeAction;
      return this;
    }

    public Builder sensitivity(Sensitivity sensitivity) {
      this.sensitivity = sensitivity;
      return this;
    }

    public Builder cacheResponse(Boolean cacheResponse) {
      this.cacheResponse = cacheResponse;
      return this;
    }

    /** Cache TTL in seconds, 0 to {@value #MAX_CACHE_TTL}. */
    public Builder cacheTtl(Integer cacheTtl) {
      if (cacheTtl != null && (cacheTtl < 0 || cacheTtl > MAX_CACHE_TTL)) {
        throw new IllegalArgumentException(
            "cacheTtl must be between 0 and " + MAX_CACHE_TTL + " seconds, got " + cacheTtl);
      }
      this.cacheTtl = cacheTtl;
      return this;
    }

    public Builder chunk(Boolean chunk) {
      this.chunk = chunk;
      return this;
    }

    /** Opt-in PII detection; {@code null} leaves it off. */
    public Builder piiAction(PiiAction piiAction) {
      this.piiAction = piiAction;
      return this;
    }

    /** Opt-in prompt compression; {@code null} leaves it off. */
    public Builder compression(CompressionMethod compression) {
      this.compression = compression;
      return this;
    }

    /** Compact compression aggressiveness, from 0.3 (aggressive) to 0.7 (conservative). */
    public Builder compressionRate(Double compressionRate) {
      if (compressionRate != null
          && !(compressionRate >= ScanOptions.MIN_COMPRESSION_RATE
              && compressionRate <= ScanOptions.MAX_COMPRESSION_RATE)) {
        throw new IllegalArgumentException(
            "compressionRate must be between " + ScanOptions.MIN_COMPRESSION_RATE + " and "
                + ScanOptions.MAX_COMPRESSION_RATE + ", got " + compressionRate);
      }
      this.compressionRate = compressionRate;
      return this;
    }

    public ProxyOptions build() {
      return new ProxyOptions(this);
    }
  }
}
