package com.lockllm.vertx;

import static com.lockllm.vertx.LockLLMHandlerTest.ATTACK;
import static com.lockllm.vertx.LockLLMHandlerTest.BENIGN;
import static com.lockllm.vertx.LockLLMHandlerTest.ok;
import static com.lockllm.vertx.LockLLMHandlerTest.post;
import static com.lockllm.vertx.LockLLMHandlerTest.send;
import static com.lockllm.vertx.LockLLMHandlerTest.serve;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractFixture;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Run by {@link MetricsTest} on a class loader without Micrometer: serves a handler built from
 * settings, posts an attack and a clean prompt, and returns their statuses. It names no Micrometer
 * type, so nothing but the handler itself could need one.
 */
public final class WithoutMicrometer implements Callable<List<Integer>> {
  @Override
  public List<Integer> call() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LockLLMHandler handler = LockLLMHandler.create(vertx, LockLLMSettings.fromMap(ContractFixture.baseSettings()));
      URI base = serve(vertx, handler, ok());
      return List.of(send(post(base, AdapterContract.PROTECTED_PATH, ATTACK)).statusCode(),
          send(post(base, AdapterContract.PROTECTED_PATH, BENIGN)).statusCode());
    } finally {
      vertx.close().await();
    }
  }
}
