package com.lockllm.vertx;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;

/** The hostile-input contract on the same Vert.x server as {@link VertxContractTest}. */
class VertxHostileInputTest extends HostileInputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return new VertxContractTest().start(fixture);
  }}
