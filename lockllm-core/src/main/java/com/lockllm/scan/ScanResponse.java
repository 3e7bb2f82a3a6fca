package com.lockllm.scan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Everything a scan returns, in the LockLLM scan-response shape ({@code snake_case} on the wire),
 * plus span-level {@link Finding findings} from the embedded engine.
 *
 * <p>As in the Python SDK, an empty {@code policy_warnings} list and an empty object for
 * {@code scan_warning}, {@code abuse_warnings}, {@code routing}, {@code pii_result} or
 * {@code compression_result} are read as absent ({@code null}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResponse(
    boolean safe,
    int label,
    Double confidence,
    Double injection,
    Sensitivity sensitivity,
    String requestId,
    Usage usage,
    Debug debug,
    Double policyConfidence,
    List<PolicyViolation> policyWarnings,
    ScanWarning scanWarning,
    AbuseWarning abuseWarnings,
    RoutingInfo routing,
    PiiResult piiResult,
    CompressionResult compressionResult,
    List<Finding> findings) {

  public ScanResponse {
    policyWarnings =
        policyWarnings == null || policyWarnings.isEmpty() ? null : List.copyOf(policyWarnings);
    scanWarning = scanWarning == null || scanWarning.isEmpty() ? null : scanWarning;
    abuseWarnings = abuseWarnings == null || abuseWarnings.isEmpty() ? null : abuseWarnings;
    routing = routing == null || routing.isEmpty() ? null : routing;
    piiResult = piiResult == null || piiResult.isEmpty() ? null : piiResult;
    compressionResult =
        compressionResult == null || compressionResult.isEmpty() ? null : compressionResult;
    findings = findings == null ? null : List.copyOf(findings);
  }

  /** The core verdict fields of this response. */
  @JsonIgnore
  public ScanResult result() {
    return new ScanResult(safe, label, confidence, injection, sensitivity);
  }

  /** A builder for a response, for scanners and tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this response's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.safe = safe;
    b.label = label;
    b.confidence = confidence;
    b.injection = injection;
    b.sensitivity = sensitivity;
    b.requestId = requestId;
    b.usage = usage;
    b.debug = debug;
    b.policyConfidence = policyConfidence;
    b.policyWarnings = policyWarnings;
    b.scanWarning = scanWarning;
    b.abuseWarnings = abuseWarnings;
    b.routing = routing;
    b.piiResult = piiResult;
    b.compressionResult = compressionResult;
    b.findings = findings;
    return b;
  }

  /** Builds a {@link ScanResponse}; unset fields are absent. */
  public static final class Builder {
    private boolean safe = true;
    private int label;
    private Double confidence;
    private Double injection;
    private Sensitivity sensitivity;
    private String requestId;
    private Usage usage;
    private Debug debug;
    private Double policyConfidence;
    private List<PolicyViolation> policyWarnings;
    private ScanWarning scanWarning;
    private AbuseWarning abuseWarnings;
    private RoutingInfo routing;
    private PiiResult piiResult;
    private CompressionResult compressionResult;
    private List<Finding> findings;

    Builder() {}

    public Builder safe(boolean safe) { this.safe = safe; return this; }
    public Builder label(int label) { this.label = label; return this; }
    public Builder confidence(Double confidence) { this.confidence = confidence; return this; }
    public Builder injection(Double injection) { this.injection = injection; return this; }
    public Builder sensitivity(Sensitivity sensitivity) { this.sensitivity = sensitivity; return this; }
    public Builder requestId(String requestId) { this.requestId = requestId; return this; }
    public Builder usage(Usage usage) { this.usage = usage; return this; }
    public Builder debug(Debug debug) { this.debug = debug; return this; }
    public Builder policyConfidence(Double policyConfidence) { this.policyConfidence = policyConfidence; return this; }
    public Builder policyWarnings(List<PolicyViolation> policyWarnings) { this.policyWarnings = policyWarnings; return this; }
    public Builder scanWarning(ScanWarning scanWarning) { this.scanWarning = scanWarning; return this; }
    public Builder abuseWarnings(AbuseWarning abuseWarnings) { this.abuseWarnings = abuseWarnings; return this; }
    public Builder routing(RoutingInfo routing) { this.routing = routing; return this; }
    public Builder piiResult(PiiResult piiResult) { this.piiResult = piiResult; return this; }
    public Builder compressionResult(CompressionResult compressionResult) { this.compressionResult = compressionResult; return this; }
    public Builder findings(List<Finding> findings) { this.findings = findings; return this; }

    public ScanResponse build() {
      return new ScanResponse(
          safe, label, confidence, injection, sensitivity, requestId, usage, debug,
          policyConfidence, policyWarnings, scanWarning, abuseWarnings, routing, piiResult,
          compressionResult, findings);
    }
  }
}
