package com.lockllm.config;

import com.lockllm.remote.RemoteScannerProvider;
import com.lockllm.remote.RemoteSettings;
import com.lockllm.scan.ScanRequest;
import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.Scanner;

/**
 * Stands in for lockllm-client's provider in the core's tests (registered in META-INF/services):
 * its scanner only carries the settings it was built with. Public because ServiceLoader needs it.
 */
public final class TestRemoteScannerProvider implements RemoteScannerProvider {
  @Override
  public Scanner create(RemoteSettings settings) {
    return new Remote(settings);
  }

  /** The scanner the core would call the LockLLM API with. */
  public record Remote(RemoteSettings settings) implements Scanner {
    @Override
    public ScanResponse scan(ScanRequest request) {
      throw new UnsupportedOperationException("the core's tests call no API");
    }
  }
}
