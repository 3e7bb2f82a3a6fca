package com.lockllm.spring;

import com.lockllm.intercept.EndpointOverrides;
import com.lockllm.intercept.LockLLMInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Picks the interceptor of the {@link LockLLMProtected} handler method a request maps to, or null.
 * Runs in a servlet filter, before the {@code DispatcherServlet}, because only a filter can replace
 * the body the controller reads. Not API.
 */
final class AnnotatedEndpoints implements Function<HttpServletRequest, LockLLMInterceptor> {
  private final LockLLMInterceptor base;
  private final Set<String> methods;
  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private final Map<Method, Optional<LockLLMInterceptor>> byMethod = new ConcurrentHashMap<>();

  /**
   * {@code methods}: the HTTP methods that must carry a prompt ({@code lockllm.protected-methods});
   * a request of another method skips the lookup unless it has a body, which is scanned all the same.
   */
  AnnotatedEndpoints(LockLLMInterceptor base, Set<String> methods, ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.base = base;
    this.methods = methods;
    this.mappings = mappings;
  }

  @Override
  public LockLLMInterceptor apply(HttpServletRequest request) {
    if (!methods.contains(request.getMethod())
        && request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
      return null;
    }
    HandlerMethod handler = handlerOf(request);
    return handler == null
        ? null
        : byMethod.computeIfAbsent(handler.getMethod(), m -> Optional.ofNullable(forHandler(handler))).orElse(null);
  }

  private HandlerMethod handlerOf(HttpServletRequest request) {
    // The mappings match on the parsed path the DispatcherServlet normally caches; parse it here and
    // put back whatever was there, so the dispatcher starts from a clean request.
    Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    ServletRequestPathUtils.parseAndCache(request);
    try {
      for (RequestMappingHandlerMapping mapping : (Iterable<RequestMappingHandlerMapping>) mappings.orderedStream()::iterator) {
        HandlerExecutionChain chain = mapping.getHandler(request);
        if (chain != null && chain.getHandler() instanceof HandlerMethod method) {
          return method;
        }
      }
      return null;
    } catch (Exception e) {
      // No match (a 404, 405 or 415 to be): the dispatcher answers it; nothing to scan.
      return null;
    } finally {
      if (previous == null) {
        request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
      }
    }
  }

  private LockLLMInterceptor forHandler(HandlerMethod handler) {
    LockLLMProtected annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), LockLLMProtected.class);
    if (annotation == null) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), LockLLMProtected.class);
    }
    if (annotation == null) {
      return null;
    }
    return new EndpointOverrides(annotation.sensitivity(), annotation.scanAction(),
        annotation.policyAction(), annotation.piiAction(), annotation.format(),
        List.of(annotation.pointers())).applyTo(base);
  }
}
