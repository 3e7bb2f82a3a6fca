package com.lockllm.scan;

import java.util.Objects;

/**
 * What a scan checks and what happens when it finds something. Immutable.
 *
 * <p>Every field may be unset ({@code null}), which means "use the level below": per-route options
 * are laid over global ones with {@link #overriddenBy(ScanOptions)}, the way per-request options
 * override a client's defaults in the LockLLM SDKs. {@link #defaults()} holds the LockLLM service
 * defaults: sensitivity {@code medium}, scan mode {@code combined}, scan and policy actions
 * {@code allow_with_warning}; abuse detection, PII detection, compression and routing off.
 */
public final class ScanOptions {
  public static final Sensitivity DEFAULT_SENSITIVITY = Sensitivity.MEDIUM;
  public static final ScanMode DEFAULT_SCAN_MODE = ScanMode.COMBINED;
  public static final ScanAction DEFAULT_SCAN_ACTION = ScanAction.ALLOW_WITH_WARNING;
  public static final ScanAction DEFAULT_POLICY_ACTION = ScanAction.ALLOW_WITH_WARNING;
  public static final double MIN_COMPRESSION_RATE = 0.3;
  public static final double MAX_COMPRESSION_RATE = 0.7;

  private static final ScanOptions EMPTY = builder().build();
  private static final ScanOptions DEFAULTS =
      builder()
          .sensitivity(DEFAULT_SENSITIVITY)
          .scanMode(DEFAULT_SCAN_MODE)
          .scanAction(DEFAULT_SCAN_ACTION)
          .policyAction(DEFAULT_POLICY_ACTION)
          .build();

  private final Sensitivity sensitivity;
  private final ScanMode scanMode;
  private final ScanAction scanAction;
  private final ScanAction policyAction;
  private final ScanAction abuseAction;
  private final PiiAction piiAction;
  private final CompressionMethod compression;
  private final Double compressionRate;
  private final Boolean chunk;
  private final RouteAction routeAction;

  private ScanOptions(Builder b) {
    this.sensitivity = b.sensitivity;
    this.scanMode = b.scanMode;
    this.scanAction = b.scanAction;
    this.policyAction = b.policyAction;
    this.abuseAction = b.abuseAction;
    this.piiAction = b.piiAction;
    this.compression = b.compression;
    this.compressionRate = b.compressionRate;
    this.chunk = b.chunk;
    this.routeAction = b.routeAction;
  }

  /** Options with every field unset. */
  public static ScanOptions empty() {
    return EMPTY;
  }

  /** The LockLLM service defaults, every defaulted field set. */
  public static ScanOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding a copy of {@code prototype}'s fields. */
  public static Builder from(ScanOptions prototype) {
    return new Builder(prototype);
  }

  /**
   * These options with every field that {@code override} sets replaced by its value. {@code null}
   * leaves them as they are.
   */
  public ScanOptions overriddenBy(ScanOptions override) {
    if (override == null || override == EMPTY) {
      return this;
    }
    Builder b = from(this);
    if (override.sensitivity != null) b.sensitivity = override.sensitivity;
    if (override.scanMode != null) b.scanMode = override.scanMode;
    if (override.scanAction != null) b.scanAction = override.scanAction;
    if (override.policyAction != null) b.policyAction = override.policyAction;
    if (override.abuseAction != null) b.abuseAction = override.abuseAction;
    if (override.piiAction != null) b.piiAction = override.piiAction;
    if (override.compression != null) b.compression = override.compression;
    if (override.compressionRate != null) b.compressionRate = override.compressionRate;
    if (override.chunk != null) b.chunk = override.chunk;
    if (override.routeAction != null) b.routeAction = override.routeAction;
    return b.build();
  }

  /** These options over the service {@link #defaults()}: every defaulted field is set. */
  public ScanOptions resolved() {
    return DEFAULTS.overriddenBy(this);
  }

  /** Sensitivity, or {@code null} when unset. */
  public Sensitivity sensitivity() {
    return sensitivity;
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

  /** Abuse action; {@code null} means abuse detection is off. */
  public ScanAction abuseAction() {
    return abuseAction;
  }

  /** PII action; {@code null} means PII detection is off. */
  public PiiAction piiAction() {
    return piiAction;
  }

  /** Compression method; {@code null} means no compression. */
  public CompressionMethod compression() {
    return compression;
  }

  public Double compressionRate() {
    return compressionRate;
  }

  public Boolean chunk() {
    return chunk;
  }

  public RouteAction routeAction() {
    return routeAction;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ScanOptions)) return false;
    ScanOptions that = (ScanOptions) o;
    return sensitivity == that.sensitivity
        && scanMode == that.scanMode
        && scanAction == that.scanAction
        && policyAction == that.policyAction
        && abuseAction == that.abuseAction
        && piiAction == that.piiAction
        && compression == that.compression
        && Objects.equals(compressionRate, that.compressionRate)
        && Objects.equals(chunk, that.chunk)
        && routeAction == that.routeAction;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        sensitivity, scanMode, scanAction, policyAction, abuseAction, piiAction, compression,
        compressionRate, chunk, routeAction);
  }

  @Override
  public String toString() {
    return "ScanOptions{sensitivity=" + sensitivity
        + ", scanMode=" + scanMode
        + ", scanAction=" + scanAction
        + ", policyAction=" + policyAction
        + ", abuseAction=" + abuseAction
        + ", piiAction=" + piiAction
        + ", compression=" + compression
        + ", compressionRate=" + compressionRate
        + ", chunk=" + chunk
        + ", routeAction=" + routeAction
        + '}';
  }

  /** Builds {@link ScanOptions}; {@code null} unsets a field. */
  public static final class Builder {
    private Sensitivity sensitivity;
    private ScanMode scanMode;
    private ScanAction scanAction;
    private ScanAction policyAction;
    private ScanAction abuseAction;
    private PiiAction piiAction;
    private CompressionMethod compression;
    private Double compressionRate;
    private Boolean chunk;
    private RouteAction routeAction;

    Builder() {}

    Builder(ScanOptions p) {
      this.sensitivity = p.sensitivity;
      this.scanMode = p.scanMode;
      this.scanAction = p.scanAction;
      this.policyAction = p.policyAction;
      this.abuseAction = p.abuseAction;
      this.piiAction = p.piiAction;
      this.compression = p.compression;
      this.compressionRate = p.compressionRate;
      this.chunk = p.chunk;
      this.routeAction = p.routeAction;
    }

    public Builder sensitivity(Sensitivity sensitivity) {
      this.sensitivity = sensitivity;
      return this;
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

    public Builder abuseAction(ScanAction abuseAction) {
      this.abuseAction = abuseAction;
      return this;
    }

    public Builder piiAction(PiiAction piiAction) {
      this.piiAction = piiAction;
      return this;
    }

    public Builder compression(CompressionMethod compression) {
      this.compression = compression;
      return this;
    }

    /** Compact compression aggressiveness, from 0.3 (aggressive) to 0.7 (conservative). */
    public Builder compressionRate(Double compressionRate) {
      if (compressionRate != null
          && !(compressionRate >= MIN_COMPRESSION_RATE && compressionRate <= MAX_COMPRESSION_RATE)) {
        throw new IllegalArgumentException(
            "compressionRate must be between " + MIN_COMPRESSION_RATE + " and "
                + MAX_COMPRESSION_RATE + ", got " + compressionRate);
      }
      this.compressionRate = compressionRate;
      return this;
    }

    public Builder chunk(Boolean chunk) {
      this.chunk = chunk;
      return this;
    }

    public Builder routeAction(RouteAction routeAction) {
      this.routeAction = routeAction;
      return this;
    }

    public ScanOptions build() {
      return new ScanOptions(this);
    }
  }
}
