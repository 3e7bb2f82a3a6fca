package com.lockllm.engine;

import com.lockllm.engine.policy.PolicySet;
import com.lockllm.engine.route.RoutingTable;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;
import java.util.Map;

/**
 * Makes {@link EmbeddedScanner} the scanner found through {@link java.util.ServiceLoader}. Its
 * settings are the custom policies, in the layout of {@link PolicySet#fromProperties}, and the
 * routing models ({@link RoutingTable#fromProperties}).
 */
public final class EmbeddedScannerProvider implements ScannerProvider {
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
      if (!name.startsWith("policies") && !name.equals("policy-similarity") && !name.startsWith("routing.")) {
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
    return EmbeddedScanner.builder().policies(policies).routing(routing).build();
  }
}
