package com.lockllm.engine;

import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;

/** Makes {@link EmbeddedScanner} the scanner found through {@link java.util.ServiceLoader}. */
public final class EmbeddedScannerProvider implements ScannerProvider {
  @Override
  public Scanner create() {
    return EmbeddedScanner.create();
  }
}
