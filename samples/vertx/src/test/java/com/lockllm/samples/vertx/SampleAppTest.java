package com.lockllm.samples.vertx;

import com.lockllm.testing.SampleContract;
import io.vertx.core.Vertx;
import java.net.URI;

/** The samples' contract on this Vert.x sample. */
class SampleAppTest extends SampleContract {
  private Vertx vertx;

  @Override
  protected URI start() {
    vertx = Vertx.vertx();
    return URI.create("http://127.0.0.1:" + Main.start(vertx, 0).await().actualPort());
  }

  @Override
  protected void stop() {
    vertx.close().await();
  }
}
