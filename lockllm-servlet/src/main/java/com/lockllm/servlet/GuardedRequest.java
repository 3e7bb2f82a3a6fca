package com.lockllm.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request of a guarded answer, so that an asynchronous answer stays guarded: {@link
 * #startAsync()} would hand the application the container's own response, which the guard does not
 * see, so it starts with the guarded one; and the context's {@link AsyncContext#complete()} ends
 * the answer first, while it can still be written. Not API.
 */
final class GuardedRequest extends HttpServletRequestWrapper {
  private static final Logger log = LoggerFactory.getLogger(GuardedRequest.class);

  private final GuardedResponse response;
  private Async async;

  GuardedRequest(HttpServletRequest request, GuardedResponse response) {
    super(request);
    this.response = response;
  }

  @Override
  public AsyncContext startAsync() {
    return startAsync(this, response);
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    async = new Async(super.startAsync(request, response));
    return async;
  }

  @Override
  public AsyncContext getAsyncContext() {
    AsyncContext context = super.getAsyncContext();
    return async != null && async.context == context ? async : context;
  }

  /** The container's context, ending the guarded answer before it completes. */
  private final class Async implements AsyncContext {
    private final AsyncContext context;

    Async(AsyncContext context) {
      this.context = context;
    }

    @Override
    public void complete() {
      try {
        response.finish();
      } catch (IOException | RuntimeException e) {
        log.debug("could not end an asynchronous answer: {}", e.getClass().getSimpleName());
      }
      context.complete();
    }

    @Override
    public ServletRequest getRequest() {
      return context.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
      return context.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
      return context.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
      context.dispatch();
    }

    @Override
    public void dispatch(String path) {
      context.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext servletContext, String path) {
      context.dispatch(servletContext, path);
    }

    @Override
    public void start(Runnable run) {
      context.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
      context.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
      context.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
      return context.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
      context.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
      return context.getTimeout();
    }
  }
}
