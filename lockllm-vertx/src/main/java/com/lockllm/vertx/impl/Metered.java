package com.lockllm.vertx.impl;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.micrometer.LockLLMMetrics;
import io.micrometer.core.instrument.Metrics;

/**
 * The interceptor of {@code LockLLMHandler.create(vertx, settings)}, with lockllm-micrometer's
 * meters when the application has them. Nothing here loads a Micrometer class unless micrometer-core
 * and lockllm-micrometer are both on the class path. Not API.
 */
public final class Metered {
  private static final boolean MICROMETER = present("io.micrometer.core.instrument.Metrics")
      && present("com.lockllm.micrometer.LockLLMMetrics");

  private Metered() {}

  /** The interceptor of {@code settings}, metered into Micrometer's global registry when Micrometer is there. */
  public static LockLLMInterceptor interceptor(LockLLMSettings settings) {
    return MICROMETER ? interceptor(settings, Global.METRICS) : settings.assembly().build();
  }

  /** The interceptor of {@code settings}: its scanner timed, its decisions counted, its API client watched. */
  public static LockLLMInterceptor interceptor(LockLLMSettings settings, LockLLMMetrics metrics) {
    return settings.assembly().listener(metrics).wrap(metrics::instrument).decisions(metrics).build();
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Metered.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * One set of meters on {@link Metrics#globalRegistry}, shared by every handler built from
   * settings: a second set on the same registry would find the circuit-state gauges taken.
   */
  private static final class Global {
    static final LockLLMMetrics METRICS = LockLLMMetrics.create(Metrics.globalRegistry);
  }
}
