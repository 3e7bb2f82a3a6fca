package com.lockllm.error;

import java.util.List;

/** Personal data was found under {@code pii_action=block} (403). */
public final class PiiDetectedException extends LockLLMException {
  public static final String TYPE = "lockllm_pii_error";
  public static final String CODE = "pii_detected";

  private final List<String> entityTypes;
  private final int entityCount;

  public PiiDetectedException(String message, List<String> entityTypes, int entityCount, String requestId) {
    super(message, TYPE, CODE, 403, requestId, null, false);
    this.entityTypes = entityTypes == null ? List.of() : List.copyOf(entityTypes);
    this.entityCount = entityCount;
  }

  public List<String> entityTypes() {
    return entityTypes;
  }

  public int entityCount() {
    return entityCount;
  }
}
