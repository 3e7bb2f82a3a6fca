package com.lockllm.samples.webxml;

import com.lockllm.testing.SampleContract;
import java.net.URI;
import org.eclipse.jetty.server.Server;

/** The samples' contract on this web.xml sample. */
class SampleAppTest extends SampleContract {
  private Server server;

  @Override
  protected URI start() throws Exception {
    server = Main.start(0);
    return URI.create("http://127.0.0.1:" + Main.port(server));
  }

  @Override
  protected void stop() throws Exception {
    server.stop();
  }
}
