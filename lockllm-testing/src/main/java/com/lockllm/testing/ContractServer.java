package com.lockllm.testing;

import java.net.URI;

/**
 * A running application under test. It serves {@value AdapterContract#PROTECTED_PATH} (protected
 * by the adapter per the fixture's settings) and {@value AdapterContract#UNPROTECTED_PATH} (not
 * protected), both answering with {@link ContractEcho#render} of what the handler saw.
 */
public interface ContractServer extends AutoCloseable {
  /** Base URI such as {@code http://127.0.0.1:PORT}, with no trailing slash. */
  URI baseUri();

  @Override
  void close() throws Exception;

  /** A server at {@code baseUri} that {@code stop} shuts down. */
  static ContractServer of(URI baseUri, AutoCloseable stop) {
    return new ContractServer() {
      @Override
      public URI baseUri() {
        return baseUri;
      }

      @Override
      public void close() throws Exception {
        stop.close();
      }
    };
  }
}
