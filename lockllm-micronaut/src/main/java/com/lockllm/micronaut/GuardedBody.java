package com.lockllm.micronaut;

import com.lockllm.output.ResponseGuard;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A streamed answer body passed through its {@link ResponseGuard}: each upstream chunk goes through
 * {@link ResponseGuard#accept}, what comes back is emitted, and {@link ResponseGuard#finish} ends
 * it. One chunk is requested upstream at a time, only while the client has demand, so at most one
 * chunk and the guard's bounded hold-back are in memory. A stopped guard (a block) cancels the
 * upstream; the guard is closed on completion, error and cancellation (a client that went away).
 * Single use. Not API.
 */
final class GuardedBody implements Publisher<byte[]> {
  private final Publisher<?> upstream;
  private final ResponseGuard guard;
  private final Function<Object, byte[]> encoder;

  /** @param encoder the bytes of one upstream element ({@code byte[]}, text, buffers, or objects the server writes) */
  GuardedBody(Publisher<?> upstream, ResponseGuard guard, Function<Object, byte[]> encoder) {
    this.upstream = upstream;
    this.guard = guard;
    this.encoder = encoder;
  }

  @Override
  public void subscribe(Subscriber<? super byte[]> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    upstream.subscribe(new Relay(subscriber));
  }

  /** Upstream subscriber and downstream subscription; {@link #drain} serialises every signal to the client. */
  private final class Relay implements Subscriber<Object>, Subscription {
    private final Subscriber<? super byte[]> downstream;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Subscription subscription;
    private volatile long demand;
    /** checked bytes waiting for demand */
    private volatile byte[] pending;
    /** a chunk was requested upstream and has not arrived */
    private volatile boolean requested;
    private volatile boolean upstreamDone;
    private volatile Throwable failure;
    private volatile boolean finished;
    private volatile boolean done;

    Relay(Subscriber<? super byte[]> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(Object item) {
      if (done) {
        return;
      }
      byte[] in;
      byte[] out;
      try {
        in = encoder.apply(item);
        out = guard.accept(in, 0, in.length);
      } catch (RuntimeException e) {
        subscription.cancel();
        onError(e);
        return;
      }
      if (out.length > 0) {
        pending = out;
      }
      if (guard.stopped()) {
        // the answer has ended here (a block): read no more of it
        subscription.cancel();
        upstreamDone = true;
      }
      requested = false;
      drain();
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      upstreamDone = true;
      drain();
    }

    @Override
    public void onComplete() {
      upstreamDone = true;
      drain();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("§3.9: request must be positive, got " + n));
        return;
      }
      synchronized (this) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      if (!done) {
        done = true;
        subscription.cancel();
        guard.close();
      }
    }

    /** Emits what has demand, ends the body, or asks upstream for the next chunk; on one thread at a time. */
    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        if (!done) {
          step();
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void step() {
      byte[] out = pending;
      if (out != null) {
        if (demand == 0) {
          return;
        }
        pending = null;
        synchronized (this) {
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
        }
        downstream.onNext(out);
        if (done) {
          return;
        }
      }
      if (!upstreamDone) {
        if (!requested && demand > 0) {
          requested = true;
          subscription.request(1);
        }
        return;
      }
      Throwable error = failure;
      if (error == null && !finished) {
        finished = true;
        try {
          byte[] tail = guard.finish();
          if (tail.length > 0) {
            pending = tail;
            step();
            return;
          }
        } catch (RuntimeException e) {
          error = e;
        }
      }
      done = true;
      guard.close();
      if (error != null) {
        // what the guard still held was never checked whole: dropped, not sent
        downstream.onError(error);
      } else {
        downstream.onComplete();
      }
    }
  }
}
