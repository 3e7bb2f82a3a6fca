package com.lockllm.cli;

import com.lockllm.scan.PiiAction;
import com.lockllm.scan.ScanAction;
import com.lockllm.scan.ScanMode;
import com.lockllm.scan.ScanOptions;
import com.lockllm.scan.Sensitivity;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns option strings into scan options, reporting a bad value as a usage error. */
final class OptionValues {
  private OptionValues() {}

  static ScanOptions scanOptions(CommandSpec spec, String sensitivity, String pii) {
    return scanOptions(spec, sensitivity, pii, null, null);
  }

  /** As above, with the abuse action and the scan mode ({@code null} leaves each as the default). */
  static ScanOptions scanOptions(CommandSpec spec, String sensitivity, String pii, String abuse,
      String scanMode) {
    try {
      ScanOptions.Builder options = ScanOptions.from(ScanOptions.defaults());
      if (sensitivity != null) {
        options.sensitivity(Sensitivity.fromWire(sensitivity));
      }
      if (pii != null) {
        options.piiAction(PiiAction.fromWire(pii));
      }
      if (abuse != null) {
        options.abuseAction(ScanAction.fromWire(abuse));
      }
      if (scanMode != null) {
        options.scanMode(ScanMode.fromWire(scanMode));
      }
      return options.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
