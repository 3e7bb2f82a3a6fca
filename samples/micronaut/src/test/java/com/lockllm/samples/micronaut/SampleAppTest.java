package com.lockllm.samples.micronaut;

import com.lockllm.testing.SampleContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;

/** The samples' contract on this Micronaut sample. */
class SampleAppTest extends SampleContract {
  private EmbeddedServer server;

  @Override
  protected URI start() {
    server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1));
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  @Override
  protected void stop() {
    server.getApplicationContext().close();
  }
}
