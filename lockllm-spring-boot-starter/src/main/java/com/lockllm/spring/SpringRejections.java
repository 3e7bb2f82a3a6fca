package com.lockllm.spring;

import com.lockllm.intercept.InterceptDecision;
import com.lockllm.servlet.LockLLMFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * With {@code lockllm.spring.exceptions=true}: offers a rejection's {@code LockLLMException} to Spring
 * MVC's exception resolvers ({@code @ControllerAdvice}), and writes the LockLLM error JSON when none
 * handles it. Not API.
 */
final class SpringRejections implements LockLLMFilter.RejectionWriter {
  private final HandlerExceptionResolver resolver;

  SpringRejections(HandlerExceptionResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void reject(InterceptDecision.Reject reject, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (resolver.resolveException(request, response, null, reject.error()) == null) {
      LockLLMFilter.write(reject, request, response);
    }
  }
}
