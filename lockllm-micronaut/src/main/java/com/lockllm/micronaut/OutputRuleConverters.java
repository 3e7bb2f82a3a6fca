package com.lockllm.micronaut;

import com.lockllm.config.LockLLMSettings.OutputRule;
import com.lockllm.config.LockLLMSettings.PersonalDataRule;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import java.util.Optional;

/**
 * Reads YAML's {@code off}, which the YAML loader hands over as {@code false}, as the answer-side
 * action {@code off} ({@code lockllm.output.secrets: off}), as Spring Boot does; {@code true} stays
 * an error.
 */
public final class OutputRuleConverters implements TypeConverterRegistrar {
  @Override
  public void register(MutableConversionService conversionService) {
    conversionService.addConverter(Boolean.class, OutputRule.class,
        (Boolean value, Class<OutputRule> type, ConversionContext context) ->
            Boolean.FALSE.equals(value) ? Optional.of(OutputRule.OFF) : Optional.empty());
    conversionService.addConverter(Boolean.class, PersonalDataRule.class,
        (Boolean value, Class<PersonalDataRule> type, ConversionContext context) ->
            Boolean.FALSE.equals(value) ? Optional.of(PersonalDataRule.OFF) : Optional.empty());
  }
}
