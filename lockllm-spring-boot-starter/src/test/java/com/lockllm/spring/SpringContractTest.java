package com.lockllm.spring;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.output.OutputPolicy;
import com.lockllm.scan.Scanner;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.ContractServer;
import com.lockllm.testing.HostileInputContract;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** The shared adapter contract on Spring Boot's embedded Tomcat, configured through properties. */
class SpringContractTest extends AdapterContract {
  @Override
  protected ContractServer start(ContractFixture fixture) {
    return serve(fixture);
  }

  /**
   * {@link EchoApp} with the fixture's settings as properties; a fixture with an answer side gets
   * an interceptor bean of the settings bean with that side added (no property carries it yet).
   */
  static ContractServer serve(ContractFixture fixture) {
    Map<String, Object> properties = new HashMap<>(fixture.prefixedSettings());
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    // a stalled body is answered (408) once Tomcat's read timeout expires
    properties.put("server.tomcat.connection-timeout", HostileInputContract.READ_TIMEOUT.toMillis() + "ms");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApp.class)
        .properties(properties)
        .initializers(ctx -> {
          GenericApplicationContext generic = (GenericApplicationContext) ctx;
          generic.registerBean(Scanner.class, fixture::scanner);
          if (!fixture.output().equals(OutputPolicy.disabled()) || fixture.canary().enabled()) {
            generic.registerBean(LockLLMInterceptor.class, () -> fixture.answerSide(
                generic.getBean(LockLLMSettings.class).interceptorBuilder(generic.getBean(Scanner.class), null)).build());
          }
        })
        .run();
    URI base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    return ContractServer.of(base, context::close);
  }
}
