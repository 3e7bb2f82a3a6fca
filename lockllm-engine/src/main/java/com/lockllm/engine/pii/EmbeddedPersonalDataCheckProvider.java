package com.lockllm.engine.pii;

import com.lockllm.output.OutputCheck;
import com.lockllm.output.PersonalDataCheckProvider;

/** Makes {@link PersonalDataCheck} the check of personal data in answers that the core finds through {@link java.util.ServiceLoader}. */
public final class EmbeddedPersonalDataCheckProvider implements PersonalDataCheckProvider {
  @Override
  public OutputCheck personalDataCheck() {
    return PersonalDataCheck.create();
  }
}
