package com.lockllm.micronaut;

import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller's {@link ScanResponse} argument to the scan {@link LockLLMFilter} attached.
 * Postponed, because Micronaut binds ordinary arguments before the filters run. Declare the
 * argument {@code @Nullable} where a request may go unscanned (fail-open, no prompt text). Not API.
 */
@Singleton
final class ScanResponseBinder
    implements TypedRequestArgumentBinder<ScanResponse>, PostponedRequestArgumentBinder<ScanResponse> {
  private static final Argument<ScanResponse> TYPE = Argument.of(ScanResponse.class);

  @Override
  public Argument<ScanResponse> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<ScanResponse> bind(ArgumentConversionContext<ScanResponse> context, HttpRequest<?> source) {
    Optional<ScanResponse> scan = source.getAttribute(ScanResult.ATTRIBUTE, ScanResponse.class);
    return () -> scan;
  }
}
