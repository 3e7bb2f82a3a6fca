package com.lockllm.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Abusive use was found under {@code abuse_action=block} (400). {@code abuseDetails} is the JSON
 * object of the LockLLM error ({@code confidence}, {@code abuse_types}, {@code indicators},
 * {@code recommendation}, {@code details}).
 */
public final class AbuseDetectedException extends LockLLMException {
  public static final String TYPE = "lockllm_abuse_error";
  public static final String CODE = "abuse_detected";

  private final Map<String, Object> abuseDetails;

  public AbuseDetectedException(String message, Map<String, Object> abuseDetails, String requestId) {
    super(message, TYPE, CODE, 400, requestId, null, false);
    this.abuseDetails =
        abuseDetails == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(abuseDetails));
  }

  public Map<String, Object> abuseDetails() {
    return abuseDetails;
  }
}
