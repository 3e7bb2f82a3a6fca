package com.lockllm.engine;

import com.lockllm.engine.policy.PolicySet;
import com.lockllm.engine.route.RoutingTable;
import com.lockllm.engine.transformer.TransformerDetector;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Makes {@link EmbeddedScanner} the scanner found through {@link java.util.ServiceLoader}. Its
 * settings are the custom policies, in the layout of {@link PolicySet#fromProperties}, the
 * routing models ({@link RoutingTable#fromProperties}) and {@code tier} ({@code rules}, {@code
 * lexical} or {@code transformer}; by default {@link EmbeddedScanner.Tier#best()}).
 */
public final class EmbeddedScannerProvider implements ScannerProvider {
  /** The setting that picks the {@link EmbeddedScanner.Tier}. */
  public static final String TIER = "tier";

  @Override
  public Scanner create() {
    return EmbeddedScanner.create();
  }

  @Override
  public Scanner create(Map<String, String> settings) {
    if (settings.isEmpty()) {
      return create();
    }
    for (String name : settings.keySet()) {
      if (!name.startsWith("policies") && !name.equals("policy-similarity") && !name.startsWith("routing.")
          && !name.equals(TIER)) {
        throw new ConfigurationException("Unknown setting for the embedded LockLLM engine: '" + name + "'");
      }
    }
    PolicySet policies;
    RoutingTable routing;
    try {
      policies = PolicySet.fromProperties(settings);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid LockLLM policies: " + e.getMessage(), e);
    }
    try {
      routing = RoutingTable.fromProperties(settings);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid LockLLM routing: " + e.getMessage(), e);
    }
    EmbeddedScanner.Builder builder = EmbeddedScanner.builder().policies(policies).routing(routing);
    String tier = settings.get(TIER);
    if (tier != null) {
      builder.tier(tier(tier));
    }
    try {
      return builder.build();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new ConfigurationException("The transformer tier cannot load: " + e.getMessage(), e);
    }
  }

  private static EmbeddedScanner.Tier tier(String value) {
    for (EmbeddedScanner.Tier t : EmbeddedScanner.Tier.values()) {
      if (t.name().equalsIgnoreCase(value.trim())) {
        if (t == EmbeddedScanner.Tier.TRANSFORMER && !TransformerDetector.available()) {
          throw new ConfigurationException("tier 'transformer' needs com.lockllm:lockllm-engine-model "
              + "(and ONNX Runtime) on the class path");
        }
        return t;
      }
    }
    throw new ConfigurationException("Invalid tier '" + value + "': rules, lexical or transformer");
  }
}
