package com.lockllm.intercept;

import com.lockllm.error.AbuseDetectedException;
import com.lockllm.error.LockLLMException;
import com.lockllm.error.PiiDetectedException;
import com.lockllm.error.PolicyViolationException;
import com.lockllm.error.PromptInjectionException;
import com.lockllm.internal.Json;
import com.lockllm.scan.AbuseWarning;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.PiiResult;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.ScanResponse;
import java.util.Map;

/**
 * The blocking rules of the LockLLM API, in its order: an injection under {@code scan_action=block}
 * (400), a policy violation under {@code policy_action=block} (403), abuse under {@code
 * abuse_action=block} (400), personal data under {@code pii_action=block} (403). Shared by the
 * interceptor and the scan server, so both block alike.
 */
public final class Verdicts {
  private Verdicts() {}

  /** The typed error that blocks {@code response} under {@code options}, or {@code null} when nothing blocks it. */
  public static LockLLMException rejection(ScanResponse response, ScanOptions options) {
    String requestId = response.requestId();
    if (response.label() == 1 && options.scanMode() != ScanMode.POLICY_ONLY
        && options.scanAction() == ScanAction.BLOCK) {
      return new PromptInjectionException("Malicious prompt detected by LockLLM", response.result(), requestId);
    }
    if (response.policyWarnings() != null && options.scanMode() != ScanMode.NORMAL
        && options.policyAction() == ScanAction.BLOCK) {
      return new PolicyViolationException("Request blocked by custom policy", response.policyWarnings(), requestId);
    }
    AbuseWarning abuse = response.abuseWarnings();
    if (abuse != null && abuse.isDetected() && options.abuseAction() == ScanAction.BLOCK) {
      return new AbuseDetectedException("Request blocked due to abuse detection", abuseDetails(abuse), requestId);
    }
    PiiResult pii = response.piiResult();
    if (pii != null && Boolean.TRUE.equals(pii.detected()) && options.piiAction() == PiiAction.BLOCK) {
      return new PiiDetectedException("Request blocked due to personal information detected",
          pii.entityTypes(), pii.entityCount() == null ? 0 : pii.entityCount(), requestId);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> abuseDetails(AbuseWarning abuse) {
    return Json.mapper().convertValue(abuse, Map.class);
  }
}
