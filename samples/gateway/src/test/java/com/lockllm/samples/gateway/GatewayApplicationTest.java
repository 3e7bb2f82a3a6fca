package com.lockllm.samples.gateway;

import com.lockllm.testing.SampleContract;
import java.net.URI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The samples' contract on the gateway, started as its {@code main} does, on a random port. */
class GatewayApplicationTest extends SampleContract {
  private ConfigurableApplicationContext context;

  @Override
  protected URI start() {
    context = SpringApplication.run(GatewayApplication.class, "--server.port=0", "--server.address=127.0.0.1");
    return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  @Override
  protected void stop() {
    context.close();
  }
}
