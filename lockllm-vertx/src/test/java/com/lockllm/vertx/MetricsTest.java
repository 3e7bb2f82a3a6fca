package com.lockllm.vertx;

import static com.lockllm.vertx.LockLLMHandlerTest.ATTACK;
import static com.lockllm.vertx.LockLLMHandlerTest.BENIGN;
import static com.lockllm.vertx.LockLLMHandlerTest.ok;
import static com.lockllm.vertx.LockLLMHandlerTest.post;
import static com.lockllm.vertx.LockLLMHandlerTest.send;
import static com.lockllm.vertx.LockLLMHandlerTest.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.micrometer.LockLLMMetrics;
import com.lockllm.testing.AdapterContract;
import com.lockllm.testing.ContractFixture;
import com.lockllm.testing.IsolatedClassPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code lockllm.*} meters of handlers built from settings, over real HTTP: in the registry
 * given, else in Micrometer's global registry, and no failure without Micrometer at all.
 */
@ExtendWith(VertxExtension.class)
class MetricsTest {
  static LockLLMSettings settings() {
    return LockLLMSettings.fromMap(ContractFixture.baseSettings());
  }

  @Test
  void everyDecisionIsCountedInTheRegistryGiven(Vertx vertx) throws Exception {
    MeterRegistry meters = new SimpleMeterRegistry();
    URI base = serve(vertx, LockLLMHandler.create(vertx, settings(), LockLLMMetrics.create(meters)), ok());

    assertThat(send(post(base, AdapterContract.PROTECTED_PATH, ATTACK)).statusCode()).isEqualTo(400);
    assertThat(send(post(base, AdapterContract.PROTECTED_PATH, BENIGN)).statusCode()).isEqualTo(200);

    assertThat(meters.get("lockllm.scans").tag("outcome", "blocked").counter().count()).isEqualTo(1);
    assertThat(meters.get("lockllm.scans").tag("outcome", "allowed").counter().count()).isEqualTo(1);
    assertThat(meters.get("lockllm.scan.duration").timer().count()).isEqualTo(2);
    assertThat(meters.get("lockllm.scan.categories").tag("category", "prompt_injection").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("lockllm.body.read.duration").timer().count()).isEqualTo(2);
  }

  @Test
  void withoutARegistryGivenTheMetersGoToMicrometersGlobalRegistry(Vertx vertx) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    try {
      URI base = serve(vertx, LockLLMHandler.create(vertx, settings()), ok());
      assertThat(send(post(base, AdapterContract.PROTECTED_PATH, ATTACK)).statusCode()).isEqualTo(400);

      assertThat(meters.get("lockllm.scans").tag("outcome", "blocked").counter().count()).isEqualTo(1);
      assertThat(meters.get("lockllm.scan.duration").timer().count()).isEqualTo(1);
    } finally {
      Metrics.removeRegistry(meters);
    }
  }

  @Test
  void withoutMicrometerOnTheClassPathTheSettingsHandlerScansAsBefore() throws Exception {
    try (URLClassLoader loader = IsolatedClassPath.without("micrometer")) {
      assertThatThrownBy(() -> loader.loadClass(MeterRegistry.class.getName()))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass(LockLLMMetrics.class.getName()))
          .isInstanceOf(ClassNotFoundException.class);
      assertThat(IsolatedClassPath.call(loader, WithoutMicrometer.class)).containsExactly(400, 200);
    }
  }

}
