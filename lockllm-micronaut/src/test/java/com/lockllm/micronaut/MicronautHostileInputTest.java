package com.lockllm.micronaut;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;

/** The hostile-input contract on the same Micronaut server as {@link MicronautContractTest}. */
class MicronautHostileInputTest extends HostileInputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) {
    return new MicronautContractTest().start(fixture);
  }
}
