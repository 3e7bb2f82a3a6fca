package com.lockllm.config;

import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;
import com.lockllm.scan.ScannerProvider;

/** Registered in META-INF/services for {@link ScannersTest}; public because ServiceLoader needs it. */
public final class TestScannerProvider implements ScannerProvider {
  static final Scanner SCANNER = new Scanner() {
    @Override
    public ScanResponse scan(ScanRequest request) {
      return ScanResponse.builder().safe(true).build();
    }

    @Override
    public String toString() {
      return "TestScanner";
    }
  };

  @Override
  public Scanner create() {
    return SCANNER;
  }
}
