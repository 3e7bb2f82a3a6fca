package com.lockllm.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.scan.Scanner;
import com.lockllm.testing.IsolatedClassPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * With micronaut-micrometer-core, the {@code lockllm.*} meters land in the application's {@link
 * MeterRegistry}: each decision over real HTTP counted by outcome and category, each scan timed and
 * observed in the application's {@link ObservationRegistry}, and the remote scanner's API calls and
 * circuit breaker watched; without Micrometer on the class path, the application starts and scans
 * as before.
 */
@MicronautTest
@Property(name = "spec.name", value = "MetricsTest")
@Property(name = "lockllm.protected-paths", value = "/chat")
@Property(name = "lockllm.scan-action", value = "block")
class MetricsTest {
  @Inject
  EmbeddedServer server;

  @Inject
  MeterRegistry meters;

  @Inject
  ApplicationContext context;

  @Test
  void everyDecisionIsCountedInTheApplicationsRegistry() throws Exception {
    assertThat(Http.post(server, "/chat", Http.ATTACK).statusCode()).isEqualTo(400);
    assertThat(Http.post(server, "/chat", Http.BENIGN).statusCode()).isEqualTo(200);

    assertThat(meters.get("lockllm.scans").tag("outcome", "blocked").counter().count()).isEqualTo(1);
    assertThat(meters.get("lockllm.scans").tag("outcome", "allowed").counter().count()).isEqualTo(1);
    assertThat(meters.get("lockllm.scan.duration").timer().count()).isEqualTo(2);
    assertThat(meters.get("lockllm.scan.categories").tag("category", "prompt_injection").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("lockllm.body.read.duration").timer().count()).isEqualTo(2);
    assertThat(context.getBean(Observed.class).names).containsExactly("lockllm.scan", "lockllm.scan");
  }

  @Test
  void theInterceptorScansWithTheInstrumentedScanner() {
    assertThat(context.containsBean(LockLLMMetrics.class)).isTrue();
    assertThat(context.getBean(LockLLMInterceptor.class).scanner()).isNotSameAs(context.getBean(Scanner.class));
  }

  @Test
  void theRemoteClientsCallsAndCircuitAreMetered() throws Exception {
    int refused;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = socket.getLocalPort();
    }
    try (EmbeddedServer remote = ApplicationContext.run(EmbeddedServer.class, Map.of("spec.name", "MetricsTest",
        "lockllm.protected-paths", "/chat", "lockllm.scanner", "remote", "lockllm.api-key", "sk-metrics-test-0123456789",
        "lockllm.base-url", "http://127.0.0.1:" + refused, "lockllm.max-retries", "0",
        "lockllm.circuit-breaker-failures", "1", "lockllm.circuit-breaker-open-for", "1h"))) {
      assertThat(Http.post(remote, "/chat", Http.BENIGN).statusCode()).as("fail-mode closed").isEqualTo(503);
      MeterRegistry registry = remote.getApplicationContext().getBean(MeterRegistry.class);
      assertThat(registry.get("lockllm.client.calls").tag("outcome", "network_error").timer().count()).isEqualTo(1);
      assertThat(registry.get("lockllm.client.circuit.state").tag("state", "open").gauge().value()).isEqualTo(1);
      assertThat(registry.get("lockllm.scans").tag("outcome", "error").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void withoutMicrometerOnTheClassPathNothingChanges() throws Exception {
    try (URLClassLoader loader = IsolatedClassPath.without("micrometer")) {
      assertThatThrownBy(() -> loader.loadClass(MeterRegistry.class.getName()))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass(LockLLMMetrics.class.getName()))
          .isInstanceOf(ClassNotFoundException.class);
      assertThat(IsolatedClassPath.call(loader, WithoutMicrometer.class)).containsExactly(400, 200);
    }
  }



  /** The names of the observations stopped in the application's {@link ObservationRegistry}. */
  static final class Observed implements ObservationHandler<Observation.Context> {
    final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public void onStop(Observation.Context context) {
      names.add(context.getName());
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }

  @Requires(property = "spec.name", value = "MetricsTest")
  @Factory
  static class Observations {
    @Singleton
    Observed observed() {
      return new Observed();
    }

    @Singleton
    ObservationRegistry observationRegistry(Observed observed) {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(observed);
      return registry;
    }
  }

  @Requires(property = "spec.name", value = "MetricsTest")
  @Controller
  static class ChatController {
    @Post(uri = "/chat", produces = MediaType.TEXT_PLAIN)
    String chat(@Body String body) {
      return "ok";
    }
  }
}
