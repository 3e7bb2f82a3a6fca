package com.lockllm.micronaut;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.OutputContract;

/** The shared answer-side contract on Micronaut's Netty server, the server of {@link MicronautContractTest}. */
class MicronautOutputContractTest extends OutputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) {
    return MicronautContractTest.serve(fixture);
  }
}
