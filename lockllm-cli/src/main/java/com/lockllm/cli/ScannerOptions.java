package com.lockllm.cli;

import com.lockllm.client.LockLLMClient;
import com.lockllm.client.RemoteScanner;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.config.Scanners;
import com.lockllm.error.ConfigurationException;
import com.lockllm.scan.Scanner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where scans go: the embedded engine, or a LockLLM-compatible server with {@code --base-url}. */
final class ScannerOptions {
  @Option(names = "--base-url", paramLabel = "URL",
      description = "Scan with the LockLLM API (or a compatible server) at URL instead of the embedded engine.")
  String baseUrl;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "API key for --base-url (default: $LOCKLLM_API_KEY).")
  String apiKey;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Per-request timeout for --base-url, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--max-retries", paramLabel = "N", defaultValue = "3",
      description = "Retries per request for --base-url (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @Option(names = "--tier", paramLabel = "TIER",
      description = "Embedded engine detectors: transformer (default: rules, lexical model and the "
          + "fine-tuned transformer, as the gateway runs), lexical (rules and lexical model: "
          + "microseconds, no ONNX Runtime) or rules.")
  String tier;

  /**
   * The scanner, with the custom policies of {@code policies} (a properties file of {@code
   * policies.*} options as {@code web.xml} takes them, keys optionally under {@code lockllm.}) for the
   * embedded engine. Policies with {@code --base-url} are a usage error: the LockLLM API takes its
   * policies from the dashboard. An unreadable or invalid file is a usage error naming it.
   */
  Scanner scanner(CommandSpec spec, Path policies) {
    if (policies != null && baseUrl != null) {
      throw new ParameterException(spec.commandLine(),
          "--policies applies to the embedded engine; with --base-url the LockLLM API uses the policies of your dashboard");
    }
    if (tier != null && baseUrl != null) {
      throw new ParameterException(spec.commandLine(), "--tier applies to the embedded engine, not to --base-url");
    }
    if (baseUrl == null) {
      Map<String, String> settings = new LinkedHashMap<>();
      if (tier != null) {
        settings.put("engine-tier", tier);
      }
      if (policies == null) {
        try {
          return Scanners.embedded(LockLLMSettings.fromMap(settings).engineSettings());
        } catch (ConfigurationException e) {
          throw new ParameterException(spec.commandLine(), "--tier " + tier + ": " + e.getMessage());
        }
      }
      try {
        settings.putAll(policySettings(policies));
        return Scanners.embedded(LockLLMSettings.fromMap(settings).engineSettings());
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "cannot read --policies " + policies + ": " + e.getMessage());
      } catch (ConfigurationException e) {
        throw new ParameterException(spec.commandLine(), "--policies " + policies + ": " + e.getMessage());
      }
    }
    String key = apiKey != null ? apiKey : System.getenv(Scanners.API_KEY_ENV);
    return RemoteScanner.create(LockLLMClient.builder()
        .apiKey(key)
        .baseUrl(baseUrl)
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .maxRetries(maxRetries)
        .build());
  }

  /** The file's entries as the engine's settings, a leading {@code lockllm.} taken off each key. */
  static Map<String, String> policySettings(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String name = key.startsWith("lockllm.") ? key.substring("lockllm.".length()) : key;
      settings.put(name, properties.getProperty(key));
    }
    if (settings.isEmpty()) {
      throw new ConfigurationException("no policies in the file");
    }
    return settings;
  }
}
