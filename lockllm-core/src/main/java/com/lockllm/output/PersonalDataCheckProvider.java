package com.lockllm.output;

import com.lockllm.error.ConfigurationException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Supplies the {@link OutputCheck} that finds personal data in answers, through {@link
 * ServiceLoader}: the detector lives in lockllm-engine, which the core does not depend on, so having
 * that module on the class path is what turns answer-side personal-data checking on.
 */
public interface PersonalDataCheckProvider {
  /** The check, ready to use and shared (checks are thread-safe). */
  OutputCheck personalDataCheck();

  /**
   * The check of the first provider on the class path (the thread's context class loader first,
   * then this library's). Ask only when personal data in answers is to be checked.
   *
   * @throws ConfigurationException when no provider is on the class path, or one fails to load
   */
  static OutputCheck load() {
    try {
      Iterator<PersonalDataCheckProvider> providers = ServiceLoader.load(PersonalDataCheckProvider.class).iterator();
      if (!providers.hasNext()) {
        providers = ServiceLoader.load(PersonalDataCheckProvider.class, PersonalDataCheckProvider.class.getClassLoader()).iterator();
      }
      if (providers.hasNext()) {
        return providers.next().personalDataCheck();
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException("Could not load a " + PersonalDataCheckProvider.class.getName() + ": " + e.getMessage(), e);
    }
    throw new ConfigurationException("Personal data in answers is to be checked, but no " + PersonalDataCheckProvider.class.getName()
        + " is on the class path: add the dependency com.lockllm:lockllm-engine");
  }
}
