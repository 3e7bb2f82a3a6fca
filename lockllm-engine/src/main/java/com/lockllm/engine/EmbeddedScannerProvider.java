package com.lockllm.engine;

import com.lockllm.engine.policy.PolicySet;
import com.lockllm.engine.route.RoutingTable;
import com.lockllm.engine.transformer.TransformerDetector;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.EngineSettings;
import com.lockllm.scan.EngineTier;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;
import java.io.UncheckedIOException;

/**
 * Makes {@link EmbeddedScanner} the scanner found through {@link java.util.ServiceLoader}, built
 * with the configured tier (by default {@link EmbeddedScanner.Tier#best()}), custom policies and
 * routing.
 */
public final class EmbeddedScannerProvider implements ScannerProvider {
  @Override
  public Scanner create() {
    return EmbeddedScanner.create();
  }

  @Override
  public Scanner create(EngineSettings settings) {
    if (settings.isDefault()) {
      return create();
    }
    PolicySet policies;
    try {
      policies = PolicySet.of(settings.policies(), settings.policySimilarity());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid LockLLM policies: " + e.getMessage(), e);
    }
    EmbeddedScanner.Builder builder = EmbeddedScanner.builder().policies(policies)
        .routing(RoutingTable.of(settings.routing()));
    if (settings.tier() != null) {
      builder.tier(tier(settings.tier()));
    }
    try {
      return builder.build();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new ConfigurationException("The transformer tier cannot load: " + e.getMessage(), e);
    }
  }

  private static EmbeddedScanner.Tier tier(EngineTier tier) {
    EmbeddedScanner.Tier t = EmbeddedScanner.Tier.valueOf(tier.name());
    if (t == EmbeddedScanner.Tier.TRANSFORMER && !TransformerDetector.available()) {
      throw new ConfigurationException("engine-tier 'transformer' needs com.lockllm:lockllm-engine-model "
          + "(and ONNX Runtime) on the class path");
    }
    return t;
  }
}
