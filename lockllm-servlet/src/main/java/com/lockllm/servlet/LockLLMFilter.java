package com.lockllm.servlet;

import com.lockllm.config.LockLLMSettings;
import com.lockllm.error.ErrorResponse;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.ScanResult;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet 6 filter that scans LLM prompts in request bodies before the application sees
 * them.
 *
 * <p>Programmatically: {@code servletContext.addFilter("lockllm", LockLLMFilter.create(interceptor))}.
 * From {@code web.xml}: declare this class; its init-params take the {@code lockllm.*} option names
 * of {@link LockLLMSettings} (with or without the prefix), e.g. {@code scan-action=block}.
 *
 * <p>A scanned request goes on with exactly the bytes that were scanned (or the redacted body
 * under PII {@code strip}), a matching {@code Content-Length}, the {@code ScanResponse} under
 * {@link ScanResult#ATTRIBUTE} and {@code X-LockLLM-*} response headers. A rejected one is answered
 * with the LockLLM error JSON and never reaches the chain.
 *
 * <p>When the route checks answers (an output policy, a canary, masked personal data), the chain
 * writes to a response that passes the answer through a {@link com.lockllm.output.ResponseGuard}:
 * streamed answers are released as checked, buffered ones are written, redacted or replaced by the
 * guard's error, once the chain returns. An asynchronous answer ends when the application
 * completes it, when its async dispatch returns (map the filter for {@link DispatcherType#ASYNC}
 * too), or at the latest on the container's completion.
 */
public final class LockLLMFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(LockLLMFilter.class);
  /** Marks a request this filter already handled, so a forward or a second mapping does not scan twice. */
  static final String FILTERED = LockLLMFilter.class.getName() + ".FILTERED";
  /**
   * A rejection the container kept this filter from writing (it had already answered with an error
   * of its own); written by the container's {@code ERROR} dispatch when this filter is mapped for it.
   */
  static final String PENDING_REJECTION = LockLLMFilter.class.getName() + ".PENDING_REJECTION";
  /** The guarded response of an asynchronous answer, finished when its async dispatch returns. */
  static final String GUARDED = LockLLMFilter.class.getName() + ".GUARDED";

  private volatile Function<HttpServletRequest, LockLLMInterceptor> interceptors;
  private final RejectionWriter rejections;

  /** For {@code web.xml}: the filter configures itself from its init-params in {@link #init}. */
  public LockLLMFilter() {
    this.rejections = LockLLMFilter::write;
  }

  private LockLLMFilter(Function<HttpServletRequest, LockLLMInterceptor> interceptors, RejectionWriter rejections) {
    this.interceptors = interceptors;
    this.rejections = rejections;
  }

  /** A filter deciding with {@code interceptor}. */
  public static LockLLMFilter create(LockLLMInterceptor interceptor) {
    if (interceptor == null) {
      throw new NullPointerException("interceptor");
    }
    return new LockLLMFilter(request -> interceptor, LockLLMFilter::write);
  }

  /**
   * A filter for frameworks that pick the interceptor per request (an annotated endpoint's, say):
   * {@code interceptors} returns the one for a request, or null to let it through unscanned, and
   * {@code rejections} answers a rejected request. Metrics listen on the interceptor ({@code
   * LockLLMInterceptor.Builder#listener}).
   */
  public static LockLLMFilter create(Function<HttpServletRequest, LockLLMInterceptor> interceptors,
      RejectionWriter rejections) {
    if (interceptors == null) {
      throw new NullPointerException("interceptors");
    }
    if (rejections == null) {
      throw new NullPointerException("rejections");
    }
    return new LockLLMFilter(interceptors, rejections);
  }

  /** Answers a rejected request; {@link #write} is the default. */
  @FunctionalInterface
  public interface RejectionWriter {
    void reject(InterceptDecision.Reject reject, HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (interceptors != null) {
      return;
    }
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      params.put(name, config.getInitParameter(name));
    }
    LockLLMSettings settings = LockLLMSettings.fromMap(params);
    if (settings.enabled()) {
      LockLLMInterceptor interceptor = settings.assembly().build();
      interceptors = request -> interceptor;
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Function<HttpServletRequest, LockLLMInterceptor> selector = interceptors;
    if (selector == null
        || !(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    if (request.getDispatcherType() == DispatcherType.ERROR) {
      // never scanned (the body is spent): only a rejection the container kept us from writing
      if (request.getAttribute(PENDING_REJECTION) instanceof InterceptDecision.Reject pending) {
        request.removeAttribute(PENDING_REJECTION);
        write(pending, request, response);
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    if (request.getDispatcherType() == DispatcherType.ASYNC) {
      // never scanned (the body is spent): only an asynchronous answer to end once the dispatch returns
      chain.doFilter(req, res);
      if (request.getAttribute(GUARDED) instanceof GuardedResponse guarded && !request.isAsyncStarted()) {
        guarded.finish();
      }
      return;
    }
    if (request.getAttribute(FILTERED) != null) {
      chain.doFilter(req, res);
      return;
    }
    LockLLMInterceptor current = selector.apply(request);
    String path = pathOf(request);
    LockLLMInterceptor.Endpoint endpoint = current == null ? null : current.endpoint(path);
    if (endpoint == null) {
      chain.doFilter(request, response);
      return;
    }
    // Marked only once scanned, so a second filter (a per-endpoint one) can still pick the request up.
    request.setAttribute(FILTERED, Boolean.TRUE);
    InterceptDecision decision = endpoint.intercept(inbound(request, path));
    if (decision instanceof InterceptDecision.Reject reject) {
      rejections.reject(reject, request, response);
      return;
    }
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) decision;
    proceed.responseHeaders().forEach(response::setHeader);
    if (proceed.scanResponse() != null) {
      request.setAttribute(ScanResult.ATTRIBUTE, proceed.scanResponse());
    }
    HttpServletRequest next = proceed.bodyRead() ? new ReplayedRequest(request, proceed.body()) : request;
    if (!GuardedResponse.guarded(proceed.answer())) {
      chain.doFilter(next, response);
      return;
    }
    GuardedResponse guarded = new GuardedResponse(response, proceed.answer(), proceed.responseHeaders());
    answer(new GuardedRequest(next, guarded), guarded, chain);
  }

  /**
   * Runs the chain on the guarded response and ends the answer when it returns, or when an
   * asynchronous one completes. The application's failure to write after the guard ended the
   * answer is the guard's doing, not an error.
   */
  private static void answer(HttpServletRequest request, GuardedResponse guarded, FilterChain chain)
      throws IOException, ServletException {
    boolean async = false;
    try {
      try {
        chain.doFilter(request, guarded);
      } catch (IOException | ServletException | RuntimeException e) {
        if (!guarded.ended() || !endedByGuard(e)) {
          throw e;
        }
        log.debug("the application stopped writing an answer its output check ended");
      }
      async = request.isAsyncStarted();
      if (async) {
        request.setAttribute(GUARDED, guarded);
        request.getAsyncContext().addListener(new AsyncEnd(guarded));
      } else {
        guarded.finish();
      }
    } finally {
      if (!async) {
        guarded.close();
      }
    }
  }

  private static boolean endedByGuard(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof GuardedResponse.AnswerEnded) {
        return true;
      }
    }
    return false;
  }

  /** Ends an asynchronous answer: written at the latest on completion, closed however it ends. */
  private static final class AsyncEnd implements AsyncListener {
    private final GuardedResponse guarded;

    AsyncEnd(GuardedResponse guarded) {
      this.guarded = guarded;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      try {
        guarded.finish();
      } catch (IOException | RuntimeException e) {
        log.debug("could not end an asynchronous answer on completion: {}", e.getClass().getSimpleName());
      } finally {
        guarded.close();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      guarded.close();
    }

    @Override
    public void onError(AsyncEvent event) {
      guarded.close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  /** The path inside the web application, as the container decoded and normalised it. */
  private static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  private static InboundRequest inbound(HttpServletRequest request, String path) throws IOException {
    InboundRequest.Builder builder = InboundRequest.builder(request.getMethod(), path)
        .body(request.getInputStream(), request.getContentLengthLong())
        .remoteAddress(request.getRemoteAddr())
        .headers(name -> Collections.list(request.getHeaders(name)))
        .unwrap(request);
    if (request.getUserPrincipal() != null) {
      builder.principal(request.getUserPrincipal().getName());
    }
    return builder.build();
  }

  /**
   * Writes the LockLLM error response as-is: the default {@link RejectionWriter}. When the container
   * has already committed an error of its own (Tomcat answers 408 itself when its read timeout
   * expires while the body is read), the rejection waits for the container's {@code ERROR}
   * dispatch instead, which writes it when this filter is mapped for that dispatcher type (the
   * Spring Boot starter maps it so).
   */
  public static void write(InterceptDecision.Reject reject, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (response.isCommitted()) {
      request.setAttribute(PENDING_REJECTION, reject);
      return;
    }
    ErrorResponse error = reject.response();
    response.resetBuffer();
    response.setStatus(error.status());
    error.headers().forEach(response::setHeader);
    response.setContentLength(error.body().length);
    response.getOutputStream().write(error.body());
    response.flushBuffer();
  }
}
