package com.lockllm.samples.gateway.proxy;

import com.lockllm.error.ErrorResponse;
import com.lockllm.error.LockLLMErrors;
import com.lockllm.error.LockLLMException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer written to the client with no thread waiting on it: the request goes asynchronous
 * (Servlet async with non-blocking writes), and the answer's parts arrive on whichever thread has
 * them (the upstream's HTTP client, the echo model's schedule). A part is written once the client
 * can take it, and the next one is asked for only after that, so a slow client slows its upstream
 * instead of filling the heap; the client going away cancels the upstream. The response goes
 * through whatever wraps it (the answer-side guard checks a stream event by event, and ends it on
 * {@link AsyncContext#complete()}). Not API.
 *
 * <p>Every step runs in {@link #drain}, on one thread at a time: a thread with news (a part, the
 * end, the client writable or gone) leaves it here and drains, unless another thread is draining,
 * which then drains again. No thread ever waits for another, and the response, which is not
 * thread-safe, is touched by one at a time.
 */
final class AsyncAnswer implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Logger log = LoggerFactory.getLogger(AsyncAnswer.class);
  private static final byte[] NOTHING = new byte[0];

  private final AsyncContext async;
  private final HttpServletResponse response;
  private final AtomicInteger signals = new AtomicInteger();
  private final Client client = new Client();
  // Set by any thread, read by the draining one.
  private volatile Consumer<HttpServletResponse> head;
  private volatile boolean streamed;
  private final AtomicReference<byte[]> part = new AtomicReference<>();
  private volatile boolean ended;
  private volatile LockLLMException failed;
  private volatile Flow.Subscription subscription;
  private volatile Runnable cancel = () -> {};
  private volatile boolean gone;
  private volatile boolean completed;
  // The draining thread's own.
  private ServletOutputStream out;
  private boolean flush;
  private boolean requested;
  private boolean done;

  private AsyncAnswer(AsyncContext async, HttpServletResponse response) {
    this.async = async;
    this.response = response;
  }

  /**
   * Makes the request asynchronous, with no time limit (a stream lasts as long as its upstream
   * sends, as on a blocking thread; the upstream's answer is awaited for the read timeout). The
   * answer goes to the async context's response: the answer-side guard's when the route checks
   * answers (its request starts async with it), else the container's.
   */
  static AsyncAnswer start(HttpServletRequest request) {
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    AsyncAnswer answer = new AsyncAnswer(async, (HttpServletResponse) async.getResponse());
    async.addListener(answer.client);
    return answer;
  }

  /** Runs blocking work (a cache write) on the container's threads, unless the exchange has ended. */
  void run(Runnable work) {
    try {
      async.start(work);
    } catch (IllegalStateException ended) {
      log.debug("the exchange ended before its answer");
    }
  }

  /** What cancels the upstream before it answered (its headers). */
  void cancelWith(Runnable cancel) {
    this.cancel = cancel;
  }

  /**
   * The answer's status and headers, set on the response just before its first byte; a streamed
   * answer's body comes through this subscriber, each part flushed, the headers first.
   */
  void stream(Consumer<HttpServletResponse> head) {
    this.streamed = true;
    this.head = head;
    signal();
  }

  /** A whole answer: its status and headers, and its body. */
  void answer(Consumer<HttpServletResponse> head, byte[] body) {
    part.set(body);
    ended = true;
    this.head = head;
    signal();
  }

  /**
   * The upstream failed: answered with the LockLLM error JSON before the answer started; after, the
   * answer ends where it broke off, as the blocking copy's did, and a warning is logged.
   */
  void fail(LockLLMException e) {
    if (head == null) {
      ErrorResponse error = LockLLMErrors.toResponse(e);
      answer(r -> {
        r.setStatus(error.status());
        error.headers().forEach(r::setHeader);
        r.setContentLength(error.body().length);
      }, error.body());
    } else {
      failed = e;
      signal();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    signal();
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    int size = 0;
    for (ByteBuffer buffer : buffers) {
      size += buffer.remaining();
    }
    byte[] bytes = size == 0 ? NOTHING : new byte[size];
    int at = 0;
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      buffer.get(bytes, at, n);
      at += n;
    }
    part.set(bytes);
    signal();
  }

  @Override
  public void onError(Throwable throwable) {
    if (!ended && failed == null) {
      failed = throwable instanceof LockLLMException e ? e
          : new LockLLMException("The upstream's answer broke off: " + throwable.getClass().getSimpleName(),
              "upstream_error", "provider_error", 502, null);
    }
    signal();
  }

  @Override
  public void onComplete() {
    ended = true;
    signal();
  }

  /** The client's side: writable again, or gone. */
  private final class Client implements WriteListener, AsyncListener {
    @Override
    public void onWritePossible() {
      signal();
    }

    /** A write failed: the client went away ({@link #onError(AsyncEvent)} follows). */
    @Override
    public void onError(Throwable t) {
      gone = true;
    }

    /**
     * The client went away. Only this thread, the container's, may end the exchange now (else the
     * container dispatches to an error page), whoever is draining.
     */
    @Override
    public void onError(AsyncEvent event) {
      gone = true;
      cancel();
      complete();
      signal();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      gone = true;
      signal();
    }

    @Override
    public void onComplete(AsyncEvent event) {
      completed = true;
      gone = true;
      signal();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not restarted
    }
  }

  private void signal() {
    if (signals.getAndIncrement() != 0) {
      return;
    }
    do {
      drain();
    } while (signals.decrementAndGet() != 0);
  }

  private void drain() {
    if (done) {
      return;
    }
    if (gone) {
      end();
      return;
    }
    Consumer<HttpServletResponse> h = head;
    if (h == null) {
      return;
    }
    try {
      if (out == null) {
        h.accept(response);
        out = response.getOutputStream();
        flush = streamed;
        // Tomcat calls onWritePossible as soon as the client can take bytes.
        out.setWriteListener(client);
        return;
      }
      while (out.isReady()) {
        if (flush) {
          flush = false;
          out.flush();
          continue;
        }
        byte[] next = part.getAndSet(null);
        if (next != null) {
          requested = false;
          if (next.length > 0) {
            out.write(next);
            flush = streamed;
          }
          continue;
        }
        if (ended || failed != null) {
          if (part.get() != null) {
            continue;
          }
          finish();
          return;
        }
        Flow.Subscription s = subscription;
        if (s != null && !requested) {
          requested = true;
          s.request(1);
          continue;
        }
        return;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or the answer-side guard ended the answer: the upstream stops.
      log.debug("answer ended early: {}", e.getClass().getSimpleName());
      end();
    }
  }

  /** The last part is written: the answer ends as it should, or, upstream broken off, where it broke. */
  private void finish() {
    done = true;
    LockLLMException e = failed;
    if (e != null && !ended) {
      log.warn("error after the answer started: {}", e.getMessage());
      cancel();
    }
    complete();
  }

  /** Early: no more is written, the upstream is cancelled and the exchange ends. */
  private void end() {
    done = true;
    cancel();
    if (!completed) {
      complete();
    }
  }

  private void complete() {
    try {
      async.complete();
    } catch (IllegalStateException ended) {
      log.debug("the exchange has ended already");
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    cancel.run();
  }
}
