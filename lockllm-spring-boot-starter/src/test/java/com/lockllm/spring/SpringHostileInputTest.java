package com.lockllm.spring;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;

/** The hostile-input contract on the same Spring Boot application as {@link SpringContractTest}. */
class SpringHostileInputTest extends HostileInputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) {
    return new SpringContractTest().start(fixture);
  }
}
