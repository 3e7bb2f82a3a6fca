package com.lockllm.spring;

import com.lockllm.scan.ScanResponse;
import com.lockllm.scan.ScanResult;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link ScanResponse} controller parameter: the request's scan, or null if none. Not API. */
final class ScanResponseArgumentResolver implements HandlerMethodArgumentResolver {
  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return ScanResponse.class.equals(parameter.getParameterType());
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) {
    return request.getAttribute(ScanResult.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
  }
}
