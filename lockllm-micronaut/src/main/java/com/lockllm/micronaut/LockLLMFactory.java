package com.lockllm.micronaut;

import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.Scanner;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The {@link Scanner} and {@link LockLLMInterceptor} beans, each replaced by a user bean of the same
 * type. Without a user scanner, {@code lockllm.scanner} and {@code LOCKLLM_API_KEY} choose between
 * the remote API and the embedded engine. Not API.
 */
@Factory
@Requires(property = LockLLMConfiguration.ENABLED, notEquals = "false")
final class LockLLMFactory {
  @Singleton
  @Requires(missingBeans = Scanner.class)
  Scanner lockLLMScanner(LockLLMConfiguration configuration) {
    return configuration.toSettings().scanner(null, System.getenv());
  }

  @Singleton
  @Requires(missingBeans = LockLLMInterceptor.class)
  LockLLMInterceptor lockLLMInterceptor(LockLLMConfiguration configuration, Scanner scanner) {
    return configuration.toSettings().interceptor(scanner);
  }
}
