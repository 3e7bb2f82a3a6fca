package com.lockllm.vertx;

import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;

/** The hostile-input contract on the same Vert.x server as {@link VertxContractTest}. */
class VertxHostileInputTest extends HostileInputContract {
  @Override
  protected ContractServer start(ContractFixture fixture) throws Exception {
    return new VertxContractTest().start(fixture);
  }

  /** BodyHandler buffers the body before the handler runs: a stalled one ends with the idle timeout's close. */
  @Override
  protected boolean answersStalledBodies() {
    return false;
  }
}
