package com.lockllm.micronaut;

import com.lockllm.micrometer.LockLLMMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The {@code lockllm.*} meters and an observation per scan (lockllm-micrometer's {@link
 * LockLLMMetrics}), when Micrometer and lockllm-micrometer are on the class path and the
 * application has a {@link MeterRegistry} bean (micronaut-micrometer-core's); its {@link
 * ObservationRegistry} bean, when there is one (micronaut-micrometer-observation), receives the
 * observations. A {@code LockLLMMetrics} bean of the application's replaces the default one.
 * Without Micrometer, nothing here is loaded. Not API.
 */
@Factory
@Requires(property = LockLLMConfiguration.ENABLED, notEquals = "false")
@Requires(classes = {MeterRegistry.class, LockLLMMetrics.class}, beans = MeterRegistry.class)
final class LockLLMMetricsFactory {
  @Singleton
  @Requires(missingBeans = LockLLMMetrics.class)
  LockLLMMetrics lockLLMMetrics(MeterRegistry registry, Optional<ObservationRegistry> observations) {
    return LockLLMMetrics.builder(registry).observations(observations.orElse(ObservationRegistry.NOOP)).build();
  }

  @Singleton
  Instrumentation lockLLMInstrumentation(LockLLMMetrics metrics) {
    return new Instrumentation(metrics, metrics::instrument, metrics);
  }
}
