package com.lockllm.micronaut;

import com.lockllm.abuse.CounterStore;
import com.lockllm.cache.ScanCache;
import com.lockllm.config.LockLLMSettings;
import com.lockllm.intercept.HeaderTrust;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.remote.ClientListener;
import com.lockllm.scan.Scanner;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The {@link LockLLMSettings}, {@link Scanner} and {@link LockLLMInterceptor} beans, each replaced
 * by a user bean of the same type. Without a user scanner, {@code lockllm.scanner} and {@code LOCKLLM_API_KEY} choose between
 * the remote API and the embedded engine. A {@link ScanCache} or {@link CounterStore} bean (from
 * lockllm-redis, say) replaces the in-memory scan cache and abuse counters. With Micrometer, the
 * meters of {@link LockLLMMetricsFactory} time the scanner, count the decisions and watch the API
 * client. Not API.
 */
@Factory
@Requires(property = LockLLMConfiguration.ENABLED, notEquals = "false")
final class LockLLMFactory {
  /** The properties, then every {@link LockLLMCustomizer} in order. */
  @Singleton
  @Requires(missingBeans = LockLLMSettings.class)
  LockLLMSettings lockLLMSettings(LockLLMConfiguration configuration, List<LockLLMCustomizer> customizers) {
    LockLLMSettings.Builder settings = configuration.toSettings();
    customizers.forEach(c -> c.customize(settings));
    return settings.build();
  }

  @Singleton
  @Requires(missingBeans = Scanner.class)
  Scanner lockLLMScanner(LockLLMSettings settings, Optional<Instrumentation> instrumentation) {
    return settings.assembly().listener(instrumentation.map(Instrumentation::client).orElse(ClientListener.NONE))
        .scanner();
  }

  @Singleton
  @Requires(missingBeans = LockLLMInterceptor.class)
  LockLLMInterceptor lockLLMInterceptor(LockLLMSettings settings, Scanner scanner,
      Optional<ScanCache> cache, Optional<CounterStore> counters, Optional<HeaderTrust> trust,
      Optional<Instrumentation> instrumentation) {
    LockLLMSettings.Assembly assembly = settings.assembly()
        .scanner(scanner)
        .cache(cache.orElse(null))
        .counters(counters.orElse(null))
        .headerTrust(trust.orElse(HeaderTrust.NONE));
    instrumentation.ifPresent(i -> assembly.wrap(i.scanner()).decisions(i.decisions()));
    return assembly.build();
  }
}
