package com.lockllm.micronaut;

import com.lockllm.error.ConfigurationException;
import com.lockllm.intercept.EndpointOverrides;
import com.lockllm.intercept.InboundRequest;
import com.lockllm.intercept.InterceptDecision;
import com.lockllm.intercept.LockLLMInterceptor;
import com.lockllm.scan.ScanResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.filter.ConditionalFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Micronaut 4 server filter that scans LLM prompts in request bodies before the controller sees
 * them: requests on {@code lockllm.protected-paths}, or to a {@link LockLLMProtected} endpoint.
 *
 * <p>A scanned request goes on with exactly the bytes that were scanned (or the redacted body under
 * PII {@code strip}), the {@code ScanResponse} under {@link ScanResult#ATTRIBUTE} (and as a
 * {@code ScanResponse} controller argument), and {@code X-LockLLM-*} response headers. A rejected
 * one is answered with the LockLLM error JSON and never reaches the controller.
 *
 * <p>The controller's answer then goes through the request's {@link com.lockllm.output.ResponseGuard}
 * (the route's output policy, masked data to restore, the canary): a streamed body ({@code
 * Publisher} of bytes, text or buffers, such as server-sent events) is checked chunk by chunk as
 * the client reads it, and cancelled upstream when a block ends it or the client goes away; a whole
 * body is checked, then written redacted or replaced by the guard's error (403 {@code
 * output_blocked}). Error statuses and other media types pass.
 *
 * <p>The body is read and the prompt extracted on the blocking executor, never on the event loop; a
 * body that stops arriving for {@code micronaut.server.read-idle-timeout} is answered 408
 * {@code request_timeout} and releases the thread;
 * the scan runs on the scanner's own executor (or its non-blocking I/O), bounded by {@code
 * scan-timeout}, and no thread waits for it. Requests this filter does not protect skip it without
 * a thread hop ({@link ConditionalFilter}).
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
@Requires(property = LockLLMConfiguration.ENABLED, notEquals = "false")
public final class LockLLMFilter implements ConditionalFilter, Ordered {
  /** Just after the security phase, so authentication rejects a request before it is scanned. */
  public static final int ORDER = ServerFilterPhase.SECURITY.after();
  private static final String ENDPOINT = LockLLMFilter.class.getName() + ".endpoint";

  private final LockLLMInterceptor interceptor;
  private final MessageBodyHandlerRegistry bodyReaders;
  private final AnswerGuard answers;
  /** How long a body may stop arriving before the request is answered 408: the server's read-idle-timeout. */
  private final Duration bodyIdleTimeout;
  /** One interceptor per annotated route, or none; routes are fixed at start-up, so this stays small. */
  private final Map<RouteInfo<?>, Optional<LockLLMInterceptor>> endpoints = new ConcurrentHashMap<>();

  LockLLMFilter(LockLLMInterceptor interceptor, MessageBodyHandlerRegistry bodyReaders,
      HttpServerConfiguration server, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.interceptor = interceptor;
    this.bodyReaders = bodyReaders;
    this.answers = new AnswerGuard(bodyReaders, blocking);
    this.bodyIdleTimeout = server.getReadIdleTimeout();
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public boolean isEnabled(HttpRequest<?> request) {
    LockLLMInterceptor.Endpoint endpoint = endpointFor(request);
    if (endpoint == null) {
      return false;
    }
    // resolved once: scan() reads it back rather than matching the path again
    request.setAttribute(ENDPOINT, endpoint);
    return true;
  }

  /**
   * Scans a protected request, then rejects it or lets it go on with the scanned (or redacted) body.
   * The body is read here, on the blocking executor; the scan runs where the scanner's {@code
   * scanAsync} puts it and no thread waits for it: the chain goes on when the verdict arrives, at
   * the latest after {@code scan-timeout}, when {@code fail-mode} decides.
   */
  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  public Publisher<MutableHttpResponse<?>> scan(
      HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> continuation) {
    LockLLMInterceptor.Endpoint endpoint = request.getAttribute(ENDPOINT, LockLLMInterceptor.Endpoint.class)
        .orElseGet(() -> endpointFor(request));
    if (endpoint == null) {
      return continuation.proceed();
    }
    CompletionStage<InterceptDecision> decision;
    try (InputStream body = new IdleTimeoutInputStream(bodyOf(request), bodyIdleTimeout)) {
      decision = endpoint.interceptAsync(inbound(request, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deferred(decision.thenCompose(d -> apply(d, request, continuation)));
  }

  /**
   * The answer: the rejection, or the controller's response with the scan's headers, put through
   * the request's answer guard ({@link AnswerGuard}) once it arrives.
   */
  private CompletionStage<Publisher<MutableHttpResponse<?>>> apply(InterceptDecision decision, HttpRequest<?> request,
      FilterContinuation<Publisher<MutableHttpResponse<?>>> continuation) {
    if (decision instanceof InterceptDecision.Reject reject) {
      return CompletableFuture.completedFuture(Publishers.just(new LockLLMRejection(reject)));
    }
    InterceptDecision.Proceed proceed = (InterceptDecision.Proceed) decision;
    if (proceed.scanResponse() != null) {
      request.setAttribute(ScanResult.ATTRIBUTE, proceed.scanResponse());
    }
    FilterContinuation<Publisher<MutableHttpResponse<?>>> next = continuation;
    if (proceed.bodyRewritten()) {
      // The original body still holds the unredacted bytes; a mutated request's body is what the
      // controller's @Body binds (route arguments are bound after the filters).
      MutableHttpRequest<?> rewritten = request.mutate().body(bodyFor(request, proceed.body()));
      rewritten.getHeaders().set(HttpHeaders.CONTENT_LENGTH, String.valueOf(proceed.body().length));
      next = continuation.request(rewritten);
    }
    return first(next.proceed())
        .thenCompose(response -> {
          proceed.responseHeaders().forEach(response.getHeaders()::set);
          return answers.apply(proceed.answer(), request, response);
        })
        .thenApply(Publishers::just);
  }

  /** The one response the chain emits. */
  private static <T> CompletionStage<T> first(Publisher<T> single) {
    CompletableFuture<T> first = new CompletableFuture<>();
    single.subscribe(new Subscriber<T>() {
      @Override
      public void onSubscribe(Subscription s) {
        s.request(1);
      }

      @Override
      public void onNext(T value) {
        first.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        first.completeExceptionally(new IllegalStateException("the filter chain ended without a response"));
      }
    });
    return first;
  }

  /**
   * The publisher {@code stage} completes with, subscribed to once it exists (Micronaut's core has
   * no flatMap). A subscriber gets {@code onSubscribe} from that publisher, or, when the stage fails,
   * an empty subscription and the error.
   */
  private static <T> Publisher<T> deferred(CompletionStage<Publisher<T>> stage) {
    return subscriber -> stage.whenComplete((publisher, failure) -> {
      if (failure == null) {
        publisher.subscribe(subscriber);
        return;
      }
      subscriber.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure);
    });
  }

  /**
   * This request's protected endpoint: its annotation's (which scans POST, PUT and PATCH), else the
   * path rules', or none.
   */
  private LockLLMInterceptor.Endpoint endpointFor(HttpRequest<?> request) {
    RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
    LockLLMInterceptor current = interceptor;
    if (route != null) {
      current = endpoints.computeIfAbsent(route, this::forAnnotation).orElse(interceptor);
    }
    return current.endpoint(request.getPath());
  }

  /** The route's own interceptor if it is annotated; a bad annotation value fails every request to it, naming it. */
  private Optional<LockLLMInterceptor> forAnnotation(RouteInfo<?> route) {
    AnnotationMetadata metadata = route.getAnnotationMetadata();
    AnnotationValue<LockLLMProtected> protect = metadata.getAnnotation(LockLLMProtected.class);
    if (protect == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(endpointInterceptor(protect));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid @LockLLMProtected on " + route + ": " + e.getMessage(), e);
    }
  }

  private LockLLMInterceptor endpointInterceptor(AnnotationValue<LockLLMProtected> protect) {
    return new EndpointOverrides(protect.stringValue("sensitivity").orElse(null),
        protect.stringValue("scanAction").orElse(null), null,
        protect.stringValue("piiAction").orElse(null), protect.stringValue("format").orElse(null),
        Arrays.asList(protect.stringValues("pointers"))).applyTo(interceptor);
  }

  /**
   * A rewritten body in the form the controller's {@code @Body} argument takes. A mutated request's
   * body reaches a binder by type conversion, which has no way from bytes to a POJO, so the bytes are
   * read here with the reader Micronaut itself would pick. Body-part arguments ({@code @Body("x")})
   * find no value in bytes and fail with 400: never with the unredacted body.
   */
  private Object bodyFor(HttpRequest<?> request, byte[] body) {
    Argument<?> type = RouteAttributes.getRouteInfo(request)
        .flatMap(RouteInfo::getRequestBodyType)
        .filter(argument -> argument.getAnnotationMetadata().hasAnnotation(Body.class)
            && argument.getAnnotationMetadata().stringValue(Body.class).isEmpty())
        .orElse(null);
    if (type == null || type.getType() == byte[].class) {
      return body;
    }
    return read(type, request, body);
  }

  private <T> Object read(Argument<T> type, HttpRequest<?> request, byte[] body) {
    MediaType mediaType = request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
    Optional<MessageBodyReader<T>> reader = bodyReaders.findReader(type, List.of(mediaType));
    return reader.isEmpty() ? body : reader.get().read(type, mediaType, request.getHeaders(), new ByteArrayInputStream(body));
  }

  /** The body as it arrives; a split, so the original stays readable for the controller. */
  private static InputStream bodyOf(HttpRequest<?> request) {
    if (request instanceof ServerHttpRequest<?> server) {
      return server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).toInputStream();
    }
    return new ByteArrayInputStream(request.getBody(byte[].class).orElse(new byte[0]));
  }

  private static InboundRequest inbound(HttpRequest<?> request, InputStream body) {
    InboundRequest.Builder builder = InboundRequest.builder(request.getMethodName(), request.getPath())
        .body(body, request.getContentLength())
        .unwrap(request);
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote != null && remote.getAddress() != null) {
      builder.remoteAddress(remote.getAddress().getHostAddress());
    }
    request.getUserPrincipal().ifPresent(p -> builder.principal(p.getName()));
    return builder.headers(request.getHeaders()::getAll).build();
  }
}
