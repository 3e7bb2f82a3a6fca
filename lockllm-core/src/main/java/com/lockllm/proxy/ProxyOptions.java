package com.lockllm.proxy;

import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.CompressionMethod;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

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

  /**
   * The options a client asked for in its {@code X-LockLLM-*} request headers (names
   * case-insensitive, as {@code header} looks them up), the server side of {@link #toHeaders()}.
   * Absent headers leave their option unset.
   *
   * @throws ConfigurationException (400) naming the header whose value is not one the LockLLM proxy
   *     accepts
   */
  public static ProxyOptions fromHeaders(Function<String, String> header) {
    ScanOptions.Builder scan = ScanOptions.builder();
    read(header, LockLLMHeaders.SCAN_MODE, ScanMode::fromWire, scan::scanMode);
    read(header, LockLLMHeaders.SENSITIVITY, Sensitivity::fromWire, scan::sensitivity);
    read(header, LockLLMHeaders.SCAN_ACTION, ScanAction::fromWire, scan::scanAction);
    read(header, LockLLMHeaders.POLICY_ACTION, ScanAction::fromWire, scan::policyAction);
    read(header, LockLLMHeaders.ABUSE_ACTION, ScanAction::fromWire, scan::abuseAction);
    read(header, LockLLMHeaders.PII_ACTION, PiiAction::fromWire, scan::piiAction);
    read(header, LockLLMHeaders.ROUTE_ACTION, RouteAction::fromWire, scan::routeAction);
    read(header, LockLLMHeaders.COMPRESSION, CompressionMethod::fromWire, scan::compression);
    read(header, LockLLMHeaders.COMPRESSION_RATE, Double::valueOf, scan::compressionRate);
    read(header, LockLLMHeaders.CHUNK, ProxyOptions::bool, scan::chunk);
    Builder options = builder().scan(scan.build());
    read(header, LockLLMHeaders.CACHE_RESPONSE, ProxyOptions::bool, options::cacheResponse);
    read(header, LockLLMHeaders.CACHE_TTL, Integer::valueOf, options::cacheTtl);
    return options.build();
  }

  private static <T> void read(Function<String, String> header, String name, Function<String, T> parse, Consumer<T> set) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      set.accept(parse.apply(value.trim()));
    } catch (RuntimeException e) {
      throw new ConfigurationException("Invalid " + name + " header: '" + abbreviate(value.trim()) + "'", e);
    }
  }

  private static Boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
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
