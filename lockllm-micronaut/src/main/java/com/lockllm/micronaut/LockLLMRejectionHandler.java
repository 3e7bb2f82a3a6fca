package com.lockllm.micronaut;

import com.lockllm.error.ErrorResponse;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a {@link LockLLMRejection} with the LockLLM error JSON (the LockLLM API's status, type and
 * code, which LockLLM SDK clients parse). Replace it with your own bean ({@code
 * @Replaces(LockLLMRejectionHandler.class)}) to answer rejections another way.
 */
@Singleton
@Produces
@Requires(property = LockLLMConfiguration.ENABLED, notEquals = "false")
public class LockLLMRejectionHandler implements ExceptionHandler<LockLLMRejection, HttpResponse<?>> {
  @Override
  public HttpResponse<?> handle(HttpRequest request, LockLLMRejection rejection) {
    ErrorResponse error = rejection.response();
    MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(error.status()))
        .body(error.body());
    error.headers().forEach(response.getHeaders()::set);
    return response;
  }
}
