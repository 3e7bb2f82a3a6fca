package com.lockllm.micronaut;

import com.lockllm.error.ErrorResponse;
import com.lockllm.output.AnswerContext;
import com.lockllm.output.ResponseGuard;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.simple.SimpleHttpHeaders;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The answer side of {@link LockLLMFilter}: puts the controller's response through a {@link
 * ResponseGuard}. A body the controller streams (a {@code Publisher} of {@code byte[]}, text or
 * buffers, such as server-sent events) is checked chunk by chunk as the client reads it ({@link
 * GuardedBody}); a whole body (bytes, text, or an object the server would encode) is encoded here,
 * checked, and written redacted or replaced by the guard's rejection. A publisher of a JSON answer
 * is collected first, as the guard must hold it whole anyway. Not API.
 */
final class AnswerGuard {
  private final MessageBodyHandlerRegistry writers;
  /** where an object whose writer blocks (an {@code InputStream}, a file) is encoded: never the event loop */
  private final Executor blocking;

  AnswerGuard(MessageBodyHandlerRegistry writers, Executor blocking) {
    this.writers = writers;
    this.blocking = blocking;
  }

  /** The response to send for {@code response}, an answer to a request decided with {@code context}. */
  CompletionStage<MutableHttpResponse<?>> apply(AnswerContext context, HttpRequest<?> request, MutableHttpResponse<?> response) {
    MediaType type = response.getContentType().orElseGet(() -> defaultType(request));
    ResponseGuard guard = ResponseGuard.open(context, response.code(), type.toString(),
        response.getHeaders().get(HttpHeaders.CONTENT_ENCODING));
    switch (guard.mode()) {
      case PASS -> {
        guard.headers().forEach(response.getHeaders()::set);
        guard.close();
        return CompletableFuture.completedFuture(response);
      }
      case REJECT -> {
        guard.close();
        discard(response.body());
        return CompletableFuture.completedFuture(rejected(response, guard.rejection()));
      }
      default -> {
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        Object body = response.body();
        if (body instanceof Publisher<?> chunks && guard.mode() == ResponseGuard.Mode.STREAM) {
          // closed by the body when it ends, fails or the client goes away
          guard.headers().forEach(response.getHeaders()::set);
          ((MutableHttpResponse<Object>) response).body(new GuardedBody(chunks, guard, chunk -> encode(chunk, type)));
          return CompletableFuture.completedFuture(response);
        }
        CompletionStage<MutableHttpResponse<?>> checked;
        try {
          checked = whole(guard, type, response, body);
        } catch (RuntimeException e) {
          guard.close();
          throw e;
        }
        return checked.whenComplete((r, e) -> guard.close());
      }
    }
  }

  private CompletionStage<MutableHttpResponse<?>> whole(ResponseGuard guard, MediaType type, MutableHttpResponse<?> response,
      Object body) {
    if (body instanceof Publisher<?> chunks) {
      return collect(chunks, guard, type).thenApply(out -> checked(guard, response, out));
    }
    if (body != null && needsBlockingWriter(body, type)) {
      return CompletableFuture.supplyAsync(() -> checked(guard, response, through(guard, encode(body, type))), blocking);
    }
    return CompletableFuture.completedFuture(checked(guard, response, through(guard, body == null ? new byte[0] : encode(body, type))));
  }

  /** A whole body through the guard: what to write unless the guard rejects it. */
  private static byte[] through(ResponseGuard guard, byte[] body) {
    byte[] out = guard.accept(body, 0, body.length);
    return concat(out, guard.finish());
  }

  private static MutableHttpResponse<?> checked(ResponseGuard guard, MutableHttpResponse<?> response, byte[] out) {
    if (guard.rejection() != null) {
      return rejected(response, guard.rejection());
    }
    guard.headers().forEach(response.getHeaders()::set);
    return ((MutableHttpResponse<Object>) response).body(out);
  }

  /** The guard's error answer in place of {@code response}, keeping the request's {@code X-LockLLM-*} headers. */
  private static MutableHttpResponse<?> rejected(MutableHttpResponse<?> response, ErrorResponse error) {
    MutableHttpResponse<byte[]> rejected = HttpResponse.<byte[]>status(HttpStatus.valueOf(error.status()))
        .contentType(ErrorResponse.CONTENT_TYPE)
        .body(error.body());
    response.getHeaders().forEach((name, values) -> {
      if (name.toLowerCase(Locale.ROOT).startsWith("x-lockllm-")) {
        values.forEach(value -> rejected.getHeaders().add(name, value));
      }
    });
    error.headers().forEach(rejected.getHeaders()::set);
    return rejected;
  }

  /** Releases a streamed body that will not be sent: subscribes and cancels at once. */
  private static void discard(Object body) {
    if (body instanceof Publisher<?> chunks) {
      chunks.subscribe(new Subscriber<Object>() {
        @Override
        public void onSubscribe(Subscription s) {
          s.cancel();
        }

        @Override
        public void onNext(Object chunk) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onComplete() {}
      });
    }
  }

  /** A whole answer a publisher emits, through the guard (which holds at most its buffer limit, or stops). */
  private CompletionStage<byte[]> collect(Publisher<?> chunks, ResponseGuard guard, MediaType type) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    chunks.subscribe(new Subscriber<Object>() {
      private final ByteArrayOutputStream out = new ByteArrayOutputStream();
      private Subscription subscription;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Object chunk) {
        if (result.isDone()) {
          return;
        }
        try {
          byte[] bytes = encode(chunk, type);
          out.writeBytes(guard.accept(bytes, 0, bytes.length));
        } catch (RuntimeException e) {
          subscription.cancel();
          result.completeExceptionally(e);
          return;
        }
        if (guard.stopped()) {
          subscription.cancel();
          onComplete();
        }
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        if (!result.isDone()) {
          try {
            out.writeBytes(guard.finish());
            result.complete(out.toByteArray());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        }
      }
    });
    return result;
  }

  /** The bytes the server would write for {@code value}, a body or one chunk of it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private byte[] encode(Object value, MediaType type) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof CharSequence text) {
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof ByteBuffer<?> buffer) {
      return buffer.toByteArray();
    }
    if (value instanceof java.nio.ByteBuffer buffer) {
      java.nio.ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    Argument argument = Argument.ofInstance(value);
    MessageBodyWriter writer = writers.getWriter(argument, List.of(type));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.writeTo(argument, type, value, new SimpleHttpHeaders(), out);
    return out.toByteArray();
  }

  private boolean needsBlockingWriter(Object body, MediaType type) {
    if (body instanceof byte[] || body instanceof CharSequence || body instanceof ByteBuffer<?>
        || body instanceof java.nio.ByteBuffer) {
      return false;
    }
    return writers.findWriter(Argument.ofInstance(body), List.of(type)).map(MessageBodyWriter::isBlocking).orElse(false);
  }

  /** The type Micronaut writes a body without a {@code Content-Type} in: the route's first {@code produces}, else JSON. */
  private static MediaType defaultType(HttpRequest<?> request) {
    return RouteAttributes.getRouteInfo(request)
        .map(RouteInfo::getProduces)
        .filter(produces -> !produces.isEmpty())
        .map(produces -> produces.get(0))
        .orElse(MediaType.APPLICATION_JSON_TYPE);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (b.length == 0) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
