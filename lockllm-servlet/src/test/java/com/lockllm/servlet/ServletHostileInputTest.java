package com.lockllm.servlet;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;

/** The hostile-input contract on the same Jetty server as {@link ServletContractTest}. */
class ServletHostileInputTest extends HostileInputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return new ServletContractTest().start(fixture);
  }
}
