package com.lockllm.servlet;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.OutputContract;

/** The shared answer-side contract on Jetty 12, the server of {@link ServletContractTest}. */
class ServletOutputContractTest extends OutputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return ServletContractTest.serve(fixture);
  }
}
