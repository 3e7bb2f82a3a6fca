package com.lockllm.vertx;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.OutputContract;

/** The shared answer-side contract on the Vert.x server of {@link VertxContractTest}. */
class VertxOutputContractTest extends OutputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return new VertxContractTest().start(fixture);
  }
}
