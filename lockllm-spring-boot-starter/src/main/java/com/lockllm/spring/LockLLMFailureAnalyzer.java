package com.lockllm.spring;

import com.lockllm.error.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigurationException} at start-up (a value the core refuses, such as {@code
 * lockllm.compression-rate=0.9}) into Spring Boot's failure report: the message names the option
 * and what it allows. Values the binder refuses (an unknown enum name) are Spring Boot's own
 * {@code BindFailureAnalyzer}'s, which lists the valid values.
 */
class LockLLMFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the lockllm.* property named above (the options and their values are listed in the "
            + "lockllm-core README, \"Options\"), or remove it to keep the default.", cause);
  }
}
