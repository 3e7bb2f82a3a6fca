package com.lockllm.scan;

import java.util.List;

/**
 * What the embedded engine is built with ({@link ScannerProvider#create(EngineSettings)}): its
 * detector tier, custom policies, the similarity at which a policy example matches, and routing.
 *
 * @param tier {@code null} for the best tier on the class path
 * @param policies none by default
 * @param policySimilarity {@code null} for the engine's calibrated default
 * @param routing {@link ModelRouting#NONE} by default
 */
public record EngineSettings(EngineTier tier, List<CustomPolicy> policies, Double policySimilarity,
    ModelRouting routing) {
  /** Every setting at its default. */
  public static final EngineSettings DEFAULTS = new EngineSettings(null, List.of(), null, ModelRouting.NONE);

  public EngineSettings {
    policies = List.copyOf(policies);
    routing = routing == null ? ModelRouting.NONE : routing;
    if (policySimilarity != null && !(policySimilarity > 0 && policySimilarity <= 1)) {
      throw new IllegalArgumentException("policy-similarity must be in (0, 1], got " + policySimilarity);
    }
  }

  /** Whether every setting is at its default. */
  public boolean isDefault() {
    return equals(DEFAULTS);
  }
}
