package com.lockllm.intercept;

import com.lockllm.extract.ExtractionConfig;
import com.lockllm.extract.PromptFormat;
import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import java.util.List;

/**
 * What one endpoint changes of the configured protection, as the adapters' {@code @LockLLMProtected}
 * annotations carry it: wire values ({@code "high"}, {@code "block"}, {@code "pointers"}), where
 * {@code null} or empty inherits. {@link #applyTo} turns them into the endpoint's interceptor, so every
 * framework reads an annotation the same way.
 *
 * @param pointers JSON Pointers to the prompt; empty inherits
 */
public record EndpointOverrides(String sensitivity, String scanAction, String policyAction,
    String piiAction, String format, List<String> pointers) {
  public EndpointOverrides {
    pointers = pointers == null ? List.of() : List.copyOf(pointers);
  }

  /**
   * {@code base} with these overrides ({@link LockLLMInterceptor#forEndpoint}).
   *
   * @throws IllegalArgumentException naming the value when one is not a valid wire value
   */
  public LockLLMInterceptor applyTo(LockLLMInterceptor base) {
    ScanOptions.Builder options = ScanOptions.builder();
    if (set(sensitivity)) {
      options.sensitivity(Sensitivity.fromWire(sensitivity));
    }
    if (set(scanAction)) {
      options.scanAction(ScanAction.fromWire(scanAction));
    }
    if (set(policyAction)) {
      options.policyAction(ScanAction.fromWire(policyAction));
    }
    if (set(piiAction)) {
      options.piiAction(PiiAction.fromWire(piiAction));
    }
    ExtractionConfig extraction = null;
    if (set(format) || !pointers.isEmpty()) {
      ExtractionConfig.Builder builder = ExtractionConfig.from(base.extraction());
      if (set(format)) {
        builder.format(PromptFormat.fromWire(format));
      }
      if (!pointers.isEmpty()) {
        builder.pointers(pointers);
      }
      extraction = builder.build();
    }
    return base.forEndpoint(options.build(), extraction);
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
