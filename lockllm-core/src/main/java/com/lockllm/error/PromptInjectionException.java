package com.lockllm.error;

import com.lockllm.scan.ScanResult;

/** A prompt injection or jailbreak was found under {@code scan_action=block} (400). */
public final class PromptInjectionException extends LockLLMException {
  public static final String TYPE = "lockllm_security_error";
  public static final String CODE = "prompt_injection_detected";

  private final ScanResult scanResult;

  public PromptInjectionException(String message, ScanResult scanResult, String requestId) {
    super(message, TYPE, CODE, 400, requestId, null, false);
    this.scanResult = scanResult;
  }

  public ScanResult scanResult() {
    return scanResult;
  }
}
