package com.lockllm.error;

/** The library is set up wrongly (400): a missing API key, an unknown option value, no scanner. */
public final class ConfigurationException extends LockLLMException {
  public static final String TYPE = "configuration_error";
  public static final String CODE = "invalid_config";

  public ConfigurationException(String message) {
    super(message, TYPE, CODE, 400, null, null, true);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, TYPE, CODE, 400, null, cause, true);
  }
}
